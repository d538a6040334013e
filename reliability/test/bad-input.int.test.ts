// Bad input, table-driven: every case is rejected with a typed Cassia error (class and code
// checked) BEFORE anything is sent. "Nothing sent" is proved three ways: no query event from
// core's onEvent during the call, no call into the driver client at all (spied), and row counts
// on the target tables (read with raw clients on both clusters) still at zero afterwards.
// Strings carrying CQL are rejected as names but are ordinary values: they round-trip verbatim.
import * as core from '@cassia/core';
import {
  BatchConnectionError, CassiaError, ConfigurationError, InvalidIdentifierError, QueryBuildError, SchemaDefinitionError,
  UndefinedKeyspaceError, UnknownConnectionError, ValidationError, type CassiaEvent,
} from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { add, append, batch, bind, increment, put, query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { Client } from 'cassandra-driver';
import { rawClient, report, thrownBy } from './support';

const KEYSPACE = 'cassia_rel_bad';
const { cluster1, cluster2 } = testClusters();
const contactPoint = { cluster1, cluster2 };

const Target = defineModel({
  table: 'target',
  keyspace: KEYSPACE,
  columns: {
    id: t.text(),
    score: t.int(),
    // Limits set with zod on the column itself.
    name: t.text().refine((s) => s.length <= 20, 'at most 20 characters'),
    data: t.blob().refine((b) => b.length <= 1024, 'at most 1 KiB'),
    note: t.text(),
    tags: t.list(t.text()),
    labels: t.set(t.text()),
    attrs: t.map(t.text(), t.int()),
    big: t.bigint(),
  },
  partitionKey: ['id'],
});

const Hits = defineModel({
  table: 'hits',
  keyspace: KEYSPACE,
  columns: { id: t.text(), hits: t.counter() },
  partitionKey: ['id'],
});

// The same table with no keyspace and no connection: resolution decides both.
const Unplaced = defineModel({ table: 'target', columns: { id: t.text(), score: t.int() }, partitionKey: ['id'] });
const Ghostly = defineModel({ table: 'target', keyspace: KEYSPACE, connection: 'ghost', columns: { id: t.text() }, partitionKey: ['id'] });

// A table only for values that must be stored verbatim.
const Notes = defineModel({
  table: 'notes',
  keyspace: KEYSPACE,
  columns: { id: t.text(), body: t.text(), tags: t.list(t.text()), attrs: t.map(t.text(), t.text()) },
  partitionKey: ['id'],
});

const raw: Record<string, Client> = {};
const events: CassiaEvent[] = [];
let stopListening: () => void;

beforeAll(async () => {
  await core.registerConnection('cluster1', { contactPoints: [cluster1], keyspace: KEYSPACE, default: true });
  await core.registerConnection('cluster2', { contactPoints: [cluster2], keyspace: KEYSPACE });
  // Lazy and without a keyspace: only used to show a statement with no keyspace is refused.
  await core.registerConnection('nokeyspace', { contactPoints: [cluster1], lazyConnect: true });
  await dropKeyspace(KEYSPACE, { connections: ['cluster1', 'cluster2'] });
  await createSimpleKeyspace(KEYSPACE, { replicationFactor: 1, connections: ['cluster1', 'cluster2'] });
  for (const model of [Target, Hits, Notes]) await syncTable(model, { connections: ['cluster1', 'cluster2'] });
  for (const name of ['cluster1', 'cluster2'] as const) {
    raw[name] = rawClient([contactPoint[name]]);
    await raw[name].connect();
  }
  stopListening = core.onEvent((event) => events.push(event));
}, 120_000);

afterAll(async () => {
  stopListening?.();
  await dropKeyspace(KEYSPACE, { connections: ['cluster1', 'cluster2'] }).catch(() => undefined);
  await core.shutdown();
  await Promise.all(Object.values(raw).map((client) => client.shutdown()));
});

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, client] of Object.entries(raw)) {
    for (const table of ['target', 'hits']) {
      const result = await client.execute(`SELECT COUNT(*) FROM "${KEYSPACE}"."${table}"`);
      counts[`${name}.${table}`] = Number(result.first().get('count'));
    }
  }
  return counts;
}

type ErrorClass = abstract new (...args: never[]) => CassiaError;
interface Case {
  name: string;
  run: () => unknown;
  error: ErrorClass;
  code: string;
}

const row = { id: 'k1', score: 1 };
const T = () => query(Target);
const long = (n: number, ch = 'x') => ch.repeat(n);
const define = (definition: Record<string, unknown>) => () => defineModel(definition as never);
const okColumns = { id: t.text(), v: t.int() };

