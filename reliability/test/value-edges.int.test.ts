// Values at the edges on the real cluster (cluster1), written through Cassia on a registry client
// and checked with a raw driver client, and the other way round (issue 23 items 2–5, issue 25
// items 6–12): inherited values are never written, Object-member names work, a map key
// "hasOwnProperty" is stored, lone surrogates and out-of-range values are refused before
// anything is sent, and what other clients store reads back exactly or as a typed error.
import { types, type Client } from 'cassandra-driver';
import { ConnectionRegistry, QueryBuildError, UnreadableValueError, ValidationError } from '@cassia/core';
import { decrement, increment, query } from '@cassia/query';
import { createTableCql, defineModel, defineType, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { rawClient, thrownBy } from './support';

const KS = 'cassia_value_edges_it';
const { cluster1 } = testClusters();

const Account = defineModel({
  table: 'accounts',
  keyspace: KS,
  columns: { id: t.text(), name: t.text(), role: t.text() },
  partitionKey: 'id',
});

// The model's type has fields the database's type does not have yet (a newer deploy).
const Badge = defineType({ name: 'badge', keyspace: KS, fields: { label: t.text(), toString: t.text(), valueOf: t.int() } });

const Odd = defineModel({
  table: 'odd',
  keyspace: KS,
  columns: {
    id: t.int(),
    constructor: t.text(),
    toString: t.text(),
    hasOwnProperty: t.int(),
    valueOf: t.boolean(),
    isPrototypeOf: t.list(t.text()),
    badge: t.udt(Badge),
    scores: t.map(t.text(), t.int()),
  },
  partitionKey: 'id',
});

const Values = defineModel({
  table: 'vals',
  keyspace: KS,
  columns: {
    id: t.int(),
    f: t.float(),
    ip: t.inet(),
    d: t.decimal(),
    ts: t.timestamp(),
    day: t.date(),
    pair: t.tuple(t.int(), t.text()),
    label: t.text(),
  },
  partitionKey: 'id',
});

const Keys = defineModel({
  table: 'keys',
  keyspace: KS,
  columns: { p1: t.text(), p2: t.text(), c1: t.text(), c2: t.blob(), v: t.int() },
  partitionKey: ['p1', 'p2'],
  clusteringKey: ['c1', 'c2'],
});

const Single = defineModel({ table: 'single', keyspace: KS, columns: { p: t.text(), v: t.int() }, partitionKey: 'p' });
const FrozenKey = defineModel({ table: 'frozen_key', keyspace: KS, columns: { p: t.frozen(t.list(t.int())), v: t.int() }, partitionKey: 'p' });
const Hits = defineModel({ table: 'hits', keyspace: KS, columns: { id: t.int(), n: t.counter() }, partitionKey: 'id' });

let raw: Client;
let registry: ConnectionRegistry;
const q = <M extends Parameters<typeof query>[0]>(model: M) => query(model, { registry });

async function rawRow(cql: string, params: unknown[]): Promise<types.Row | undefined> {
  return (await raw.execute(cql, params, { prepare: true })).first() ?? undefined;
}

async function count(table: string): Promise<number> {
  const row = await rawRow(`SELECT count(*) AS n FROM "${KS}"."${table}"`, []);
  return Number(row?.get('n'));
}

beforeAll(async () => {
  raw = rawClient([cluster1]);
  await raw.connect();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  // The stored type lacks the model's `toString` and `valueOf` fields.
  await raw.execute(`CREATE TYPE "${KS}"."badge" ("label" text)`);
  for (const model of [Account, Odd, Values, Keys, Single, FrozenKey, Hits]) await raw.execute(createTableCql(model, KS));
  registry = new ConnectionRegistry();
  await registry.registerConnection('cluster1', { contactPoints: [cluster1], default: true });
});

afterAll(async () => {
  await registry.shutdown();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.shutdown();
});

describe('inherited properties (issue 23 item 2)', () => {
  it('create(Object.create({ role })) does not write the inherited role', async () => {
    await q(Account).create(Object.create({ role: 'admin' }, { id: { value: 'u1', enumerable: true }, name: { value: 'Ann', enumerable: true } }));
    const row = await rawRow(`SELECT * FROM "${KS}"."accounts" WHERE id = ?`, ['u1']);
    expect([row?.get('name'), row?.get('role')]).toEqual(['Ann', null]);
  });

  it('a polluted Object.prototype.role is not written, by create() or update()', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.role = 'admin';
    try {
      await q(Account).create({ id: 'u2', name: 'Bob' });
      await q(Account).where({ id: 'u3' }).update({ name: 'Cy' });
    } finally {
      delete proto.role;
    }
    for (const id of ['u2', 'u3']) {
      const row = await rawRow(`SELECT role FROM "${KS}"."accounts" WHERE id = ?`, [id]);
      expect([id, row?.get('role')]).toEqual([id, null]);
    }
  });
});

