// issue 6 on real clusters: the seed's loop (keyspaces ks1, ks2 on cluster1 and cluster2, Automobile
// synced everywhere), schema evolution, mismatches, options, UDTs, a down connection, drops.
import { Client } from 'cassandra-driver';
import { ConnectionError, ConnectionRegistry, SchemaMismatchError } from '@cassia/core';
import { defineModel, defineType, t, type TableOptions } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import {
  createSimpleKeyspace,
  dropKeyspace,
  dropTable,
  planSync,
  syncReportOf,
  syncTable,
  syncType,
  type SyncResult,
} from '../src';

const KS1 = 'cassia_mgmt_ks1';
const KS2 = 'cassia_mgmt_ks2';
const KEYSPACES = [KS1, KS2];
const CONNECTIONS = ['cluster1', 'cluster2'];
const contactPoints = testClusters();

const automobileColumns = { manufacturer: t.text(), year: t.int(), model: t.text() };
function automobile(extra: Record<string, ReturnType<typeof t.text> | ReturnType<typeof t.int>> = {}, options?: TableOptions) {
  return defineModel({
    table: 'automobile',
    columns: { ...automobileColumns, ...extra },
    partitionKey: 'manufacturer',
    clusteringKey: ['year', 'model'],
    options,
  });
}

let registry: ConnectionRegistry;
const raw: Record<string, Client> = {};

async function columnsOf(connection: string, keyspace: string, table: string): Promise<Record<string, string>> {
  const result = await raw[connection].execute(
    'SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?',
    [keyspace, table],
    { prepare: true },
  );
  return Object.fromEntries(result.rows.map((row) => [String(row.column_name), String(row.type)]));
}

async function tableRow(connection: string, keyspace: string, table: string) {
  const result = await raw[connection].execute(
    'SELECT * FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
    [keyspace, table],
    { prepare: true },
  );
  return result.rows[0];
}

async function dropAll(): Promise<void> {
  for (const client of Object.values(raw)) {
    for (const keyspace of KEYSPACES) await client.execute(`DROP KEYSPACE IF EXISTS "${keyspace}"`);
  }
}

function everyTarget(results: readonly SyncResult[]): string[] {
  return results.map((r) => `${r.connection}/${r.keyspace}:${r.action}`);
}

beforeAll(async () => {
  raw.cluster1 = new Client({ contactPoints: [contactPoints.cluster1], localDataCenter: 'datacenter1' });
  raw.cluster2 = new Client({ contactPoints: [contactPoints.cluster2], localDataCenter: 'datacenter1' });
  await dropAll();
  registry = new ConnectionRegistry();
  await registry.registerConnection('cluster1', { contactPoints: [contactPoints.cluster1], default: true });
  await registry.registerConnection('cluster2', { contactPoints: [contactPoints.cluster2] });
});

afterAll(async () => {
  await dropAll().catch(() => undefined);
  await registry?.shutdown();
  await Promise.all(Object.values(raw).map((client) => client.shutdown()));
});

