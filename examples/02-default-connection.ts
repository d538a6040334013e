// Seed § "Change the default connection": on registration with `default: true`, or on the fly.
import { defaultConnectionName, execute, registerConnection, setDefaultConnection } from '@cassia/core';
import { registerConnections } from './01-register-connections';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

async function defaultClusterName(): Promise<unknown> {
  return (await execute('SELECT cluster_name FROM system.local')).first()?.get('cluster_name');
}

export async function changeDefaultConnection(w: Walkthrough): Promise<void> {
  w.step("registerConnection('cluster2', ['127.0.0.2'], { default: true })");
  // Registering a taken name is an error in Cassia unless you say `replace: true`.
  await registerConnection('cluster2', { contactPoints: [w.hosts.cluster2], default: true, replace: true });
  w.show('default connection', defaultConnectionName());
  const viaDefault = await defaultClusterName();
  w.show('cluster_name through the default', viaDefault);
  w.check(defaultConnectionName() === 'cluster2' && viaDefault === 'cluster2', "the default is now 'cluster2'");

  w.step("setDefaultConnection('default') then setDefaultConnection('cluster2'), on the fly");
  setDefaultConnection('default');
  const before = await defaultClusterName();
  setDefaultConnection('cluster2');
  const after = await defaultClusterName();
  w.show('cluster_name through the default, before → after', `${String(before)} → ${String(after)}`);
  w.check(before === 'cluster1' && after === 'cluster2', 'switching the default re-routes unnamed statements');
}

if (require.main === module) runAsScript([registerConnections, changeDefaultConnection]);
