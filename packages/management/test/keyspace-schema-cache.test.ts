// The keyspace schema cache of syncTables / planSyncTables on fake clusters: a repeat plan reads the
// schema version instead of system_schema while every node reports the same one, and reads
// system_schema again when the version moved, the nodes disagree, a version is unknown, the client
// cannot say which node it asks, or management itself ran DDL.
import { ConnectionRegistry } from '@cassia/core';
import { planSyncTables, syncTables } from '../src';
import { KEYSPACES_PER_SCHEMA_READ } from '../src/keyspace-schema';
import { CACHED_KEYSPACES_PER_CONNECTION, cachedKeyspaceSchemaReader, forgetKeyspaceSchemas } from '../src/keyspace-schema-cache';
import { describeModel, fakeCluster, type FakeCluster } from './fake-cluster';
import { Automobile, Garage } from './fixtures';

// Six system_schema statements per read of a connection's keyspaces (keyspace-schema.ts).
const READS_PER_CONNECTION = 6;

let registry: ConnectionRegistry;
let cluster: FakeCluster;

async function setUp(options: Parameters<typeof fakeCluster>[0] = {}): Promise<void> {
  registry = new ConnectionRegistry();
  cluster = fakeCluster({ keyspaces: ['ks1', 'ks2'], reportsSchemaVersion: true, ...options });
  await registry.registerConnection('c1', { client: cluster.client, keyspace: 'ks1' });
}

afterEach(() => registry.shutdown());

const models = [Automobile, Garage];
const plan = () => planSyncTables(models, { registry, connections: ['c1'], keyspaces: ['ks1', 'ks2'] });

async function readsOf(work: () => Promise<unknown>): Promise<number> {
  const before = cluster.schemaReads.count;
  await work();
  return cluster.schemaReads.count - before;
}

describe('keyspace schema cache', () => {
  it('plans again from the cache while the schema version is the same', async () => {
    await setUp();
    expect(await readsOf(plan)).toBe(READS_PER_CONNECTION);
    const first = await plan();
    expect(await readsOf(plan)).toBe(0);
    expect(await plan()).toEqual(first);
  });

  it('reads system_schema again once another client changed the schema (a new version)', async () => {
    await setUp();
    expect((await plan()).map((r) => r.action)).toEqual(['created', 'created', 'created', 'created']);
    // Another client creates ks1's automobile table: every node reports a new version.
    cluster.tables.set('ks1.automobile', describeModel(Automobile));
    cluster.versions.fill('v-other');
    let results: Awaited<ReturnType<typeof plan>> = [];
    expect(await readsOf(async () => (results = await plan()))).toBe(READS_PER_CONNECTION);
    expect(results.map((r) => `${r.keyspace} ${r.table} ${r.action}`)).toEqual([
      'ks1 automobile unchanged',
      'ks1 garage created',
      'ks2 automobile created',
      'ks2 garage created',
    ]);
  });

  it('never uses the cache while two nodes report different versions, or a node none', async () => {
    await setUp({ peers: 2 });
    await plan();
    cluster.versions[2] = 'v-late';
    expect(await readsOf(plan)).toBe(READS_PER_CONNECTION);
    expect(await readsOf(plan)).toBe(READS_PER_CONNECTION);
    cluster.versions[2] = null;
    expect(await readsOf(plan)).toBe(READS_PER_CONNECTION);
    cluster.versions.fill('v-agreed');
    await plan();
    expect(await readsOf(plan)).toBe(0);
  });

  it('reads every time when the client cannot say which node it asks', async () => {
    await setUp({ reportsSchemaVersion: false });
    await plan();
    expect(await readsOf(plan)).toBe(READS_PER_CONNECTION);
  });

  it("drops a connection's schemas when management runs DDL through it, even if the version did not move", async () => {
    await setUp();
    expect((await plan()).every((r) => r.action === 'created')).toBe(true);
    expect(await readsOf(plan)).toBe(0);
    await syncTables(models, { registry, connections: ['c1'], keyspaces: ['ks1', 'ks2'] });
    // As if the nodes still reported the version the first plans were read under.
    cluster.versions.fill('v0');
    let results: Awaited<ReturnType<typeof plan>> = [];
    expect(await readsOf(async () => (results = await plan()))).toBe(READS_PER_CONNECTION);
    expect(results.every((r) => r.action === 'unchanged')).toBe(true);
    forgetKeyspaceSchemas(registry.getConnection('c1'));
    expect(await readsOf(plan)).toBe(READS_PER_CONNECTION);
  });

  it('reads the version once per call for all keyspaces of a connection', async () => {
    await setUp();
    const versionReads: string[] = [];
    const execute = cluster.client.execute.bind(cluster.client) as (...args: unknown[]) => Promise<unknown>;
    (cluster.client as unknown as { execute: (...args: unknown[]) => Promise<unknown> }).execute = (cql, ...rest) => {
      if (typeof cql === 'string' && cql.includes('FROM system.')) versionReads.push(cql);
      return execute(cql, ...rest);
    };
    await plan();
    expect(versionReads.sort()).toEqual(['SELECT schema_version FROM system.local', 'SELECT schema_version FROM system.peers_v2']);
  });

  it(`keeps at most ${CACHED_KEYSPACES_PER_CONNECTION} keyspaces per connection, dropping the oldest read`, async () => {
    await setUp();
    const connection = registry.getConnection('c1');
    const read = cachedKeyspaceSchemaReader(connection);
    for (let i = 0; i <= CACHED_KEYSPACES_PER_CONNECTION; i++) await read([`ks_${i}`]);
    const again = cachedKeyspaceSchemaReader(connection);
    expect(await readsOf(() => again([`ks_${CACHED_KEYSPACES_PER_CONNECTION}`, 'ks_1']))).toBe(0);
    expect(await readsOf(() => again(['ks_0', 'ks_1']))).toBe(READS_PER_CONNECTION);
  });

  it(`reads the keyspaces it lacks together, ${KEYSPACES_PER_SCHEMA_READ} to a statement, and only those`, async () => {
    await setUp();
    const bound: string[][] = [];
    const execute = cluster.client.execute.bind(cluster.client) as (...args: unknown[]) => Promise<unknown>;
    (cluster.client as unknown as { execute: (...args: unknown[]) => Promise<unknown> }).execute = (cql, params, ...rest) => {
      if (typeof cql === 'string' && cql.includes('system_schema.tables')) bound.push([...((params as unknown[])[0] as string[])]);
      return execute(cql, params, ...rest);
    };
    const read = cachedKeyspaceSchemaReader(registry.getConnection('c1'));
    const many = Array.from({ length: KEYSPACES_PER_SCHEMA_READ + 1 }, (_, i) => `ks_${i}`);
    let schemas: ReadonlyMap<string, unknown> = new Map();
    expect(await readsOf(async () => (schemas = await read([...many, 'ks1', 'ks1'])))).toBe(2 * READS_PER_CONNECTION);
    expect([...schemas.keys()].sort()).toEqual([...many, 'ks1'].sort());
    expect(bound.map((list) => list.length).sort((a, b) => a - b)).toEqual([2, KEYSPACES_PER_SCHEMA_READ]);
    bound.length = 0;
    await read(['ks1', 'ks2']);
    expect(bound).toEqual([['ks2']]);
  });
});