describe('names of Object.prototype members (issue 23 item 3)', () => {
  it('create() that leaves those columns out works, and they read back null or empty', async () => {
    await q(Odd).create({ id: 1 });
    await q(Odd).create({ id: 2, toString: 'text', valueOf: true, hasOwnProperty: 3, constructor: 'c', isPrototypeOf: ['x'] });
    expect(await q(Odd).where({ id: 1 }).get()).toMatchObject({ id: 1, constructor: null, toString: null, hasOwnProperty: null, valueOf: null, isPrototypeOf: [] });
    expect(await q(Odd).where({ id: 2 }).get()).toMatchObject({ toString: 'text', valueOf: true, hasOwnProperty: 3, constructor: 'c', isPrototypeOf: ['x'] });
  });

  it('a UDT value stored before the type gained a field named toString reads it as null', async () => {
    await raw.execute(`INSERT INTO "${KS}"."odd" (id, badge) VALUES (3, {label: 'gold'})`);
    const row = await q(Odd).where({ id: 3 }).get();
    expect(row.badge).toEqual({ label: 'gold', toString: null, valueOf: null });
  });
});

describe('map keys (issue 23 item 4)', () => {
  it('a map key "hasOwnProperty" is written, read back by Cassia and by a raw client', async () => {
    const scores = new Map([['hasOwnProperty', 1], ['__proto__', 2], ['constructor', 3]]);
    await q(Odd).create({ id: 4, scores });
    expect((await q(Odd).where({ id: 4 }).get()).scores).toEqual(scores);
    const row = await rawRow(`SELECT scores FROM "${KS}"."odd" WHERE id = ?`, [4]);
    expect(row?.get('scores')).toEqual(scores);
  });
});

describe('text that is not well formed (issue 23 item 5)', () => {
  it("'alice\\ud800' and 'alice\\udbff' are refused before anything is sent; nothing is written", async () => {
    const before = await count('accounts');
    for (const id of ['alice\ud800', 'alice\udbff']) {
      expect(await thrownBy(() => q(Account).create({ id, name: 'x' }))).toBeInstanceOf(ValidationError);
      expect(await thrownBy(() => q(Account).create({ id: 'ok', name: id }))).toBeInstanceOf(ValidationError);
      expect(await thrownBy(() => q(Account).where({ id }).first())).toBeInstanceOf(ValidationError);
    }
    expect(await count('accounts')).toBe(before);
    expect(await rawRow(`SELECT id FROM "${KS}"."accounts" WHERE id = ?`, ['alice\ufffd'])).toBeUndefined();
  });
});