describe('management on cluster1 and cluster2', () => {
  it('creates ks1 and ks2 on both connections; creating again changes nothing', async () => {
    const lines: string[] = [];
    for (const keyspace of KEYSPACES) {
      await createSimpleKeyspace(keyspace, { registry, replicationFactor: 1, connections: CONNECTIONS, onProgress: (l) => lines.push(l) });
    }
    expect(lines.sort()).toEqual([
      `cluster1/${KS1}: keyspace created`,
      `cluster1/${KS2}: keyspace created`,
      `cluster2/${KS1}: keyspace created`,
      `cluster2/${KS2}: keyspace created`,
    ]);
    await createSimpleKeyspace(KS1, { registry, replicationFactor: 3, durableWrites: false, connections: CONNECTIONS });
    for (const connection of CONNECTIONS) {
      const row = (
        await raw[connection].execute('SELECT * FROM system_schema.keyspaces WHERE keyspace_name = ?', [KS1], { prepare: true })
      ).rows[0];
      expect(row.durable_writes).toBe(true);
      expect(row.replication.replication_factor).toBe('1');
    }
  });

  it('syncs Automobile on every connection × keyspace: 4 tables', async () => {
    const lines: string[] = [];
    const results = await syncTable(automobile(), { registry, keyspaces: KEYSPACES, connections: CONNECTIONS, onProgress: (l) => lines.push(l) });
    expect(everyTarget(results)).toEqual([
      `cluster1/${KS1}:created`,
      `cluster1/${KS2}:created`,
      `cluster2/${KS1}:created`,
      `cluster2/${KS2}:created`,
    ]);
    expect(lines).toContain(`cluster2/${KS2} automobile: created (1 statement)`);
    for (const connection of CONNECTIONS) {
      for (const keyspace of KEYSPACES) {
        expect(await columnsOf(connection, keyspace, 'automobile')).toEqual({ manufacturer: 'text', year: 'int', model: 'text' });
      }
    }
  });

  it('a second sync reports unchanged and runs no DDL', async () => {
    const queries: string[] = [];
    const off = registry.onEvent((event) => {
      if (event.type === 'query') queries.push(event.cql);
    });
    const results = await syncTable(automobile(), { registry, keyspaces: KEYSPACES, connections: CONNECTIONS });
    off();
    expect(results.every((r) => r.action === 'unchanged' && r.statements.length === 0)).toBe(true);
    expect(queries.every((cql) => cql.startsWith('SELECT'))).toBe(true);
  });

  it('adds a new model column on all 4 targets and keeps the data', async () => {
    for (const connection of CONNECTIONS) {
      for (const keyspace of KEYSPACES) {
        await raw[connection].execute(`INSERT INTO "${keyspace}"."automobile" (manufacturer, year, model) VALUES (?, ?, ?)`, ['honda', 2010, 'civic'], { prepare: true });
      }
    }
    const results = await syncTable(automobile({ color: t.text() }), { registry, keyspaces: KEYSPACES, connections: CONNECTIONS });
    expect(results.map((r) => r.action)).toEqual(['updated', 'updated', 'updated', 'updated']);
    expect(results[0].statements).toEqual([`ALTER TABLE "${KS1}"."automobile" ADD IF NOT EXISTS "color" text`]);
    for (const connection of CONNECTIONS) {
      for (const keyspace of KEYSPACES) {
        expect((await columnsOf(connection, keyspace, 'automobile')).color).toBe('text');
        const rows = (await raw[connection].execute(`SELECT * FROM "${keyspace}"."automobile"`)).rows;
        expect(rows.map((row) => [row.manufacturer, row.model, row.color])).toEqual([['honda', 'civic', null]]);
      }
    }
  });

  it('a changed column type fails every target with SchemaMismatchError and alters nothing', async () => {
    const Changed = automobile({ color: t.int(), mileage: t.int() });
    const error = await syncTable(Changed, { registry, keyspaces: KEYSPACES, connections: CONNECTIONS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaMismatchError);
    expect(error).toMatchObject({ column: 'color', expected: 'int', actual: 'text' });
    const { failures } = syncReportOf(error)!;
    expect(failures).toHaveLength(4);
    for (const failure of failures) {
      expect(failure.error).toBeInstanceOf(SchemaMismatchError);
      expect(failure.error).toMatchObject({ connection: failure.connection, keyspace: failure.keyspace, table: 'automobile', column: 'color', expected: 'int', actual: 'text' });
    }
    for (const connection of CONNECTIONS) {
      for (const keyspace of KEYSPACES) {
        const columns = await columnsOf(connection, keyspace, 'automobile');
        expect(columns.mileage).toBeUndefined();
        expect(columns.color).toBe('text');
      }
    }
  });

  it('updates changed table options through ALTER, and they round-trip exactly', async () => {
    const comment = `Bob's "best" car; it's fine`;
    const Model = automobile({ color: t.text() }, { comment, default_time_to_live: 3600, compaction: { class: 'LeveledCompactionStrategy' } });
    const results = await syncTable(Model, { registry, keyspaces: KEYSPACES, connections: CONNECTIONS });
    expect(results.map((r) => r.action)).toEqual(['updated', 'updated', 'updated', 'updated']);
    expect(results[0].statements).toHaveLength(1);
    expect(results[0].statements[0]).toMatch(/^ALTER TABLE .* WITH /);
    for (const connection of CONNECTIONS) {
      const row = await tableRow(connection, KS2, 'automobile');
      expect(row.comment).toBe(comment);
      expect(row.default_time_to_live).toBe(3600);
      expect(String(row.compaction.class ?? row.compaction.get?.('class'))).toMatch(/LeveledCompactionStrategy$/);
    }
    const again = await syncTable(Model, { registry, keyspaces: KEYSPACES, connections: CONNECTIONS });
    expect(again.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('planSync reports the statements and runs nothing', async () => {
    const results = await planSync(automobile({ color: t.text(), doors: t.int() }), { registry, keyspaces: KEYSPACES, connections: CONNECTIONS });
    expect(results.map((r) => r.action)).toEqual(['updated', 'updated', 'updated', 'updated']);
    expect(results[3].statements).toContain(`ALTER TABLE "${KS2}"."automobile" ADD IF NOT EXISTS "doors" int`);
    for (const connection of CONNECTIONS) expect((await columnsOf(connection, KS1, 'automobile')).doors).toBeUndefined();
  });

  it('warns about a column of a hand-made table that the model lacks, and never drops it', async () => {
    await raw.cluster1.execute(`CREATE TABLE "${KS1}".by_hand (id text PRIMARY KEY, extra int)`);
    const ByHand = defineModel({ table: 'by_hand', columns: { id: t.text(), name: t.text() }, partitionKey: 'id' });
    const [result] = await syncTable(ByHand, { registry, connections: ['cluster1'], keyspaces: [KS1] });
    expect(result.action).toBe('updated');
    expect(result.warnings).toEqual([expect.stringMatching(/"extra" \(int\).*not in the model/)]);
    expect(await columnsOf('cluster1', KS1, 'by_hand')).toEqual({ id: 'text', name: 'text', extra: 'int' });
  });

  it('syncs user types: created with the table, then a field added with syncType over both connections', async () => {
    const Address = defineType({ name: 'address', fields: { street: t.text(), zip: t.int() } });
    const Person = defineModel({
      table: 'person',
      columns: { id: t.uuid(), home: t.udt(Address), past: t.list(t.frozen(t.udt(Address))), tags: t.frozen(t.map(t.text(), t.int())) },
      partitionKey: 'id',
      indexes: [{ column: 'tags', target: 'full' }],
    });
    const created = await syncTable(Person, { registry, connections: CONNECTIONS, keyspaces: [KS1] });
    expect(created[0].statements.map((s) => s.split(' (')[0])).toEqual([
      `CREATE TYPE IF NOT EXISTS "${KS1}"."address"`,
      `CREATE TABLE IF NOT EXISTS "${KS1}"."person"`,
      `CREATE INDEX IF NOT EXISTS "person_tags_idx" ON "${KS1}"."person"`,
    ]);
    expect((await syncTable(Person, { registry, connections: CONNECTIONS, keyspaces: [KS1] })).map((r) => r.action)).toEqual(['unchanged', 'unchanged']);

    const AddressV2 = defineType({ name: 'address', fields: { street: t.text(), zip: t.int(), country: t.text() } });
    const results = await syncType(AddressV2, { registry, connections: CONNECTIONS, keyspaces: [KS1, KS2] });
    expect(everyTarget(results)).toEqual([`cluster1/${KS1}:updated`, `cluster1/${KS2}:created`, `cluster2/${KS1}:updated`, `cluster2/${KS2}:created`]);
    expect(results[0].statements).toEqual([`ALTER TYPE "${KS1}"."address" ADD IF NOT EXISTS "country" text`]);
    for (const connection of CONNECTIONS) {
      const row = (
        await raw[connection].execute('SELECT field_names FROM system_schema.types WHERE keyspace_name = ? AND type_name = ?', [KS1, 'address'], { prepare: true })
      ).rows[0];
      expect(row.field_names).toEqual(['street', 'zip', 'country']);
    }
    const Wrong = defineType({ name: 'address', fields: { street: t.text(), zip: t.text() } });
    const error = await syncType(Wrong, { registry, connections: ['cluster2'], keyspaces: [KS1] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaMismatchError);
    expect(error).toMatchObject({ table: 'address', column: 'zip', expected: 'text', actual: 'int' });
  });

  it('a missing keyspace fails its target with a clear error', async () => {
    const error = await syncTable(automobile(), { registry, connections: ['cluster1'], keyspaces: [KS1, 'cassia_mgmt_missing'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_CASSIA_KEYSPACE_NOT_FOUND', keyspace: 'cassia_mgmt_missing' });
    const report = syncReportOf(error)!;
    expect(report.failures.map((f) => [f.keyspace, f.error.code])).toEqual([['cassia_mgmt_missing', 'ERR_CASSIA_KEYSPACE_NOT_FOUND']]);
    expect(report.results.map((r) => r.keyspace)).toEqual([KS1]);
  });

  it('a connection that is down fails only its own targets, and says which', async () => {
    await registry.registerConnection('down', {
      contactPoints: ['127.0.0.9:9042'],
      lazyConnect: true,
      clientOptions: { socketOptions: { connectTimeout: 1000 } },
    });
    try {
      const Model = automobile({ color: t.text(), seats: t.int() });
      const error = await syncTable(Model, { registry, connections: ['cluster1', 'down', 'cluster2'], keyspaces: [KS1] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/'down'/);
      const report = syncReportOf(error)!;
      expect(report.failures.map((f) => `${f.connection}/${f.keyspace}`)).toEqual([`down/${KS1}`]);
      expect(everyTarget(report.results)).toEqual([`cluster1/${KS1}:updated`, `cluster2/${KS1}:updated`]);
      for (const connection of CONNECTIONS) expect((await columnsOf(connection, KS1, 'automobile')).seats).toBe('int');
    } finally {
      await registry.unregisterConnection('down');
    }
  });

  it('drops the table and then the keyspaces', async () => {
    await dropTable(automobile(), { registry, keyspaces: KEYSPACES, connections: CONNECTIONS });
    for (const connection of CONNECTIONS) {
      for (const keyspace of KEYSPACES) expect(await tableRow(connection, keyspace, 'automobile')).toBeUndefined();
    }
    for (const keyspace of KEYSPACES) await dropKeyspace(keyspace, { registry, connections: CONNECTIONS });
    for (const connection of CONNECTIONS) {
      const rows = (await raw[connection].execute('SELECT keyspace_name FROM system_schema.keyspaces')).rows.map((r) => r.keyspace_name);
      expect(rows).not.toContain(KS1);
      expect(rows).not.toContain(KS2);
    }
  });
});
