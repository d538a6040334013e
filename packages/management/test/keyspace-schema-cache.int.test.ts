// planSyncTables on cluster1 and cluster2 with the keyspace schema cache: a repeat plan reads no
// system_schema through Cassia while the schema version is unchanged, and a change another client
// makes between two plans (a column, a table, an index, a table option) is in the second plan,
// right away; so is a change made by Cassia's own syncTables.
import { Client } from 'cassandra-driver';
import { ConnectionRegistry } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { planSyncTables, syncTables, type SyncResult } from '../src';

const KEYSPACES = ['schema_cache_a', 'schema_cache_b'];
const clusters = testClusters();
let registry: ConnectionRegistry;
const raw: Record<'c1' | 'c2', Client> = {
  c1: new Client({ contactPoints: [clusters.cluster1], localDataCenter: 'datacenter1' }),
  c2: new Client({ contactPoints: [clusters.cluster2], localDataCenter: 'datacenter1' }),
};

const tables = Array.from({ length: 4 }, (_, i) =>
  defineModel({ table: `cached_${i}`, columns: { id: t.int(), v: t.text() }, partitionKey: 'id', options: { comment: 'as the model says' } }),
);
const later = defineModel({ table: 'cached_later', columns: { id: t.int(), v: t.text() }, partitionKey: 'id' });
const options = () => ({ registry, connections: ['c1', 'c2'], keyspaces: KEYSPACES });

/** Statements Cassia ran on system_schema during `work`, and its result. */
async function schemaReadsOf<T>(work: () => Promise<T>): Promise<{ reads: number; result: T }> {
  let reads = 0;
  const stop = registry.onEvent((event) => {
    if (event.type === 'query' && event.cql.includes('system_schema.')) reads += 1;
  });
  try {
    const result = await work();
    return { reads, result };
  } finally {
    stop();
  }
}

/** Both clusters' schema versions, read raw: other test files change them while this one runs. */
async function schemaVersions(): Promise<string> {
  const versions = await Promise.all(Object.values(raw).map((client) => client.execute('SELECT schema_version FROM system.local')));
  return versions.map((result) => String(result.rows[0].schema_version)).join(' ');
}

/**
 * Runs `work` (which fills the cache, then plans from it) until no other client changed either
 * cluster's schema meanwhile: only then does the cache promise a repeat read nothing. Other test
 * files create and drop keyspaces on the same clusters, which rightly empties the cache.
 */
async function whileSchemaIsQuiet<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const before = await schemaVersions();
    const result = await work();
    if ((await schemaVersions()) === before) return result;
  }
  throw new Error('the schema changed during each of 20 attempts: no quiet window to test the cache in');
}

const lines = (results: readonly SyncResult[]) => results.map((r) => `${r.connection}/${r.keyspace}/${r.table} ${r.action}`);
const warningsOf = (results: readonly SyncResult[], connection: string, keyspace: string) =>
  results.filter((r) => r.connection === connection && r.keyspace === keyspace).flatMap((r) => r.warnings);