const SCHEMA = { error: SchemaDefinitionError, code: 'ERR_CASSIA_SCHEMA_DEFINITION' };
const IDENT = { error: InvalidIdentifierError, code: 'ERR_CASSIA_INVALID_IDENTIFIER' };
const UNKNOWN = { error: UnknownConnectionError, code: 'ERR_CASSIA_UNKNOWN_CONNECTION' };
const CONFIG = { error: ConfigurationError, code: 'ERR_CASSIA_CONFIGURATION' };
const INVALID = { error: ValidationError, code: 'ERR_CASSIA_VALIDATION' };
const BUILD = { error: QueryBuildError, code: 'ERR_CASSIA_QUERY_BUILD' };
const BATCH = { error: BatchConnectionError, code: 'ERR_CASSIA_BATCH_CONNECTION' };
const NO_KEYSPACE = { error: UndefinedKeyspaceError, code: 'ERR_CASSIA_UNDEFINED_KEYSPACE' };

const CASES: Case[] = [
  // ---- names carrying CQL or otherwise invalid, in model definitions ----
  { name: "table 'bad;name'", run: define({ table: 'bad;name', columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'table with a DROP statement', run: define({ table: `x; DROP KEYSPACE ${KEYSPACE}`, columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'table with a double quote and comment', run: define({ table: 'x"--', columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'table with a single quote', run: define({ table: "o'clock", columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'table with a block comment', run: define({ table: 'tbl/*c*/', columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'table starting with a digit', run: define({ table: '9lives', columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'table of 49 characters', run: define({ table: long(49, 't'), columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'empty table name', run: define({ table: '', columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: "keyspace 'ks;drop'", run: define({ table: 'ok', keyspace: 'ks;drop', columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: "keyspace 'ks--'", run: define({ table: 'ok', keyspace: 'ks--', columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'column name with a space', run: define({ table: 'ok', columns: { id: t.text(), 'na me': t.int() }, partitionKey: ['id'] }), ...SCHEMA },
  { name: "column name `a' OR '1'='1`", run: define({ table: 'ok', columns: { id: t.text(), "a' OR '1'='1": t.int() }, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'database column name with injection', run: define({ table: 'ok', columns: { id: t.text(), v: t.int().dbName('v"); DROP TABLE t; --') }, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'empty model connection name', run: define({ table: 'ok', connection: '', columns: okColumns, partitionKey: ['id'] }), ...SCHEMA },
  { name: 'partition key naming an unknown column', run: define({ table: 'ok', columns: okColumns, partitionKey: ['nope'] }), ...SCHEMA },

  // ---- names at query time ----
  { name: "using({ keyspace: 'bad;name' }).create", run: () => T().using({ keyspace: 'bad;name' }).create(row), ...IDENT },
  { name: "using({ keyspace: 'ks\" --' }).all", run: () => T().using({ keyspace: 'ks" --' }).all(), ...IDENT },
  { name: "using({ keyspace: 'ks/**/' }).count", run: () => T().using({ keyspace: 'ks/**/' }).count(), ...IDENT },
  { name: "bind(Target, { keyspace: 'a b' })", run: () => bind(Target, { keyspace: 'a b' }).create(row), ...IDENT },
  { name: "withConnection({ keyspace: 'x;y' })", run: () => core.withConnection({ keyspace: 'x;y' }, () => query(Unplaced).create(row)), ...IDENT },
  { name: 'registerConnection with keyspace carrying CQL', run: () => core.registerConnection('evil', { contactPoints: [cluster1], keyspace: "ks'; DROP" }), ...IDENT },

  // ---- connections ----
  { name: "using({ connection: 'nope' })", run: () => T().using({ connection: 'nope' }).create(row), ...UNKNOWN },
  { name: 'connection name carrying CQL', run: () => T().using({ connection: "cluster1'; --" }).create(row), ...UNKNOWN },
  { name: "model's connection is not registered", run: () => query(Ghostly).create({ id: 'k1' }), ...UNKNOWN },
  { name: "withConnection('ghost')", run: () => core.withConnection('ghost', () => T().create(row)), ...UNKNOWN },
  {
    name: 'a connection used after it was unregistered',
    run: async () => {
      await core.registerConnection('temp', { contactPoints: [cluster1], lazyConnect: true });
      await core.unregisterConnection('temp');
      return T().using({ connection: 'temp' }).create(row);
    },
    ...UNKNOWN,
  },
  { name: 'raw execute on an unknown connection', run: () => core.execute(`INSERT INTO "${KEYSPACE}"."target" (id) VALUES (?)`, ['k1'], { connection: 'nope' }), ...UNKNOWN },
  { name: 'empty connection name at registration', run: () => core.registerConnection('', { contactPoints: [cluster1] }), ...CONFIG },
  { name: 'empty connection name in using', run: () => T().using({ connection: '' }).create(row), ...CONFIG },
  { name: 'unknown using() option', run: () => T().using({ table: 'other' } as never).create(row), ...CONFIG },

  // ---- values failing the schema ----
  { name: 'int column given a string', run: () => T().create({ id: 'k1', score: 'abc' as never }), ...INVALID },
  { name: 'int column given 2^31', run: () => T().create({ id: 'k1', score: 2 ** 31 }), ...INVALID },
  { name: 'int column given 1.5', run: () => T().create({ id: 'k1', score: 1.5 }), ...INVALID },
  { name: 'bigint column given a number', run: () => T().create({ id: 'k1', big: 1 as never }), ...INVALID },
  { name: 'list column given a string', run: () => T().create({ id: 'k1', tags: 'a,b' as never }), ...INVALID },
  { name: 'primary key missing', run: () => T().create({ score: 1 } as never), ...INVALID },
  { name: 'primary key null', run: () => T().create({ id: null as never }), ...INVALID },
  { name: 'unknown column in create values', run: () => T().create({ id: 'k1', nope: 1 } as never), ...INVALID },
  { name: 'update value failing the schema', run: () => T().where({ id: 'k1' }).update({ score: 'x' as never }), ...INVALID },
  { name: 'list element of the wrong type in append', run: () => T().where({ id: 'k1' }).update({ tags: append(1 as never) }), ...INVALID },

  // ---- oversized values ----
  { name: 'text over the zod limit (21 > 20 characters)', run: () => T().create({ id: 'k1', name: long(21) }), ...INVALID },
  { name: 'blob over the zod limit (1025 > 1024 bytes)', run: () => T().create({ id: 'k1', data: Buffer.alloc(1025) }), ...INVALID },
  { name: "partition key over Cassandra's 65535 bytes", run: () => T().create({ id: long(70_000) }), ...INVALID },
  { name: 'partition key of 40000 two-byte characters (80000 bytes)', run: () => T().create({ id: long(40_000, 'é') }), ...INVALID },
  { name: 'oversized key in an update', run: () => T().where({ id: long(65_536) }).update({ score: 1 }), ...INVALID },

  // ---- unknown columns and misuse in builders ----
  { name: 'unknown column in where({...})', run: () => T().where({ nope: 1 } as never).all(), ...BUILD },
  { name: 'unknown column in where(col, op, v)', run: () => T().where('nope' as never, '=', 1 as never).all(), ...BUILD },
  { name: 'unknown column in update', run: () => T().where({ id: 'k1' }).update({ nope: 1 } as never), ...BUILD },
  { name: 'unknown column in select', run: () => T().select('nope' as never).all(), ...BUILD },
  { name: 'unknown column in orderBy', run: () => T().orderBy('nope' as never).all(), ...BUILD },
  { name: 'unknown column in delete(columns)', run: () => T().where({ id: 'k1' }).delete(['nope' as never]), ...BUILD },
  { name: "where with operator '; DROP'", run: () => T().where('score', '; DROP' as never, 1).all(), ...BUILD },
  { name: '`in` with an empty list', run: () => T().where('id', 'in', []).all(), ...BUILD },
  { name: 'append on an int column', run: () => T().where({ id: 'k1' }).update({ score: append(1) as never }), ...BUILD },
  { name: 'add (set op) on a text column', run: () => T().where({ id: 'k1' }).update({ note: add('x') as never }), ...BUILD },
  { name: 'put (map op) on a list column', run: () => T().where({ id: 'k1' }).update({ tags: put({ a: 'b' }) as never }), ...BUILD },
  { name: 'increment on a non-counter column', run: () => T().where({ id: 'k1' }).update({ score: increment(1) as never }), ...BUILD },
  { name: "where 'contains' on a scalar column", run: () => T().where('score' as never, 'contains', 1 as never).allowFiltering().all(), ...BUILD },
  { name: 'update without the primary key', run: () => (T() as unknown as { update(changes: object): Promise<void> }).update({ score: 1 }), ...BUILD },
  { name: 'create on a counter table', run: () => query(Hits).create({ id: 'k1' } as never), ...BUILD },
  { name: 'counter set to a value', run: () => query(Hits).where({ id: 'k1' }).update({ hits: 5n as never }), ...BUILD },
  { name: 'negative ttl', run: () => T().ttl(-1).create(row), ...BUILD },

  // ---- batches across connections ----
  {
    name: 'batch on cluster1 given a statement using cluster2',
    run: () => batch({ connection: 'cluster1' }).add(T().using({ connection: 'cluster2' }).createStatement(row)).execute(),
    ...BATCH,
  },
  {
    name: 'implicit batch: cluster1 statement then cluster2 statement',
    run: () =>
      batch()
        .add(T().using({ connection: 'cluster1' }).createStatement(row))
        .add(T().using({ connection: 'cluster2' }).createStatement({ id: 'k2' }))
        .execute(),
    ...BATCH,
  },
  {
    name: 'callback batch mixing the default connection and cluster2',
    run: () =>
      batch({}, async (b) => {
        await T().batch(b).create(row);
        await T().using({ connection: 'cluster2' }).batch(b).create({ id: 'k2' });
      }),
    ...BATCH,
  },

  // ---- no keyspace anywhere ----
  { name: 'no keyspace: model, using and connection give none', run: () => query(Unplaced).using({ connection: 'nokeyspace' }).create(row), ...NO_KEYSPACE },
  { name: 'no keyspace inside withConnection', run: () => core.withConnection('nokeyspace', () => query(Unplaced).all()), ...NO_KEYSPACE },
];

interface Outcome {
  error: unknown;
  queryEvents: number;
  driverCalls: number;
}

const DRIVER_METHODS = ['connect', 'execute', 'batch', 'eachRow', 'stream'] as const;

/** Runs one case with the driver client's methods spied on and core's query events counted. */
async function attempt(run: () => unknown): Promise<Outcome> {
  const spies = DRIVER_METHODS.map((method) => jest.spyOn(Client.prototype, method));
  const before = events.length;
  try {
    const error = await thrownBy(run);
    // Let anything a rejected promise might still have started show itself.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return {
      error,
      queryEvents: events.slice(before).filter((event) => event.type === 'query').length,
      driverCalls: spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
    };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

test(`at least 40 bad-input cases (${CASES.length})`, () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40);
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});

describe('rejected with a typed error before anything is sent', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const outcome = await attempt(c.run);
    expect(outcome.error).toBeInstanceOf(c.error);
    expect(outcome.error).toBeInstanceOf(CassiaError);
    expect((outcome.error as CassiaError).code).toBe(c.code);
    expect({ queryEvents: outcome.queryEvents, driverCalls: outcome.driverCalls }).toEqual({ queryEvents: 0, driverCalls: 0 });
  });

  afterAll(async () => {
    // Nothing any case tried was written, on either cluster.
    const counts = await rowCounts();
    expect(counts).toEqual({ 'cluster1.target': 0, 'cluster1.hits': 0, 'cluster2.target': 0, 'cluster2.hits': 0 });
    expect(core.listConnections()).toEqual(['cluster1', 'cluster2', 'nokeyspace']);
    report('bad input', { cases: CASES.length, rowsWritten: Object.values(counts).reduce((a, b) => a + b, 0) });
  });
});

// Values that look like CQL are data: stored and read back exactly, and never part of the CQL.
const CQL_VALUES = [
  "'; DROP TABLE target; --",
  "Robert'); DROP KEYSPACE cassia_rel_bad;--",
  '" OR 1=1 --',
  "/* comment */ ' OR ''='",
  'a;b;c;',
  "x' AND token(id) > 0 ALLOW FILTERING; --",
  "$$ BEGIN BATCH APPLY BATCH $$",
  'line1\nline2\r\n-- trailing',
  '?, ?, :name',
  '\u0000\u0001 nul and control',
  'émoji 🦄 and \'quotes\' "double"',
  '',
];

test('strings carrying CQL in values are stored verbatim and round-trip', async () => {
  const before = events.length;
  for (const [i, value] of CQL_VALUES.entries()) {
    const id = `${i}:${value}`;
    await query(Notes).create({ id, body: value, tags: [value, value], attrs: new Map([[value, value]]) });
    expect(await query(Notes).where({ id }).get()).toEqual({ id, body: value, tags: [value, value], attrs: new Map([[value, value]]) });
    const stored = await raw.cluster1.execute(`SELECT "body", "tags" FROM "${KEYSPACE}"."notes" WHERE "id" = ?`, [id], { prepare: true });
    expect(stored.first().get('body')).toBe(value);
    await query(Notes).where({ id }).update({ body: `${value}${value}` });
    expect((await query(Notes).where({ id }).get()).body).toBe(`${value}${value}`);
    expect(await query(Notes).where('id', 'in', [id, `${id}-missing`]).count()).toBe(1);
  }
  // Nothing was dropped or rewritten: both tables still exist and hold exactly these rows.
  expect(await query(Notes).count()).toBe(CQL_VALUES.length);
  expect(await query(Target).count()).toBe(0);
  const statements = events.slice(before).flatMap((event) => (event.type === 'query' ? [event.cql] : []));
  for (const value of CQL_VALUES.filter((v) => v.length >= 3)) {
    for (const cql of statements) expect(cql).not.toContain(value);
  }
  report('CQL-looking values', { roundTripped: CQL_VALUES.length, statementsChecked: statements.length });
});
