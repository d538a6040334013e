// issue 17 on real clusters: `cassia schema check` (exit 0/1 with a diff), `migrate new --from-models`
// then `apply` until check passes, and `schema pull` round-tripping a keyspace (pull → compile →
// syncTables into an empty keyspace → the same schema), planned from one system_schema pass per keyspace.
import { execFile } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'cassandra-driver';
import { ConnectionRegistry, type CassiaEvent } from '@cassia/core';
import { planSyncTables, syncTables } from '@cassia/management';
import type { AnyModel } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { freshKeyspace, makeWorkFolder, rawClients, removeWorkFolder, runCli } from './cli-harness';

const KS = 'migrate_schema_app';
const SRC = 'migrate_schema_src';
const DST = 'migrate_schema_dst';

let raw: { c1: Client; c2: Client };
let work: string;

const modelsV1 = `import { defineModel, t } from '@cassia/schema';
export const users = defineModel({ table: 'users', columns: { id: t.uuid(), name: t.text() }, partitionKey: 'id' });
export const visits = defineModel({
  table: 'visits',
  columns: { user: t.uuid(), at: t.timestamp(), page: t.text() },
  partitionKey: 'user',
  clusteringKey: [['at', 'desc']],
  indexes: [{ column: 'page' }],
});
`;
const modelsV2 = modelsV1.replace("name: t.text() }", "name: t.text(), email: t.text() }");

async function columns(client: Client, keyspace: string): Promise<string[]> {
  const result = await client.execute('SELECT table_name, column_name, kind, position, clustering_order, type FROM system_schema.columns WHERE keyspace_name = ?', [keyspace], { prepare: true });
  return result.rows.map((row) => `${row.table_name}.${row.column_name} ${row.kind} ${row.position} ${row.clustering_order} ${row.type}`).sort();
}

beforeAll(async () => {
  raw = rawClients();
  for (const client of [raw.c1, raw.c2]) await freshKeyspace(client, KS);
  await freshKeyspace(raw.c1, SRC);
  await freshKeyspace(raw.c1, DST);
  work = await makeWorkFolder('cassia-schema-cli-', [KS]);
});

afterAll(async () => {
  for (const client of [raw.c1, raw.c2]) await client.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.c1.execute(`DROP KEYSPACE IF EXISTS "${SRC}"`);
  await raw.c1.execute(`DROP KEYSPACE IF EXISTS "${DST}"`);
  await raw.c1.shutdown();
  await raw.c2.shutdown();
  await removeWorkFolder(work);
});

