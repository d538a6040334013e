// Seed § "Management": create every keyspace on every connection, then sync the model on all
// (connection × keyspace) targets at once.
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { registerConnections } from './01-register-connections';
import { Automobile } from './support/automobile';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

export const keyspaces = ['ks1', 'ks2'];
export const conns = ['cluster1', 'cluster2'];

export async function manageSchema(w: Walkthrough): Promise<void> {
  w.step("for ks of ['ks1', 'ks2']: createSimpleKeyspace(ks, { replicationFactor: 1, connections: ['cluster1', 'cluster2'] })");
  // 'test' too: it is Automobile's own keyspace, used by the later steps.
  for (const ks of [...keyspaces, 'test']) {
    await createSimpleKeyspace(ks, { replicationFactor: 1, connections: conns });
  }

  w.step('syncTable(Automobile, { keyspaces, connections: conns })');
  const results = await syncTable(Automobile, { keyspaces: [...keyspaces, 'test'], connections: conns });
  for (const r of results) w.show(`${r.connection}/${r.keyspace}.${r.table}`, `${r.action} (${r.statements.length} statement(s))`);
  w.check(results.length === 6 && results.every((r) => r.action !== 'unchanged' || r.statements.length === 0), 'one result per connection × keyspace');
  const tables = await Promise.all(
    conns.flatMap((cluster) =>
      [...keyspaces, 'test'].map(async (ks) => {
        const found = await w.raw(cluster as 'cluster1' | 'cluster2').execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [ks, 'automobile'], { prepare: true });
        return found.rowLength;
      }),
    ),
  );
  w.check(tables.every((n) => n === 1), 'the automobile table exists in ks1, ks2 and test on both clusters');

  w.step('syncTable again: nothing left to do');
  const again = await syncTable(Automobile, { keyspaces, connections: conns });
  w.show('actions', again.map((r) => r.action));
  w.check(again.every((r) => r.action === 'unchanged' && r.statements.length === 0), 'a second sync is unchanged and runs no DDL');
}

/** Drops what the walkthrough created. */
export async function dropSeedKeyspaces(): Promise<void> {
  for (const ks of [...keyspaces, 'test']) await dropKeyspace(ks, { connections: conns });
}

if (require.main === module) runAsScript([registerConnections, manageSchema], dropSeedKeyspaces);