beforeAll(async () => {
  for (const client of Object.values(raw)) {
    for (const keyspace of KEYSPACES) {
      await client.execute(`DROP KEYSPACE IF EXISTS "${keyspace}"`);
      await client.execute(`CREATE KEYSPACE "${keyspace}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    }
  }
  registry = new ConnectionRegistry();
  await registry.registerConnection('c1', { contactPoints: [clusters.cluster1] });
  await registry.registerConnection('c2', { contactPoints: [clusters.cluster2] });
  await syncTables(tables, options());
});

afterAll(async () => {
  await registry.shutdown();
  for (const client of Object.values(raw)) {
    for (const keyspace of KEYSPACES) await client.execute(`DROP KEYSPACE IF EXISTS "${keyspace}"`);
    await client.shutdown();
  }
});

describe('planSyncTables with the keyspace schema cache', () => {
  it('plans a repeat from the cache: no system_schema statement, the same results', async () => {
    const { first, again } = await whileSchemaIsQuiet(async () => ({
      first: await planSyncTables(tables, options()),
      again: await schemaReadsOf(() => planSyncTables(tables, options())),
    }));
    expect(first.every((r) => r.action === 'unchanged' && r.warnings.length === 0)).toBe(true);
    expect(again.reads).toBe(0);
    expect(again.result).toEqual(first);
  });

  it("sees a column another client added between two plans, on that target only", async () => {
    await planSyncTables(tables, options());
    await raw.c1.execute(`ALTER TABLE "${KEYSPACES[0]}".cached_1 ADD added_elsewhere int`);
    const { reads, result } = await schemaReadsOf(() => planSyncTables(tables, options()));
    expect(reads).toBeGreaterThan(0);
    expect(warningsOf(result, 'c1', KEYSPACES[0])).toEqual([expect.stringContaining('column "added_elsewhere" (int) is in the database but not in the model')]);
    expect(warningsOf(result, 'c1', KEYSPACES[1])).toEqual([]);
    expect(warningsOf(result, 'c2', KEYSPACES[0])).toEqual([]);
  });

  it('sees a table another client created between two plans', async () => {
    const before = await planSyncTables([later], options());
    expect(lines(before)).toEqual(['c1', 'c2'].flatMap((c) => KEYSPACES.map((k) => `${c}/${k}/cached_later created`)));
    await raw.c2.execute(`CREATE TABLE "${KEYSPACES[1]}".cached_later (id int PRIMARY KEY, v text)`);
    const after = await planSyncTables([later], options());
    expect(lines(after)).toEqual([
      `c1/${KEYSPACES[0]}/cached_later created`,
      `c1/${KEYSPACES[1]}/cached_later created`,
      `c2/${KEYSPACES[0]}/cached_later created`,
      `c2/${KEYSPACES[1]}/cached_later unchanged`,
    ]);
  });

  it('sees an index another client created between two plans', async () => {
    await planSyncTables(tables, options());
    await raw.c2.execute(`CREATE INDEX cached_2_v_elsewhere ON "${KEYSPACES[0]}".cached_2 (v)`);
    const result = await planSyncTables(tables, options());
    expect(warningsOf(result, 'c2', KEYSPACES[0])).toEqual([expect.stringContaining('index "cached_2_v_elsewhere" is in the database but not in the model')]);
    expect(warningsOf(result, 'c1', KEYSPACES[0])).toEqual([expect.stringContaining('added_elsewhere')]);
  });

  it('sees a table option another client changed between two plans', async () => {
    await planSyncTables(tables, options());
    await raw.c1.execute(`ALTER TABLE "${KEYSPACES[1]}".cached_3 WITH comment = 'changed elsewhere'`);
    const result = await planSyncTables(tables, options());
    const changed = result.filter((r) => r.action !== 'unchanged');
    expect(lines(changed)).toEqual([`c1/${KEYSPACES[1]}/cached_3 updated`]);
    expect(changed[0].statements).toEqual([expect.stringMatching(/^ALTER TABLE "schema_cache_b"\."cached_3" WITH comment = 'as the model says'$/)]);
  });

  it("sees what Cassia's own syncTables changed, then plans from the cache again", async () => {
    const grown = defineModel({ table: 'cached_0', columns: { id: t.int(), v: t.text(), grown: t.bigint() }, partitionKey: 'id', options: { comment: 'as the model says' } });
    expect((await planSyncTables([grown], options())).every((r) => r.action === 'updated')).toBe(true);
    await syncTables([grown], options());
    const after = await schemaReadsOf(() => planSyncTables([grown], options()));
    expect(after.reads).toBeGreaterThan(0);
    expect(lines(after.result).every((line) => line.endsWith(' unchanged'))).toBe(true);
    const repeat = await whileSchemaIsQuiet(async () => {
      await planSyncTables([grown], options());
      return schemaReadsOf(() => planSyncTables([grown], options()));
    });
    expect(repeat.reads).toBe(0);
  });
});