describe('values other clients store, and values Cassandra would refuse (issue 25 items 6–12)', () => {
  it('float: beyond float32 is refused; the largest float32 is stored and read exactly', async () => {
    expect(await thrownBy(() => q(Values).create({ id: 1, f: 3.5e38 }))).toBeInstanceOf(ValidationError);
    const largest = 3.4028234663852886e38;
    await q(Values).create({ id: 1, f: largest });
    expect((await rawRow(`SELECT f FROM "${KS}"."vals" WHERE id = ?`, [1]))?.get('f')).toBe(largest);
    expect((await q(Values).where({ id: 1 }).get()).f).toBe(largest);
  });

  it('inet: embedded IPv4 forms are written; IPv6 reads back in RFC 5952 form whoever wrote it', async () => {
    await q(Values).create({ id: 2, ip: '64:ff9b::1.2.3.4' });
    const stored = (await rawRow(`SELECT ip FROM "${KS}"."vals" WHERE id = ?`, [2]))?.get('ip') as types.InetAddress;
    expect(stored.getBuffer()).toEqual(Buffer.from([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]));
    expect((await q(Values).where({ id: 2 }).get()).ip).toBe('64:ff9b::102:304');
    await q(Values).create({ id: 3, ip: '::ffff:10.0.0.1' });
    expect((await q(Values).where({ id: 3 }).get()).ip).toBe('::ffff:10.0.0.1');
    await raw.execute(`INSERT INTO "${KS}"."vals" (id, ip) VALUES (?, ?)`, [4, types.InetAddress.fromString('2001:0:0:1:0:1:0:0')], { prepare: true });
    expect((await q(Values).where({ id: 4 }).get()).ip).toBe('2001::1:0:1:0:0');
  });

  it('decimal: a negative scale written by another client reads as 1E+3 and is written back unchanged', async () => {
    await raw.execute(`INSERT INTO "${KS}"."vals" (id, d) VALUES (5, 1E+3)`);
    const read = (await q(Values).where({ id: 5 }).get()).d;
    expect(read).toBe('1E+3');
    await q(Values).create({ id: 6, d: read! });
    const stored = (await rawRow(`SELECT d FROM "${KS}"."vals" WHERE id = ?`, [6]))?.get('d') as types.BigDecimal;
    expect(types.BigDecimal.toBuffer(stored)).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xfd, 0x01]));
  });

  it('timestamp beyond JS Date range: a typed error on read, never an Invalid Date', async () => {
    await raw.execute(`INSERT INTO "${KS}"."vals" (id, ts) VALUES (7, -9223372036854775808)`);
    const error = await thrownBy(() => q(Values).where({ id: 7 }).get());
    expect(error).toBeInstanceOf(UnreadableValueError);
    expect((error as UnreadableValueError).code).toBe('ERR_CASSIA_UNREADABLE_VALUE');
  });

  it("date: the whole of Cassandra's range reads as a date text, and is written back unchanged", async () => {
    await raw.execute(`INSERT INTO "${KS}"."vals" (id, day) VALUES (8, '-5877641-06-23')`);
    // A date literal as a number is Cassandra's unsigned day (2^31 is 1970-01-01): this is the last day.
    await raw.execute(`INSERT INTO "${KS}"."vals" (id, day) VALUES (9, 4294967295)`);
    expect((await q(Values).where({ id: 8 }).get()).day).toBe('-5877641-06-23');
    const last = (await q(Values).where({ id: 9 }).get()).day;
    expect(last).toBe('+5881580-07-11');
    await q(Values).create({ id: 10, day: last! });
    const stored = (await rawRow(`SELECT day FROM "${KS}"."vals" WHERE id = ?`, [10]))?.get('day') as types.LocalDate;
    expect(stored.toBuffer().readUInt32BE(0)).toBe(2 ** 32 - 1);
  });

  it('tuples with null elements: written by Cassia and by a raw client, read by both', async () => {
    await q(Values).create({ id: 11, pair: [null, 'x'] });
    expect(((await rawRow(`SELECT pair FROM "${KS}"."vals" WHERE id = ?`, [11]))?.get('pair') as types.Tuple).values()).toEqual([null, 'x']);
    await raw.execute(`INSERT INTO "${KS}"."vals" (id, pair) VALUES (?, ?)`, [12, new types.Tuple(null, null)], { prepare: true });
    expect((await q(Values).where({ id: 12 }).get()).pair).toEqual([null, null]);
  });

  it('empty keys and oversized keys are refused before sending; the boundaries Cassandra takes are stored', async () => {
    const x = (n: number) => 'x'.repeat(n);
    expect(await thrownBy(() => q(Single).create({ p: '', v: 1 }))).toBeInstanceOf(ValidationError);
    expect(await thrownBy(() => q(FrozenKey).create({ p: [], v: 1 }))).toBeInstanceOf(ValidationError);
    expect(await thrownBy(() => q(Keys).create({ p1: x(100), p2: x(65_430), c1: 'a', c2: Buffer.from('b') }))).toBeInstanceOf(ValidationError);
    expect(await thrownBy(() => q(Keys).create({ p1: 'a', p2: 'b', c1: x(100), c2: Buffer.alloc(65_436) }))).toBeInstanceOf(ValidationError);
    expect(await count('keys')).toBe(0);
    await q(Keys).create({ p1: x(100), p2: x(65_429), c1: 'a', c2: Buffer.from('b'), v: 1 });
    await q(Keys).create({ p1: 'a', p2: 'b', c1: x(100), c2: Buffer.alloc(65_435), v: 2 });
    await q(Keys).create({ p1: '', p2: '', c1: '', c2: Buffer.alloc(0), v: 3 });
    expect(await count('keys')).toBe(3);
  });

  it('decrement(-2n ** 63n) is refused before sending; the extremes Cassandra takes work', async () => {
    expect(await thrownBy(() => q(Hits).where({ id: 1 }).update({ n: decrement(-(2n ** 63n)) }))).toBeInstanceOf(QueryBuildError);
    await q(Hits).where({ id: 1 }).update({ n: decrement(2n ** 63n - 1n) });
    await q(Hits).where({ id: 2 }).update({ n: increment(-(2n ** 63n)) });
    expect((await q(Hits).where({ id: 1 }).get()).n).toBe(-(2n ** 63n) + 1n);
    expect((await q(Hits).where({ id: 2 }).get()).n).toBe(-(2n ** 63n));
  });
});