describe('schema check and migrate new --from-models', () => {
  it('generates the create statements, applies them, and check passes; then a new column goes the same way', async () => {
    const models = join(work, 'models.ts');
    await writeFile(models, modelsV1);
    const before = await runCli(work, ['schema', 'check', '--models', 'models.ts']);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain(`c2/${KS} users: differs (missing); sync would run:`);

    const first = await runCli(work, ['migrate', 'new', 'create users', '--from-models', 'models.ts']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('destructive steps');
    const firstFile = await readFile(join(work, 'migrations', '0001_create_users.cql'), 'utf8');
    expect(firstFile).toContain('CREATE TABLE IF NOT EXISTS "users"');
    expect(firstFile).toContain('CREATE INDEX IF NOT EXISTS "visits_page_idx" ON "visits"');
    expect(firstFile).not.toContain(KS);
    expect((await runCli(work, ['migrate', 'apply'])).code).toBe(0);
    const clean = await runCli(work, ['schema', 'check', '--models', 'models.ts']);
    expect({ code: clean.code, out: clean.stdout }).toEqual({ code: 0, out: expect.stringContaining('every target matches the models') });

    await writeFile(models, modelsV2);
    const drift = await runCli(work, ['schema', 'check', '--models', 'models.ts', '--json']);
    expect(drift.code).toBe(1);
    const report = JSON.parse(drift.stdout) as { ok: boolean; results: { connection: string; table: string; statements: string[] }[] };
    expect(report.ok).toBe(false);
    expect(report.results.filter((result) => result.statements.length > 0).map((result) => [result.connection, result.table, result.statements])).toEqual([
      ['c1', 'users', [`ALTER TABLE "${KS}"."users" ADD IF NOT EXISTS "email" text`]],
      ['c2', 'users', [`ALTER TABLE "${KS}"."users" ADD IF NOT EXISTS "email" text`]],
    ]);
    const text = await runCli(work, ['schema', 'check', '--models', 'models.ts']);
    expect(text.stdout).toContain(`c1/${KS} users: differs (needs changes); sync would run:\n  + ALTER TABLE "${KS}"."users" ADD IF NOT EXISTS "email" text`);

    const second = await runCli(work, ['migrate', 'new', 'add_email', '--from-models', 'models.ts']);
    expect(second.code).toBe(0);
    expect(await readdir(join(work, 'migrations'))).toEqual(['0001_create_users.cql', '0002_add_email.cql']);
    expect(await readFile(join(work, 'migrations', '0002_add_email.cql'), 'utf8')).toContain('ALTER TABLE "users" ADD IF NOT EXISTS "email" text;');
    expect((await runCli(work, ['migrate', 'apply'])).code).toBe(0);
    expect((await runCli(work, ['schema', 'check', '--models', 'models.ts'])).code).toBe(0);
    for (const client of [raw.c1, raw.c2]) expect(await columns(client, KS)).toContain('users.email regular -1 none text');

    const nothing = await runCli(work, ['migrate', 'new', 'again', '--from-models', 'models.ts']);
    expect({ code: nothing.code, out: nothing.stdout }).toEqual({ code: 0, out: 'The database already matches the models: no migration written.\n' });
  });
});

describe('schema pull', () => {
  it('writes models that compile and, synced into an empty keyspace, give the same schema back', async () => {
    for (const statement of [
      `CREATE TYPE "${SRC}".point (x double, y double)`,
      `CREATE TYPE "${SRC}".place (name text, at frozen<point>, tags frozen<set<text>>)`,
      `CREATE TABLE "${SRC}".events (day date, bucket int, at timeuuid, seq int, note text static, "MixedCase" text, spot frozen<place>,
        pairs list<frozen<tuple<int, text>>>, scores map<text, int>, embedding vector<float, 3>, PRIMARY KEY ((day, bucket), at, seq))
        WITH CLUSTERING ORDER BY (at DESC, seq ASC) AND comment = 'pulled' AND default_time_to_live = 3600`,
      `CREATE INDEX events_scores_keys ON "${SRC}".events (KEYS(scores))`,
      `CREATE TABLE "${SRC}".hits (page text PRIMARY KEY, n counter) WITH compression = {'enabled': 'false'}`,
      // Every settable option away from its default (cdc and memtable need node settings these clusters lack).
      `CREATE TABLE "${SRC}".tuned (id uuid PRIMARY KEY, v text) WITH comment = 'it''s tuned' AND gc_grace_seconds = 3600
        AND default_time_to_live = 60 AND bloom_filter_fp_chance = 0.05 AND caching = {'keys': 'NONE', 'rows_per_partition': '10'}
        AND compaction = {'class': 'LeveledCompactionStrategy', 'sstable_size_in_mb': '64'}
        AND compression = {'class': 'ZstdCompressor', 'chunk_length_in_kb': '32'} AND speculative_retry = '95p'
        AND additional_write_policy = 'NEVER' AND read_repair = 'NONE' AND crc_check_chance = 0.5 AND min_index_interval = 64
        AND max_index_interval = 4096 AND memtable_flush_period_in_ms = 3600000 AND allow_auto_snapshot = false
        AND incremental_backups = false`,
      `CREATE TABLE "${SRC}".plain (id uuid PRIMARY KEY, names set<text>, payload blob, label text, loc frozen<point>, nested map<text, frozen<list<int>>>)`,
      `CREATE INDEX plain_label_sai ON "${SRC}".plain (label) USING 'sai'`,
    ]) {
      await raw.c1.execute(statement);
    }
    const pull = await runCli(work, ['schema', 'pull', '--keyspace', SRC, '--connection', 'c1', '--out', 'pulled.ts']);
    expect(pull.code).toBe(0);
    expect(pull.stdout).toContain('(4 table(s), 2 type(s))');
    const source = await readFile(join(work, 'pulled.ts'), 'utf8');
    expect(source).toContain('export const pointType = defineType(');
    expect(source).toContain("clusteringKey: [[\"at\", 'desc'], \"seq\"]");

    // It compiles (strict) against @cassia/schema as published.
    const tsc = resolve(__dirname, '../../../node_modules/.bin/tsc');
    await promisify(execFile)(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'node16', '--moduleResolution', 'node16', '--skipLibCheck', '--types', 'node', 'pulled.ts'], { cwd: work });

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(join(work, 'pulled.ts')) as Record<string, unknown>;
    const models = Object.values(exported).filter((value): value is AnyModel => (value as { kind?: string }).kind === 'model');
    expect(models.map((model) => model.table).sort()).toEqual(['events', 'hits', 'plain', 'tuned']);

    const registry = new ConnectionRegistry();
    try {
      await registry.registerConnection('c1', { contactPoints: [testClusters().cluster1], keyspace: DST });
      const created = await syncTables(models, { registry, connections: ['c1'], keyspaces: [DST] });
      expect(created.map((result) => [result.table, result.action])).toEqual([
        ['events', 'created'],
        ['hits', 'created'],
        ['plain', 'created'],
        ['tuned', 'created'],
      ]);
      expect(await columns(raw.c1, DST)).toEqual(await columns(raw.c1, SRC));
      const types = async (keyspace: string) =>
        (await raw.c1.execute('SELECT type_name, field_names, field_types FROM system_schema.types WHERE keyspace_name = ?', [keyspace], { prepare: true })).rows.map((row) => [row.type_name, row.field_names, row.field_types]);
      expect(await types(DST)).toEqual(await types(SRC));
      const indexes = async (keyspace: string) =>
        (await raw.c1.execute('SELECT table_name, index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = ?', [keyspace], { prepare: true })).rows.map((row) => [row.table_name, row.index_name, row.kind, row.options]);
      expect(await indexes(DST)).toEqual(await indexes(SRC));
      // Every table option, as the server stores it, is the same (the table ids differ, nothing else).
      const options = async (keyspace: string) =>
        (await raw.c1.execute('SELECT * FROM system_schema.tables WHERE keyspace_name = ?', [keyspace], { prepare: true })).rows.map((row) => {
          const { id, keyspace_name, ...rest } = row;
          return rest;
        });
      const srcOptions = await options(SRC);
      expect(await options(DST)).toEqual(srcOptions);
      expect(srcOptions.find((row) => row.table_name === 'tuned')).toMatchObject({ comment: "it's tuned", gc_grace_seconds: 3600, read_repair: 'NONE' });

      // Planning the three models again reads system_schema in one pass for both keyspaces of the
      // connection: six statements, each over `keyspace_name IN ?`.
      const statements: string[] = [];
      const stop = registry.onEvent((event: CassiaEvent) => {
        if (event.type === 'query') statements.push(event.cql);
      });
      const plans = await planSyncTables(models, { registry, connections: ['c1'], keyspaces: [DST, SRC] });
      stop();
      expect(plans.map((plan) => plan.action)).toEqual(Array(8).fill('unchanged'));
      const schemaReads = statements.filter((cql) => cql.includes('system_schema'));
      expect(schemaReads).toHaveLength(6);
      for (const cql of schemaReads) expect(cql).toContain('WHERE keyspace_name IN ?');
      expect(statements.filter((cql) => !cql.includes('system_schema'))).toEqual([]);
    } finally {
      await registry.shutdown();
    }
  });
});
