// Whole sync runs against fake clusters: target product, per-target failures, planSync runs nothing.
import { errors as driverErrors } from 'cassandra-driver';
import { ConnectionError, ConnectionRegistry, ExecutionError, InvalidIdentifierError, KeyspaceNotFoundError, SchemaMismatchError, UnknownConnectionError } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import { createSimpleKeyspace, dropTable, planSync, syncReportOf, syncTable, syncType } from '../src';
import { Address, Automobile, automobileColumns, table } from './fixtures';
import { fakeCluster, type FakeCluster } from './fake-cluster';

let registry: ConnectionRegistry;
let one: FakeCluster;
let two: FakeCluster;

beforeEach(async () => {
  registry = new ConnectionRegistry();
  one = fakeCluster({ keyspaces: ['ks1', 'ks2'] });
  two = fakeCluster({ keyspaces: ['ks1', 'ks2'] });
  await registry.registerConnection('cluster1', { client: one.client, keyspace: 'ks1', default: true });
  await registry.registerConnection('cluster2', { client: two.client, keyspace: 'ks2' });
});

afterEach(() => registry.shutdown());

describe('targets', () => {
  it('syncs the product of connections × keyspaces, in that order', async () => {
    const lines: string[] = [];
    const results = await syncTable(Automobile, {
      registry,
      connections: ['cluster1', 'cluster2'],
      keyspaces: ['ks1', 'ks2'],
      onProgress: (line) => lines.push(line),
    });
    expect(results.map((r) => `${r.connection}/${r.keyspace}:${r.action}`)).toEqual([
      'cluster1/ks1:created',
      'cluster1/ks2:created',
      'cluster2/ks1:created',
      'cluster2/ks2:created',
    ]);
    expect(one.executed).toEqual([
      expect.stringMatching(/^CREATE TABLE IF NOT EXISTS "ks1"\."automobile"/),
      expect.stringMatching(/^CREATE TABLE IF NOT EXISTS "ks2"\."automobile"/),
    ]);
    expect(lines.sort()).toEqual([
      'cluster1/ks1 automobile: created (1 statement)',
      'cluster1/ks2 automobile: created (1 statement)',
      'cluster2/ks1 automobile: created (1 statement)',
      'cluster2/ks2 automobile: created (1 statement)',
    ]);
  });

  it('defaults like a query: the default connection and its keyspace, or the model’s own', async () => {
    expect((await planSync(Automobile, { registry })).map((r) => `${r.connection}/${r.keyspace}`)).toEqual(['cluster1/ks1']);
    expect((await planSync(Automobile, { registry, connections: ['cluster2'] })).map((r) => r.keyspace)).toEqual(['ks2']);
    const Pinned = defineModel({ ...modelDefinition(), connection: 'cluster2', keyspace: 'ks1' });
    expect((await planSync(Pinned, { registry })).map((r) => `${r.connection}/${r.keyspace}`)).toEqual(['cluster2/ks1']);
    const scoped = await registry.withConnection({ connection: 'cluster2' }, () => planSync(Automobile, { registry }));
    expect(scoped.map((r) => `${r.connection}/${r.keyspace}`)).toEqual(['cluster2/ks2']);
  });

  it('validates keyspace and connection names before anything is sent', async () => {
    await expect(syncTable(Automobile, { registry, keyspaces: ['ok', 'bad-name'] })).rejects.toThrow(InvalidIdentifierError);
    await expect(syncTable(Automobile, { registry, connections: ['cluster1', 'nope'] })).rejects.toThrow(UnknownConnectionError);
    await expect(syncTable(Automobile, { registry, keyspaces: [] })).rejects.toThrow(/non-empty/);
    expect(one.executed).toEqual([]);
  });

  it('describes a bad name in a list without converting it', async () => {
    const hostile = { toString: () => { throw new Error('converted'); } };
    await expect(syncTable(Automobile, { registry, connections: [hostile as never] })).rejects.toThrow(
      'connections: a connection name must be a non-empty string, got an object.',
    );
    await expect(syncTable(Automobile, { registry, keyspaces: ['ks1', 42 as never] })).rejects.toThrow('keyspaces must contain non-empty strings, got 42.');
    await expect(syncTable(Automobile, { registry, connections: 'cluster1' as never })).rejects.toThrow(
      "connections must be a non-empty list of names, got 'cluster1'; leave it out to use the default.",
    );
  });
});

