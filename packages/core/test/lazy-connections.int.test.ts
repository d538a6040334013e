// Many registered connections (issue 22): 20 names registered with lazyConnect against cluster1 and
// cluster2 hold no socket until a statement uses them, as the nodes themselves report
// (system_views.clients, read with raw clients); each connection's heap cost is reported, unused
// and connected. Each connection names itself through the driver's applicationName.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ConnectionRegistry, type PassThroughClientOptions } from '@cassia/core';
import type { Client } from 'cassandra-driver';
import { clusterContactPoints, rawClient } from './clusters';

setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapUsed = (): number => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

const CONNECTIONS = 20;
const USED = [0, 7, 13];
const prefix = `cassia-lazy-${process.pid}-`;
const contactPoints = clusterContactPoints();
const clusterOf = (i: number): 'cluster1' | 'cluster2' => (i % 2 === 0 ? 'cluster1' : 'cluster2');
const raw: Record<string, Client> = {};

/** The connection numbers that have sockets open on either node, by the driver applicationName they sent. */
async function connectedNumbers(): Promise<number[]> {
  const numbers = new Set<number>();
  for (const client of Object.values(raw)) {
    for (const row of (await client.execute('SELECT client_options FROM system_views.clients')).rows) {
      const name = (row.client_options as Map<string, string> | null)?.get('APPLICATION_NAME');
      if (name?.startsWith(prefix)) numbers.add(Number(name.slice(prefix.length)));
    }
  }
  return [...numbers].sort((a, b) => a - b);
}

beforeAll(async () => {
  raw.cluster1 = rawClient(contactPoints.cluster1);
  raw.cluster2 = rawClient(contactPoints.cluster2);
  await Promise.all([raw.cluster1.connect(), raw.cluster2.connect()]);
});
afterAll(() => Promise.all([raw.cluster1.shutdown(), raw.cluster2.shutdown()]));

it('20 lazily registered connections hold no sockets until used; memory per connection reported', async () => {
  const registry = new ConnectionRegistry();
  const before = heapUsed();
  for (let i = 0; i < CONNECTIONS; i++) {
    await registry.registerConnection(`tenant_db_${i}`, {
      contactPoints: [contactPoints[clusterOf(i)]],
      lazyConnect: true,
      keyspace: 'system',
      allowSystemKeyspaces: true,
      // A driver option its typings list only for DSE clients; the protocol's STARTUP sends it to the node.
      clientOptions: { applicationName: `${prefix}${i}` } as PassThroughClientOptions,
    });
  }
  const registered = heapUsed();
  expect(registry.listConnections()).toHaveLength(CONNECTIONS);
  expect(await connectedNumbers()).toEqual([]);

  for (const i of USED) {
    const result = await registry.execute('SELECT release_version FROM system.local', [], { connection: `tenant_db_${i}` });
    expect(result.rows).toHaveLength(1);
  }
  const used = heapUsed();
  // Only the connections that ran a statement have sockets; the other 17 still have none.
  expect(await connectedNumbers()).toEqual(USED);

  await registry.shutdown();
  expect(await connectedNumbers()).toEqual([]);
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(
    `[fleet] lazy connections: ${CONNECTIONS} registered, heap per unused connection ${kib((registered - before) / CONNECTIONS)}, ` +
      `per connected one ${kib((used - registered) / USED.length)} more (control connection, pool, metadata)`,
  );
}, 120_000);
