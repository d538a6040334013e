// issue 25 items 2 and 4 on the real clusters: a changed index is reported (never silently
// unchanged); plans the server would refuse (a field added to a user type a partition key uses, a
// dropped column re-added with another type) fail at plan time with nothing run; keyspace calls
// report other settings and replication factors above the node count; a dbName rename is named.
import { Client } from 'cassandra-driver';
import { ConnectionRegistry, SchemaMismatchError } from '@cassia/core';
import { defineModel, defineType, t, type IndexDefinition } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { createNetworkTopologyKeyspace, createSimpleKeyspace, syncTable, syncType, type KeyspaceResult } from '../src';

const KS = 'cassia_mgmt_decisions';
const KS_NEW = 'cassia_mgmt_decisions_new';
const CONNECTIONS = ['cluster1', 'cluster2'];
const contactPoints = testClusters();

let registry: ConnectionRegistry;
const raw: Record<string, Client> = {};

async function select(connection: string, cql: string, params: unknown[]) {
  return (await raw[connection].execute(cql, params, { prepare: true })).rows;
}

async function columnsOf(connection: string, table: string): Promise<Record<string, string>> {
  const rows = await select(connection, 'SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [KS, table]);
  return Object.fromEntries(rows.map((row) => [String(row.column_name), String(row.type)]));
}

async function failureOf(promise: Promise<unknown>): Promise<SchemaMismatchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SchemaMismatchError)) throw new Error(`expected a SchemaMismatchError, got ${String(error)}`);
  return error;
}

/** Statements other than reads that ran through the registry while `fn` ran. */
async function ddlDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const ddl: string[] = [];
  const off = registry.onEvent((event) => {
    if (event.type === 'query' && !event.cql.startsWith('SELECT')) ddl.push(event.cql);
  });
  try {
    await fn();
  } finally {
    off();
  }
  return ddl;
}

async function dropAll(): Promise<void> {
  for (const client of Object.values(raw)) {
    for (const keyspace of [KS, KS_NEW]) await client.execute(`DROP KEYSPACE IF EXISTS "${keyspace}"`);
  }
}

beforeAll(async () => {
  raw.cluster1 = new Client({ contactPoints: [contactPoints.cluster1], localDataCenter: 'datacenter1' });
  raw.cluster2 = new Client({ contactPoints: [contactPoints.cluster2], localDataCenter: 'datacenter1' });
  await dropAll();
  registry = new ConnectionRegistry();
  await registry.registerConnection('cluster1', { contactPoints: [contactPoints.cluster1], default: true, keyspace: KS });
  await registry.registerConnection('cluster2', { contactPoints: [contactPoints.cluster2], keyspace: KS });
});

afterAll(async () => {
  await dropAll().catch(() => undefined);
  await registry?.shutdown();
  await Promise.all(Object.values(raw).map((client) => client.shutdown()));
});

