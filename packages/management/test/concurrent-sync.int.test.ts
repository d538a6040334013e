// issue 25 item 1 on the real clusters: 8 processes run the README's startup (createSimpleKeyspace,
// then syncTable for every model) at the same moment, for a first deploy, a v2 deploy and a rolling
// deploy with both releases at once; every call resolves and system_schema ends as the models say,
// read with a raw driver client. Also Promise.all over 3 models sharing a new user type in one process.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'cassandra-driver';
import { ConnectionRegistry } from '@cassia/core';
import { defineModel, defineType, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { syncTable, type SyncResult } from '../src';
import { V2_MODELS } from './concurrency/deploy-models';

const FIRST = 'cassia_mgmt_conc_first';
const ROLLING = 'cassia_mgmt_conc_rolling';
const IN_PROCESS = 'cassia_mgmt_conc_inproc';
const KEYSPACES = [FIRST, ROLLING, IN_PROCESS];
const CONNECTIONS = ['cluster1', 'cluster2'] as const;
const PROCESSES = 8;
const contactPoints = testClusters();
const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(__dirname, 'concurrency', 'sync-process.ts');

interface ChildOutcome {
  exitCode: number | null;
  ok: boolean;
  code?: string;
  message?: string;
  tables?: SyncResult[];
  stderr: string;
}

const raw: Record<string, Client> = {};

/** Starts `releases.length` processes at once, one per release, and waits for all of them. */
function runInstances(keyspace: string, releases: readonly ('v1' | 'v2')[]): Promise<ChildOutcome[]> {
  return Promise.all(
    releases.map(
      (release) =>
        new Promise<ChildOutcome>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', CHILD, release, keyspace, contactPoints.cluster1, contactPoints.cluster2], {
            cwd: ROOT,
            // The packages' sources, not a possibly stale dist: tsx maps @cassia/* through tsconfig.test.json's paths.
            env: { ...process.env, TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.test.json') },
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('close', (exitCode) => {
            const line = stdout.trim().split('\n').pop() ?? '';
            let parsed: Partial<ChildOutcome> = { ok: false, message: `no result line; stdout: ${stdout}` };
            try {
              parsed = JSON.parse(line) as Partial<ChildOutcome>;
            } catch {
              // Reported below through ok: false and the output.
            }
            resolve({ exitCode, ok: parsed.ok === true, code: parsed.code, message: parsed.message, tables: parsed.tables, stderr });
          });
        }),
    ),
  );
}

function expectAllResolved(outcomes: readonly ChildOutcome[], tablesPerInstance: number): void {
  const failed = outcomes.filter((outcome) => !outcome.ok || outcome.exitCode !== 0);
  expect(failed.map((f) => `${f.code}: ${f.message} ${f.stderr}`)).toEqual([]);
  for (const outcome of outcomes) expect(outcome.tables).toHaveLength(tablesPerInstance * CONNECTIONS.length);
}

async function select(connection: string, cql: string, params: unknown[]) {
  return (await raw[connection].execute(cql, params, { prepare: true })).rows;
}

