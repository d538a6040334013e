// Seed § "Register a new connection": setup() makes the 'default' connection; more clusters are
// registered by name, from contact points or from a driver client you already have.
import { Client } from 'cassandra-driver';
import { getConnection, listConnections, registerConnection, REQUIRED_DRIVER_ENCODING, setup } from '@cassia/core';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

const systemLocal = 'SELECT cluster_name FROM system.local';

export async function registerConnections(w: Walkthrough): Promise<void> {
  w.step("setup(['127.0.0.1']), registerConnection('cluster1', ['127.0.0.1']) and registerConnection('cluster2', ['127.0.0.2'])");
  // The keyspace is only the connection's default; it need not exist yet (it is created in step 4).
  await setup({ contactPoints: [w.hosts.cluster1], keyspace: 'test' });
  await registerConnection('cluster1', { contactPoints: [w.hosts.cluster1] });
  await registerConnection('cluster2', { contactPoints: [w.hosts.cluster2] });
  w.show('connections', listConnections());
  const names = await Promise.all(['default', 'cluster1', 'cluster2'].map(async (name) => (await getConnection(name).execute(systemLocal)).first()?.get('cluster_name')));
  w.show('cluster_name seen through default, cluster1, cluster2', names);
  w.check(names.join() === 'cluster1,cluster1,cluster2', 'each connection reaches its own cluster');

  w.step("registerConnection('cluster3', { client }) from an existing driver client");
  // A client handed to Cassia needs the driver encoding Cassia's value mapping relies on.
  const client = new Client({ contactPoints: [w.hosts.cluster1], localDataCenter: 'datacenter1', encoding: REQUIRED_DRIVER_ENCODING });
  await client.connect();
  await registerConnection('cluster3', { client });
  const viaCluster3 = (await getConnection('cluster3').execute(systemLocal)).first()?.get('cluster_name');
  w.show("cluster_name through 'cluster3'", viaCluster3);
  w.check(viaCluster3 === 'cluster1' && getConnection('cluster3').ownsClient === false, "'cluster3' runs on the caller's client, which Cassia does not own");
}

if (require.main === module) runAsScript([registerConnections]);
