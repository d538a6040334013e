// Seed § "Unregister a connection".
import { CassiaError, defaultConnectionName, execute, getConnection, listConnections, registerConnection, unregisterConnection } from '@cassia/core';
import { registerConnections } from './01-register-connections';
import { changeDefaultConnection } from './02-default-connection';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

export async function unregisterConnections(w: Walkthrough): Promise<void> {
  w.step("unregisterConnection('cluster2')");
  const removed = await unregisterConnection('cluster2');
  w.show('removed', removed);
  w.show('connections', listConnections());
  w.show('default connection', defaultConnectionName() ?? '(none)');
  const error = await execute('SELECT cluster_name FROM system.local').then(() => undefined, (e: unknown) => e);
  w.show('a statement with no connection named', error instanceof CassiaError ? `${error.name} (${error.code})` : 'ran');
  w.check(removed && !listConnections().includes('cluster2') && error instanceof CassiaError && error.code === 'ERR_CASSIA_NO_DEFAULT_CONNECTION', 'cluster2 is gone, and so is the default it was');

  w.step("unregisterConnection('cluster3'): a client you passed in stays yours, and open");
  const client = await getConnection('cluster3').getClient();
  await unregisterConnection('cluster3');
  const stillOpen = (await client.execute('SELECT cluster_name FROM system.local')).first()?.get('cluster_name');
  w.show("the caller's client after unregistering", `answers: ${String(stillOpen)}`);
  w.check(stillOpen === 'cluster1', "the caller's client was not shut down");
  await client.shutdown();

  w.step("registerConnection('cluster2', ..., { default: true }) again, for the rest of the walkthrough");
  await registerConnection('cluster2', { contactPoints: [w.hosts.cluster2], default: true });
  w.check(defaultConnectionName() === 'cluster2', "'cluster2' is registered and the default again");
}

if (require.main === module) runAsScript([registerConnections, changeDefaultConnection, unregisterConnections]);