/** Column name → type as system_schema.columns says, for one table. */
async function columnsOf(connection: string, keyspace: string, table: string): Promise<Record<string, string>> {
  const rows = await select(connection, 'SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [keyspace, table]);
  return Object.fromEntries(rows.map((row) => [String(row.column_name), String(row.type)]));
}

/** Index name → `kind target [class]`, for one table. */
async function indexesOf(connection: string, keyspace: string, table: string): Promise<Record<string, string>> {
  const rows = await select(connection, 'SELECT index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = ?', [keyspace, table]);
  return Object.fromEntries(
    rows.map((row) => {
      const options = row.options instanceof Map ? Object.fromEntries(row.options) : (row.options as Record<string, string>);
      return [String(row.index_name), [row.kind, options.target, options.class_name].filter((part) => part !== undefined).join(' ')];
    }),
  );
}

/** The v2 schema, written out by hand: what system_schema must say after any mix of v1 and v2 syncs. */
async function expectReleaseTwoSchema(keyspace: string): Promise<void> {
  for (const connection of CONNECTIONS) {
    const [address] = await select(connection, 'SELECT field_names, field_types FROM system_schema.types WHERE keyspace_name = ? AND type_name = ?', [keyspace, 'deploy_address']);
    expect(address.field_names).toEqual(['street', 'zip', 'country']);
    expect(address.field_types).toEqual(['text', 'int', 'text']);
    expect(await columnsOf(connection, keyspace, 'deploy_customer')).toEqual({
      id: 'uuid', name: 'text', home: 'deploy_address', tags: 'set<text>', email: 'text',
    });
    expect(await columnsOf(connection, keyspace, 'deploy_order')).toEqual({
      customer: 'uuid', placed: 'timestamp', ship_to: 'deploy_address', items: 'map<text, int>', note: 'text',
    });
    expect(await columnsOf(connection, keyspace, 'deploy_shipment')).toEqual({ id: 'uuid', route: 'list<frozen<deploy_address>>', weight: 'double' });
    expect(await columnsOf(connection, keyspace, 'deploy_invoice')).toEqual({ id: 'uuid', bill_to: 'frozen<deploy_address>', total: 'decimal' });
    expect(await indexesOf(connection, keyspace, 'deploy_customer')).toEqual({
      deploy_customer_tags_idx: 'COMPOSITES values(tags)',
      deploy_customer_email_idx: 'CUSTOM email sai',
    });
    expect(await indexesOf(connection, keyspace, 'deploy_order')).toEqual({ deploy_order_items_idx: 'CUSTOM keys(items) sai' });
    for (const table of ['deploy_customer', 'deploy_order', 'deploy_shipment', 'deploy_invoice']) {
      const [row] = await select(connection, 'SELECT comment, speculative_retry, caching FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [keyspace, table]);
      expect([row.comment, row.speculative_retry, row.caching]).toEqual(['deploy test', 'NEVER', { keys: 'ALL', rows_per_partition: 'NONE' }]);
    }
  }
}

let registry: ConnectionRegistry;

async function dropAll(): Promise<void> {
  for (const client of Object.values(raw)) for (const keyspace of KEYSPACES) await client.execute(`DROP KEYSPACE IF EXISTS "${keyspace}"`);
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

describe('8 processes syncing the same models at once', () => {
  it('first deploy (v1 everywhere), then a v2 deploy: every call resolves and the schema is v2', async () => {
    expectAllResolved(await runInstances(FIRST, Array(PROCESSES).fill('v1')), 3);
    const v2 = await runInstances(FIRST, Array(PROCESSES).fill('v2'));
    expectAllResolved(v2, 4);
    await expectReleaseTwoSchema(FIRST);
    // Every target of the v2 deploy reports what it saw: the new table created, the others updated or (if another got there first) unchanged.
    const invoice = v2.flatMap((outcome) => outcome.tables!).filter((result) => result.table === 'deploy_invoice');
    expect(invoice.some((result) => result.action === 'created')).toBe(true);
    const settled = await Promise.all(V2_MODELS.map((model) => syncTable(model, { registry, connections: [...CONNECTIONS], keyspaces: [FIRST] })));
    expect(settled.flat().map((result) => `${result.connection} ${result.table} ${result.action} ${result.statements.length}`)).toEqual(
      settled.flat().map((result) => `${result.connection} ${result.table} unchanged 0`),
    );
  }, 600_000);

  it('a rolling deploy: 4 processes on v1 and 4 on v2 start together on an empty keyspace, and the schema ends as v2', async () => {
    const outcomes = await runInstances(ROLLING, ['v1', 'v2', 'v1', 'v2', 'v1', 'v2', 'v1', 'v2']);
    const failed = outcomes.filter((outcome) => !outcome.ok || outcome.exitCode !== 0);
    expect(failed.map((f) => `${f.code}: ${f.message} ${f.stderr}`)).toEqual([]);
    await expectReleaseTwoSchema(ROLLING);
  }, 600_000);
});

describe('one process', () => {
  it('Promise.all over 3 models sharing a new user type creates all 6 tables', async () => {
    await raw.cluster1.execute(`CREATE KEYSPACE "${IN_PROCESS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}`);
    await raw.cluster2.execute(`CREATE KEYSPACE "${IN_PROCESS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}`);
    const Point = defineType({ name: 'shared_point', fields: { x: t.double(), y: t.double() } });
    const models = ['shared_a', 'shared_b', 'shared_c'].map((table) =>
      defineModel({ table, columns: { id: t.int(), at: t.udt(Point), path: t.list(t.udt(Point)) }, partitionKey: 'id' }),
    );
    const results = await Promise.all(models.map((model) => syncTable(model, { registry, connections: [...CONNECTIONS], keyspaces: [IN_PROCESS] })));
    expect(results.flat().map((result) => `${result.connection} ${result.table} ${result.action}`).sort()).toEqual(
      CONNECTIONS.flatMap((connection) => ['shared_a', 'shared_b', 'shared_c'].map((table) => `${connection} ${table} created`)).sort(),
    );
    for (const connection of CONNECTIONS) {
      const tables = await select(connection, 'SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [IN_PROCESS]);
      expect(tables.map((row) => row.table_name).sort()).toEqual(['shared_a', 'shared_b', 'shared_c']);
      for (const table of ['shared_a', 'shared_b', 'shared_c']) {
        expect(await columnsOf(connection, IN_PROCESS, table)).toEqual({ id: 'int', at: 'shared_point', path: 'list<frozen<shared_point>>' });
      }
    }
  }, 300_000);
});
