// syncTables on cluster1 and cluster2: creates many models' tables per target from one schema read
// per round, adds a column to the table that lacks it, and a model that contradicts the database
// fails its target (SchemaMismatchError, nothing run there) while the other target completes.
import { Client } from 'cassandra-driver';
import { ConnectionRegistry, SchemaMismatchError } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { syncReportOf, syncTables } from '../src';

const KS = 'migrate_sync_tables';
const clusters = testClusters();
let registry: ConnectionRegistry;
const raw: Record<'c1' | 'c2', Client> = {
  c1: new Client({ contactPoints: [clusters.cluster1], localDataCenter: 'datacenter1' }),
  c2: new Client({ contactPoints: [clusters.cluster2], localDataCenter: 'datacenter1' }),
};

const tables = Array.from({ length: 5 }, (_, i) =>
  defineModel({ table: `t${i}`, columns: { id: t.int(), v: t.text() }, partitionKey: 'id' }),
);

async function columnNames(client: Client, table: string): Promise<string[]> {
  const result = await client.execute('SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [KS, table], { prepare: true });
  return result.rows.map((row) => String(row.column_name)).sort();
}

beforeAll(async () => {
  for (const client of Object.values(raw)) {
    await client.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
    await client.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  }
  registry = new ConnectionRegistry();
  await registry.registerConnection('c1', { contactPoints: [clusters.cluster1], keyspace: KS });
  await registry.registerConnection('c2', { contactPoints: [clusters.cluster2], keyspace: KS });
});

afterAll(async () => {
  await registry.shutdown();
  for (const client of Object.values(raw)) {
    await client.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
    await client.shutdown();
  }
});

describe('syncTables', () => {
  it('creates every table on every target, then finds them unchanged', async () => {
    const created = await syncTables(tables, { registry, connections: ['c1', 'c2'] });
    expect(created.map((r) => `${r.connection} ${r.table} ${r.action}`)).toEqual([
      ...tables.map((m) => `c1 ${m.table} created`),
      ...tables.map((m) => `c2 ${m.table} created`),
    ]);
    for (const client of Object.values(raw)) for (const model of tables) expect(await columnNames(client, model.table)).toEqual(['id', 'v']);
    const again = await syncTables(tables, { registry, connections: ['c1', 'c2'] });
    expect(again.every((r) => r.action === 'unchanged' && r.statements.length === 0)).toBe(true);
  });

  it('adds a missing column only where it is missing', async () => {
    await raw.c2.execute(`ALTER TABLE "${KS}".t1 ADD extra int`);
    const t1 = defineModel({ table: 't1', columns: { id: t.int(), v: t.text(), extra: t.int() }, partitionKey: 'id' });
    const results = await syncTables([tables[0], t1], { registry, connections: ['c1', 'c2'] });
    expect(results.map((r) => `${r.connection} ${r.table} ${r.action} ${r.statements.length}`)).toEqual([
      'c1 t0 unchanged 0',
      'c1 t1 updated 1',
      'c2 t0 unchanged 0',
      'c2 t1 unchanged 0',
    ]);
    expect(await columnNames(raw.c1, 't1')).toEqual(['extra', 'id', 'v']);
  });

  it('fails the target a model contradicts, runs nothing there, and completes the other', async () => {
    await raw.c1.execute(`DROP TABLE "${KS}".t4`);
    await raw.c2.execute(`ALTER TABLE "${KS}".t3 ADD w text`);
    const t3 = defineModel({ table: 't3', columns: { id: t.int(), v: t.text(), w: t.int() }, partitionKey: 'id' });
    const error = await syncTables([t3, tables[4]], { registry, connections: ['c1', 'c2'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaMismatchError);
    const report = syncReportOf(error);
    expect(report?.failures.map((f) => f.connection)).toEqual(['c2']);
    expect(report?.results.map((r) => `${r.connection} ${r.table} ${r.action}`)).toEqual(['c1 t3 updated', 'c1 t4 created']);
    expect(await columnNames(raw.c1, 't4')).toEqual(['id', 'v']);
    expect(await columnNames(raw.c2, 't3')).toEqual(['id', 'v', 'w']);
  });
});