describe('per-target outcomes', () => {
  it('finishes every other target when one fails, then rejects with the first failure, naming every failed target', async () => {
    one.tables.set('ks2.automobile', table('automobile', automobileColumns().map((c) => (c.name === 'price' ? { ...c, type: 'text' } : c))));
    const error = await syncTable(Automobile, { registry, connections: ['cluster1', 'cluster2'], keyspaces: ['ks1', 'ks2', 'ks3'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SchemaMismatchError);
    expect(error).toMatchObject({ code: 'ERR_CASSIA_SCHEMA_MISMATCH', connection: 'cluster1', keyspace: 'ks2', column: 'price' });
    const report = syncReportOf(error)!;
    expect(report.operation).toBe('syncTable');
    expect(report.failures.map((f) => [f.connection, f.keyspace, f.error.constructor.name])).toEqual([
      ['cluster1', 'ks2', 'SchemaMismatchError'],
      ['cluster1', 'ks3', 'KeyspaceNotFoundError'],
      ['cluster2', 'ks3', 'KeyspaceNotFoundError'],
    ]);
    expect(report.failures[0].error).toBe(error);
    expect(report.failures[1].error).toBeInstanceOf(KeyspaceNotFoundError);
    expect(report.results.map((r) => `${r.connection}/${r.keyspace}`)).toEqual(['cluster1/ks1', 'cluster2/ks1', 'cluster2/ks2']);
    const message = (error as Error).message;
    expect(message).toMatch(/Column 'price'/);
    expect(message).toMatch(/3 of 6 target/);
    expect(message).toMatch(/cluster1\/ks3 automobile: Keyspace 'ks3' does not exist/);
    // The mismatching target was left alone; the targets after it still ran.
    expect(one.executed.some((cql) => cql.includes('"ks2"'))).toBe(false);
    expect(two.executed).toHaveLength(2);
  });

  it('fails only the targets of a connection that is down', async () => {
    const down = fakeCluster({ down: true });
    await registry.registerConnection('down', { client: down.client });
    const error = await syncTable(Automobile, { registry, connections: ['cluster1', 'down'], keyspaces: ['ks1'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const report = syncReportOf(error)!;
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ connection: 'down', keyspace: 'ks1', table: 'automobile' });
    expect(report.results).toEqual([expect.objectContaining({ connection: 'cluster1', action: 'created' })]);
  });
});

describe('planSync and repeat syncs', () => {
  it('planSync reports what syncTable would run and runs nothing', async () => {
    const lines: string[] = [];
    const plan = await planSync(Automobile, { registry, onProgress: (line) => lines.push(line) });
    expect(plan[0].action).toBe('created');
    expect(plan[0].statements).toHaveLength(1);
    expect(one.executed).toEqual([]);
    expect(lines).toEqual(['cluster1/ks1 automobile: would be created (1 statement)']);
  });

  it('reports unchanged and runs no DDL when the table matches', async () => {
    one.tables.set('ks1.automobile', table('automobile', automobileColumns()));
    const results = await syncTable(Automobile, { registry });
    expect(results).toEqual([{ connection: 'cluster1', keyspace: 'ks1', table: 'automobile', action: 'unchanged', statements: [], warnings: [] }]);
    expect(one.executed).toEqual([]);
  });
});

describe('concurrent syncs converge', () => {
  const WithColor = defineModel({ ...modelDefinition(), columns: { ...modelDefinition().columns, color: t.text() } });

  it('when an older model’s table won the race, it is checked again and the missing column added', async () => {
    const raced = fakeCluster({ keyspaces: ['ks1'], models: [Automobile] });
    await registry.registerConnection('raced', { client: raced.client, keyspace: 'ks1' });
    const [result] = await syncTable(WithColor, { registry, connections: ['raced'] });
    expect(result.action).toBe('created');
    expect(raced.executed).toEqual([
      expect.stringMatching(/^CREATE TABLE IF NOT EXISTS "ks1"\."automobile"/),
      'ALTER TABLE "ks1"."automobile" ADD IF NOT EXISTS "color" text',
    ]);
    expect(result.statements).toEqual(raced.executed);
    expect(raced.tables.get('ks1.automobile')!.columns.map((c) => c.name)).toContain('color');
  });

  it('a statement refused for a column the older winning table lacks is planned again, not a failure', async () => {
    const Indexed = defineModel({ ...modelDefinition(), columns: { ...modelDefinition().columns, color: t.text() }, indexes: [{ column: 'color' }] });
    let refusals = 0;
    const undefinedColumn = new driverErrors.ResponseError(0x2200, 'Undefined column name color in table ks1.automobile');
    const raced = fakeCluster({
      keyspaces: ['ks1'],
      models: [Automobile],
      // The first CREATE INDEX meets the older table (no color yet), as on a real server.
      failWith: (cql) => (cql.startsWith('CREATE INDEX') && refusals++ === 0 ? undefinedColumn : undefined),
    });
    await registry.registerConnection('raced', { client: raced.client, keyspace: 'ks1' });
    const [result] = await syncTable(Indexed, { registry, connections: ['raced'] });
    // (The fake knows only the older model's indexes, so it never records the new one: later rounds run it again.)
    expect(raced.executed.slice(0, 4)).toEqual([
      expect.stringMatching(/^CREATE TABLE IF NOT EXISTS "ks1"\."automobile"/),
      expect.stringMatching(/^CREATE INDEX IF NOT EXISTS/),
      'ALTER TABLE "ks1"."automobile" ADD IF NOT EXISTS "color" text',
      expect.stringMatching(/^CREATE INDEX IF NOT EXISTS/),
    ]);
    expect(result.statements).toEqual(raced.executed.filter((_, i) => i !== 1));
    expect(result.warnings).toContainEqual(expect.stringMatching(/refused for a schema another client changed meanwhile/));
    const always = fakeCluster({ keyspaces: ['ks1'], failWith: (cql) => (cql.startsWith('CREATE INDEX') ? undefinedColumn : undefined) });
    await registry.registerConnection('always', { client: always.client, keyspace: 'ks1' });
    await expect(syncTable(Indexed, { registry, connections: ['always'] })).rejects.toThrow(ExecutionError);
  });

  it('an "already exists" answer counts as done; other failures still fail the target', async () => {
    const exists = new driverErrors.ResponseError(0x2200, "A user type with name 'address' already exists");
    const racing = fakeCluster({ keyspaces: ['ks1'], failWith: (cql) => (cql.startsWith('CREATE TYPE') ? exists : undefined) });
    await registry.registerConnection('racing', { client: racing.client, keyspace: 'ks1' });
    const [result] = await syncType(Address, { registry, connections: ['racing'] });
    expect(result.warnings).toContainEqual(expect.stringMatching(/^already done by another client, counted as done: CREATE TYPE/));
    const refused = new driverErrors.ResponseError(0x2200, 'Unknown type ks1.nope');
    const failing = fakeCluster({ keyspaces: ['ks1'], failWith: () => refused });
    await registry.registerConnection('failing', { client: failing.client, keyspace: 'ks1' });
    await expect(syncType(Address, { registry, connections: ['failing'] })).rejects.toThrow(ExecutionError);
  });

  it('gives up after a few rounds when the target keeps differing, and says so', async () => {
    const Commented = defineModel({ ...modelDefinition(), options: { comment: 'mine' } });
    const stubborn = fakeCluster({ keyspaces: ['ks1'], models: [Automobile] });
    stubborn.tables.set('ks1.automobile', table('automobile', automobileColumns()));
    await registry.registerConnection('stubborn', { client: stubborn.client, keyspace: 'ks1' });
    const [result] = await syncTable(Commented, { registry, connections: ['stubborn'] });
    expect(stubborn.executed).toHaveLength(3);
    expect(result.warnings).toEqual([expect.stringMatching(/^still differs from the model after 3 rounds .*not run: ALTER TABLE "ks1"\."automobile" WITH comment = 'mine'/)]);
  });
});

describe('keyspaces, types and drops', () => {
  it('creates a keyspace only where it is missing', async () => {
    const lines: string[] = [];
    await createSimpleKeyspace('ks9', { registry, replicationFactor: 1, connections: ['cluster1', 'cluster2'], onProgress: (l) => lines.push(l) });
    await createSimpleKeyspace('ks9', { registry, replicationFactor: 1, connections: ['cluster1'], onProgress: (l) => lines.push(l) });
    expect(one.executed).toEqual([
      `CREATE KEYSPACE IF NOT EXISTS "ks9" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}`,
    ]);
    expect(lines).toEqual(expect.arrayContaining(['cluster1/ks9: keyspace created', 'cluster1/ks9: keyspace exists, unchanged']));
  });

  it('syncType creates the type (and what it uses) on every target', async () => {
    const results = await syncType(Address, { registry, connections: ['cluster1', 'cluster2'], keyspaces: ['ks1'] });
    expect(results.map((r) => [r.connection, r.table, r.action])).toEqual([
      ['cluster1', 'address', 'created'],
      ['cluster2', 'address', 'created'],
    ]);
    expect(two.executed).toEqual([expect.stringMatching(/^CREATE TYPE IF NOT EXISTS "ks1"\."address"/)]);
  });

  it('dropTable drops only where the table exists', async () => {
    one.tables.set('ks1.automobile', table('automobile', automobileColumns()));
    await dropTable(Automobile, { registry, connections: ['cluster1', 'cluster2'], keyspaces: ['ks1'] });
    expect(one.executed).toEqual(['DROP TABLE IF EXISTS "ks1"."automobile"']);
    expect(two.executed).toEqual([]);
  });
});

function modelDefinition() {
  return {
    table: 'automobile',
    columns: { manufacturer: t.text(), year: t.int(), model: t.text(), price: t.decimal() },
    partitionKey: 'manufacturer' as const,
    clusteringKey: ['year', ['model', 'desc']] as ['year', ['model', 'desc']],
  };
}