describe('keyspace calls report differences as warnings', () => {
  it('a new keyspace is created; a replication factor above the node count is a warning', async () => {
    const results: KeyspaceResult[] = await createSimpleKeyspace(KS, { registry, replicationFactor: 1, connections: CONNECTIONS });
    expect(results.map((r) => [r.connection, r.keyspace, r.action, r.warnings])).toEqual([
      ['cluster1', KS, 'created', []],
      ['cluster2', KS, 'created', []],
    ]);
    expect(results[0].statements).toEqual([`CREATE KEYSPACE IF NOT EXISTS "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}`]);
    const [tooMany] = await createSimpleKeyspace(KS_NEW, { registry, replicationFactor: 3, connections: ['cluster1'] });
    expect(tooMany.action).toBe('created');
    expect(tooMany.warnings).toEqual([expect.stringMatching(/replication factor 3 of keyspace "cassia_mgmt_decisions_new" is above the 1 node\(s\) of the cluster/)]);
  });

  it('an existing keyspace with other replication or durable_writes is left as it is, with warnings', async () => {
    const results = await createSimpleKeyspace(KS, { registry, replicationFactor: 2, durableWrites: false, connections: CONNECTIONS });
    for (const result of results) {
      expect(result.action).toBe('unchanged');
      expect(result.statements).toEqual([]);
      expect(result.warnings).toEqual([
        expect.stringMatching(/exists with replication \{class: SimpleStrategy, replication_factor: 1\}, not \{class: SimpleStrategy, replication_factor: 2\}/),
        expect.stringMatching(/exists with durable_writes = true, not false/),
        expect.stringMatching(/replication factor 2 .* above the 1 node\(s\)/),
      ]);
    }
    const [row] = await select('cluster1', 'SELECT replication, durable_writes FROM system_schema.keyspaces WHERE keyspace_name = ?', [KS]);
    expect([row.replication.replication_factor, row.durable_writes]).toEqual(['1', true]);
    const [topology] = await createNetworkTopologyKeyspace(KS, { registry, replication: { datacenter1: 1 }, connections: ['cluster1'] });
    expect(topology.warnings).toEqual([expect.stringMatching(/not \{class: NetworkTopologyStrategy, datacenter1: 1\}/)]);
    const [same] = await createSimpleKeyspace(KS, { registry, replicationFactor: 1, connections: ['cluster1'] });
    expect(same).toEqual({ connection: 'cluster1', keyspace: KS, action: 'unchanged', statements: [], warnings: [] });
  });

  it('a data center factor above its nodes is a warning', async () => {
    const [result] = await createNetworkTopologyKeyspace(KS_NEW, { registry, replication: { datacenter1: 2 }, connections: ['cluster2'] });
    expect(result.action).toBe('created');
    expect(result.warnings).toEqual([expect.stringMatching(/replication factor 2 .* above the 1 node\(s\) of data center 'datacenter1'/)]);
  });
});

describe('a changed index is reported, never silently unchanged', () => {
  const indexed = (index: IndexDefinition<'id' | 'm' | 'label' | 'note'>) =>
    defineModel({
      table: 'indexed',
      columns: { id: t.int(), m: t.map(t.text(), t.int()), label: t.text(), note: t.text() },
      partitionKey: 'id',
      indexes: [{ name: 'indexed_idx', ...index }],
    });

  it.each([
    ['keys → entries', { column: 'm', target: 'entries' }, /target keys\(m\) in the database, entries\(m\) in the model/],
    ['legacy → SAI', { column: 'm', target: 'keys', using: 'sai' }, /class legacy \(no USING\) in the database, 'sai' in the model/],
    ['another column', { column: 'label' }, /target keys\(m\) in the database, label in the model/],
  ] as const)('%s', async (_name, changed, difference) => {
    await syncTable(indexed({ column: 'm', target: 'keys' }), { registry, connections: CONNECTIONS });
    const results = await syncTable(indexed(changed as IndexDefinition<'m' | 'label'>), { registry, connections: CONNECTIONS });
    for (const result of results) {
      expect(result.action).toBe('unchanged');
      expect(result.warnings).toEqual([expect.stringMatching(difference)]);
      expect(result.warnings[0]).toMatch(/DROP INDEX "cassia_mgmt_decisions"\."indexed_idx"/);
    }
    const [index] = await select('cluster1', 'SELECT options FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = ?', [KS, 'indexed']);
    expect(index.options.target).toBe('keys(m)');
  });

  it('changed SAI options', async () => {
    await raw.cluster1.execute(`DROP TABLE IF EXISTS "${KS}"."indexed"`);
    await syncTable(indexed({ column: 'note', using: 'sai', options: { case_sensitive: 'false' } }), { registry, connections: ['cluster1'] });
    const [same] = await syncTable(indexed({ column: 'note', using: 'StorageAttachedIndex', options: { case_sensitive: 'false' } }), { registry, connections: ['cluster1'] });
    expect(same.warnings).toEqual([]);
    const [changed] = await syncTable(indexed({ column: 'note', using: 'sai', options: { normalize: 'true' } }), { registry, connections: ['cluster1'] });
    expect(changed.action).toBe('unchanged');
    expect(changed.warnings).toEqual([
      expect.stringMatching(/option case_sensitive 'false' in the database, unset in the model; option normalize unset in the database, 'true' in the model/),
    ]);
  });
});

describe('plans the server would refuse fail at plan time, before any statement', () => {
  it('a field added to a user type used in a partition key (of this or another table)', async () => {
    const Point = defineType({ name: 'key_point', fields: { x: t.int(), y: t.int() } });
    const Keyed = defineModel({ table: 'keyed', columns: { at: t.frozen(t.udt(Point)), v: t.int() }, partitionKey: 'at' });
    const Other = defineModel({ table: 'other', columns: { id: t.int(), at: t.udt(Point) }, partitionKey: 'id' });
    await syncTable(Keyed, { registry, connections: CONNECTIONS });
    await syncTable(Other, { registry, connections: CONNECTIONS });

    const PointV2 = defineType({ name: 'key_point', fields: { x: t.int(), y: t.int(), z: t.int() } });
    const OtherV2 = defineModel({ table: 'other', columns: { id: t.int(), at: t.udt(PointV2), extra: t.text() }, partitionKey: 'id' });
    let error: SchemaMismatchError | undefined;
    const ddl = await ddlDuring(async () => {
      error = await failureOf(syncTable(OtherV2, { registry, connections: CONNECTIONS }));
    });
    expect(ddl).toEqual([]);
    expect(error).toMatchObject({ code: 'ERR_CASSIA_SCHEMA_MISMATCH', table: 'key_point', column: 'z', expected: 'int' });
    expect(error!.message).toMatch(/used in the partition key of cassia_mgmt_decisions\.keyed/);
    for (const connection of CONNECTIONS) expect((await columnsOf(connection, 'other')).extra).toBeUndefined();
    await expect(syncType(PointV2, { registry, keyspaces: [KS] })).rejects.toThrow(/partition key of cassia_mgmt_decisions\.keyed/);
  });

  it('a dropped column re-added with another type; with the same type it is added', async () => {
    const Notes = (columns: Record<string, ReturnType<typeof t.text> | ReturnType<typeof t.int>>) =>
      defineModel({ table: 'notes', columns: { id: t.int(), ...columns }, partitionKey: 'id' });
    await syncTable(Notes({ body: t.text(), score: t.int() }), { registry, connections: CONNECTIONS });
    for (const connection of CONNECTIONS) {
      await raw[connection].execute(`ALTER TABLE "${KS}"."notes" DROP body`);
      await raw[connection].execute(`ALTER TABLE "${KS}"."notes" DROP score`);
    }
    let error: SchemaMismatchError | undefined;
    const ddl = await ddlDuring(async () => {
      error = await failureOf(syncTable(Notes({ score: t.int(), body: t.int() }), { registry, connections: CONNECTIONS }));
    });
    // The plan is checked whole: score (same type) is not added either.
    expect(ddl).toEqual([]);
    expect(error).toMatchObject({ table: 'notes', column: 'body', expected: 'int', actual: 'text (dropped)' });
    expect(error!.message).toMatch(/dropped as text/);
    const [readded] = await syncTable(Notes({ score: t.int(), body: t.text() }), { registry, connections: ['cluster1'] });
    expect(readded.action).toBe('updated');
    expect(await columnsOf('cluster1', 'notes')).toEqual({ id: 'int', score: 'int', body: 'text' });
  });
});

describe('a dbName rename', () => {
  it('adds a new column and says so', async () => {
    const Person = (column: string) =>
      defineModel({ table: 'person', columns: { id: t.int(), name: t.text().dbName(column) }, partitionKey: 'id' });
    await syncTable(Person('full_name'), { registry, connections: ['cluster1'] });
    const [renamed] = await syncTable(Person('display_name'), { registry, connections: ['cluster1'] });
    expect(renamed.statements).toEqual([`ALTER TABLE "${KS}"."person" ADD IF NOT EXISTS "display_name" text`]);
    expect(renamed.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/"display_name" is added as a new, empty column while "full_name" \(same type\).*a rename needs a migration/)]),
    );
    expect(await columnsOf('cluster1', 'person')).toEqual({ id: 'int', full_name: 'text', display_name: 'text' });
  });
});
