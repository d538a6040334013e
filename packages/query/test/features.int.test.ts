// Every builder feature against a real cluster (cluster1): paging, first/get/count, where forms,
// LWT failures, collection and counter operations, ttl, timestamp, deletes and batches.
import { Client } from 'cassandra-driver';
import { ConnectionRegistry, LwtNotAppliedError, MultipleRowsError, NotFoundError } from '@cassia/core';
import { createTableCql, defineModel, t, type InferSave } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { untyped } from './fixtures';
import {
  add, append, batch, bind, decrement, increment, isLwtNotApplied, prepend, put, query, remove, removeKeys, setAt,
} from '../src';

const KS = 'cassia_query_it_features';
const { cluster1 } = testClusters();

const Event = defineModel({
  table: 'events',
  keyspace: KS,
  columns: { stream: t.text(), seq: t.int(), body: t.text(), at: t.timestamp().dbName('happened_at') },
  partitionKey: ['stream'],
  clusteringKey: ['seq'],
});

const Profile = defineModel({
  table: 'profiles',
  keyspace: KS,
  columns: {
    id: t.text(),
    name: t.text(),
    nick: t.text(),
    tags: t.list(t.text()),
    labels: t.set(t.text()),
    scores: t.map(t.text(), t.int()),
    visits: t.bigint(),
  },
  partitionKey: ['id'],
});

const Views = defineModel({
  table: 'views',
  keyspace: KS,
  columns: { page: t.text(), day: t.date(), hits: t.counter(), users: t.counter() },
  partitionKey: ['page', 'day'],
});

/** Two clustering columns, for the clustering-prefix rule of range deletes. */
const Reading = defineModel({
  table: 'readings',
  keyspace: KS,
  columns: { sensor: t.text(), day: t.int(), minute: t.int(), value: t.int() },
  partitionKey: ['sensor'],
  clusteringKey: ['day', 'minute'],
});

let raw: Client;
let registry: ConnectionRegistry;
const events = () => query(Event, { registry });
const profiles = () => query(Profile, { registry });
const views = () => query(Views, { registry });
const readings = () => query(Reading, { registry });

beforeAll(async () => {
  raw = new Client({
    contactPoints: [cluster1],
    localDataCenter: 'datacenter1',
    encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true },
  });
  await raw.connect();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  for (const model of [Event, Profile, Views, Reading]) await raw.execute(createTableCql(model, KS));
  registry = new ConnectionRegistry();
  await registry.registerConnection('cluster1', { contactPoints: [cluster1], default: true });
});

afterAll(async () => {
  await registry.shutdown();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.shutdown();
});

describe('reads', () => {
  beforeAll(async () => {
    for (let seq = 0; seq < 25; seq++) {
      await events().create({ stream: 's', seq, body: `b${seq}`, at: new Date(1_700_000_000_000 + seq) });
    }
    await events().create({ stream: 'other', seq: 1, body: 'x' });
  });

  it('all() and for-await read every page; page() resumes from pageState', async () => {
    const q = events().where({ stream: 's' }).fetchSize(10);
    const all = await q.all();
    expect(all.map((r) => r.seq)).toEqual([...Array(25).keys()]);
    expect(all[3]).toEqual({ stream: 's', seq: 3, body: 'b3', at: new Date(1_700_000_000_003) });
    const seen: number[] = [];
    for await (const row of q) seen.push(row.seq);
    expect(seen).toHaveLength(25);

    const first = await q.page();
    expect(first.rows).toHaveLength(10);
    expect(first.pageState).toEqual(expect.any(String));
    const second = await q.page({ pageState: first.pageState });
    expect(second.rows.map((r) => r.seq)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const third = await q.page({ pageState: second.pageState });
    expect(third.rows).toHaveLength(5);
    expect(third.pageState).toBeUndefined();
    const small = await q.page({ fetchSize: 3 });
    expect(small.rows).toHaveLength(3);
  });

  it('where operators, orderBy, limit, perPartitionLimit, select, distinct, token, count, first, get', async () => {
    const s = events().where({ stream: 's' });
    expect((await s.where('seq', '>=', 20).all()).map((r) => r.seq)).toEqual([20, 21, 22, 23, 24]);
    expect((await s.where('seq', '<', 2).all()).map((r) => r.seq)).toEqual([0, 1]);
    expect((await s.where('seq', 'in', [3, 5]).all()).map((r) => r.seq)).toEqual([3, 5]);
    expect((await s.orderBy('seq', 'desc').limit(2).all()).map((r) => r.seq)).toEqual([24, 23]);
    expect(await s.select('seq', 'body').where('seq', '=', 7).all()).toEqual([{ seq: 7, body: 'b7' }]);
    expect((await events().perPartitionLimit(1).all()).length).toBe(2);
    expect((await events().distinct().all()).map((r) => r.stream).sort()).toEqual(['other', 's']);
    expect(await s.count()).toBe(25);
    expect(await events().count()).toBe(26);
    expect(await s.where('body', '=', 'b9').allowFiltering().count()).toBe(1);
    expect((await s.first())?.seq).toBe(0);
    expect(await events().where({ stream: 'none' }).first()).toBeUndefined();
    expect((await s.where('seq', '=', 4).get()).body).toBe('b4');
    // get() by the partition key alone does not compile; at run time it still reads (LIMIT 2).
    await expect(untyped(events().where({ stream: 'none' })).get()).rejects.toThrow(NotFoundError);
    await expect(untyped(s).get()).rejects.toThrow(MultipleRowsError);
    const before = await events().whereToken('<=', { stream: 's' }).select('stream').distinct().all();
    const after = await events().whereToken('>', { stream: 's' }).select('stream').distinct().all();
    expect([...before, ...after].map((r) => r.stream).sort()).toEqual(['other', 's']);
    expect(before.map((r) => r.stream)).toContain('s');
    const strong = await s.consistency('one').timeout(5000).limit(1).all();
    expect(strong).toHaveLength(1);
  });

  it('contains / containsKey with ALLOW FILTERING', async () => {
    await profiles().create({ id: 'c1', tags: ['a', 'b'], labels: new Set(['x']), scores: new Map([['k', 1]]) });
    await profiles().create({ id: 'c2', tags: ['c'], labels: new Set(['y']), scores: new Map([['j', 2]]) });
    const ids = async (q: ReturnType<typeof profiles>) => (await q.allowFiltering().select('id').all()).map((r) => r.id).sort();
    expect(await ids(profiles().where('tags', 'contains', 'b'))).toEqual(['c1']);
    expect(await ids(profiles().where('labels', 'contains', 'y'))).toEqual(['c2']);
    expect(await ids(profiles().where('scores', 'contains', 2))).toEqual(['c2']);
    expect(await ids(profiles().where('scores', 'containsKey', 'k'))).toEqual(['c1']);
  });
});

describe('writes', () => {
  const read = (id: string) => profiles().where({ id }).get();

  it('update with values and null runs as one statement', async () => {
    await profiles().create({ id: 'u1', name: 'Ann', nick: 'a', visits: 2n ** 60n });
    expect((await read('u1')).visits).toBe(2n ** 60n);
    await profiles().where({ id: 'u1' }).update({ name: 'Anna', nick: null });
    expect(await read('u1')).toMatchObject({ name: 'Anna', nick: null });
  });

  it('save writes the whole row', async () => {
    await profiles().create({ id: 'sv', name: 'n', nick: 'k' });
    const row = await read('sv');
    await profiles().save({ ...row, nick: null, name: 'm' });
    expect(await read('sv')).toMatchObject({ name: 'm', nick: null });
    // Typed code must give the whole row; a JavaScript caller may leave columns out.
    await profiles().save({ id: 'sv' } as InferSave<typeof Profile>);
    expect(await read('sv')).toMatchObject({ name: null, nick: null, tags: [] });
  });

  it('list, set and map operations', async () => {
    await profiles().create({ id: 'ops', tags: ['b'], labels: new Set(['x']), scores: new Map([['a', 1]]) });
    const q = profiles().where({ id: 'ops' });
    await q.update({ tags: append('c', 'd') });
    await q.update({ tags: prepend('a') });
    expect((await read('ops')).tags).toEqual(['a', 'b', 'c', 'd']);
    await q.update({ tags: remove('b') });
    await q.update({ tags: setAt(0, 'A') });
    expect((await read('ops')).tags).toEqual(['A', 'c', 'd']);
    await q.update({ labels: add('y', 'z') });
    await q.update({ labels: remove('x') });
    expect((await read('ops')).labels).toEqual(new Set(['y', 'z']));
    await q.update({ scores: put(new Map([['b', 2], ['c', 3]])) });
    await q.update({ scores: removeKeys('a', 'c') });
    expect((await read('ops')).scores).toEqual(new Map([['b', 2]]));
    await q.update({ tags: ['only'], labels: new Set<string>(), scores: put({ z: 26 }) });
    expect(await read('ops')).toMatchObject({ tags: ['only'], labels: new Set(), scores: new Map([['b', 2], ['z', 26]]) });
  });

  it('counters: increment and decrement, also in a counter batch', async () => {
    const q = views().where({ page: 'home', day: '2024-05-01' });
    await q.update({ hits: increment(5), users: increment() });
    await q.update({ hits: decrement(2) });
    expect(await q.get()).toEqual({ page: 'home', day: '2024-05-01', hits: 3n, users: 1n });
    await batch({ type: 'counter' }, async (b) => {
      await q.batch(b).update({ hits: increment(10) });
      await views().where({ page: 'about', day: '2024-05-01' }).batch(b).update({ users: increment(2) });
    });
    expect((await q.get()).hits).toBe(13n);
    expect((await views().where({ page: 'about', day: '2024-05-01' }).get()).users).toBe(2n);
  });

  it('ttl and timestamp reach Cassandra', async () => {
    await profiles().ttl(1000).timestamp(1_000_000n).create({ id: 'ttl', name: 'n' });
    const result = await raw.execute(`SELECT TTL(name) AS t, WRITETIME(name) AS w FROM "${KS}"."profiles" WHERE id = 'ttl'`);
    const row = result.first();
    expect(Number(row.t)).toBeGreaterThan(900);
    expect(BigInt(String(row.w))).toBe(1_000_000n);
    // An older timestamp loses to the newer write.
    await profiles().where({ id: 'ttl' }).timestamp(999_999).update({ name: 'older' });
    expect((await read('ttl')).name).toBe('n');
  });

  it('delete columns, rows, and a clustering range', async () => {
    await profiles().create({ id: 'del', name: 'n', nick: 'k', tags: ['t'] });
    await profiles().where({ id: 'del' }).delete(['nick', 'tags']);
    expect(await read('del')).toMatchObject({ name: 'n', nick: null, tags: [] });
    await profiles().where({ id: 'del' }).delete();
    expect(await profiles().where({ id: 'del' }).first()).toBeUndefined();
    await events().where({ stream: 'other' }).delete();
    expect(await events().where({ stream: 'other' }).count()).toBe(0);
    for (const seq of [1, 2, 3, 4]) await events().create({ stream: 'r', seq });
    await events().where({ stream: 'r' }).where('seq', '>=', 3).delete();
    expect((await events().where({ stream: 'r' }).all()).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('range deletes: a prefix of the clustering columns, = or in before the range; the server refuses what the checks refuse', async () => {
    const fill = async (sensor: string) => {
      for (const day of [1, 2, 3]) for (const minute of [10, 20, 30]) await readings().create({ sensor, day, minute, value: day * minute });
    };
    const left = async (sensor: string) => (await readings().where({ sensor }).all()).map((r) => `${r.day}:${r.minute}`);
    await fill('a');
    await fill('b');
    await readings().where({ sensor: 'a', day: 1 }).where('minute', '>=', 20).delete();
    expect(await left('a')).toEqual(['1:10', '2:10', '2:20', '2:30', '3:10', '3:20', '3:30']);
    await readings().where('sensor', 'in', ['a', 'b']).where('day', 'in', [2, 3]).where('minute', '<', 30).delete();
    expect(await left('a')).toEqual(['1:10', '2:30', '3:30']);
    expect(await left('b')).toEqual(['1:10', '1:20', '1:30', '2:30', '3:30']);
    await readings().where({ sensor: 'b' }).where('day', '<=', 2).delete();
    expect(await left('b')).toEqual(['3:30']);
    await readings().where({ sensor: 'a', day: 3 }).delete();
    expect(await left('a')).toEqual(['1:10', '2:30']);

    // What the types and the run-time checks refuse, Cassandra refuses too (sent as CQL by hand).
    const table = `"${KS}"."readings"`;
    const refusals: [string, () => unknown, string][] = [
      [
        `DELETE FROM ${table} WHERE sensor = 'a' AND minute = 10`,
        () => untyped(readings().where({ sensor: 'a', minute: 10 })).deleteStatement(),
        'before it is not',
      ],
      [
        `DELETE FROM ${table} WHERE sensor = 'a' AND day > 1 AND minute = 10`,
        () => untyped(readings().where({ sensor: 'a' }).where('day', '>', 1).where('minute', '=', 10)).deleteStatement(),
        'is a range',
      ],
      [
        `DELETE FROM ${table} WHERE sensor > 'a'`,
        () => untyped(readings().where('sensor', '>', 'a')).deleteStatement(),
        'not a range (sensor)',
      ],
      [
        `DELETE value FROM ${table} WHERE sensor = 'a' AND day = 1 AND minute > 10`,
        () => untyped(readings().where({ sensor: 'a', day: 1 }).where('minute', '>', 10)).deleteStatement(['value']),
        'not a range (minute)',
      ],
      [
        `DELETE FROM ${table} USING TTL 10 WHERE sensor = 'a'`,
        () => untyped(readings().where({ sensor: 'a' }).ttl(10)).deleteStatement(),
        'ttl() does not apply to delete',
      ],
      [
        `DELETE FROM ${table} WHERE sensor = 'a' IF EXISTS`,
        () => untyped(readings().where({ sensor: 'a' }).ifExists()).deleteStatement(),
        '(day, minute)',
      ],
      [
        `DELETE FROM ${table} WHERE sensor = 'a' AND day = 1 AND minute IN (1, 2) IF EXISTS`,
        () => untyped(readings().where({ sensor: 'a', day: 1 }).where('minute', 'in', [1, 2]).ifExists()).deleteStatement(),
        'no in or range (minute)',
      ],
      [
        `UPDATE ${table} SET value = 1 WHERE sensor IN ('a', 'b') AND day = 1 AND minute = 2 IF value = 3`,
        () => untyped(readings().where('sensor', 'in', ['a', 'b']).where({ day: 1, minute: 2 }).if({ value: 3 })).updateStatement({ value: 1 }),
        'no in or range (sensor)',
      ],
    ];
    for (const [cql, build, message] of refusals) {
      await expect(raw.execute(cql)).rejects.toThrow();
      expect(build).toThrow(message);
    }
  });

  it('lightweight transactions that do not apply raise LwtNotAppliedError with the existing values', async () => {
    await profiles().ifNotExists().create({ id: 'lwt', name: 'first' });
    const error = await profiles().ifNotExists().create({ id: 'lwt', name: 'second' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LwtNotAppliedError);
    expect((error as LwtNotAppliedError).existing).toMatchObject({ id: 'lwt', name: 'first' });
    if (!isLwtNotApplied(error, Profile)) throw new Error('expected the LwtNotAppliedError of a Profile write');
    const winner: string | null | undefined = error.existing.name; // typed by the model, no cast
    expect(winner).toBe('first');
    expect((await read('lwt')).name).toBe('first');

    await expect(profiles().where({ id: 'lwt' }).if({ name: 'nope' }).update({ name: 'x' })).rejects.toThrow(LwtNotAppliedError);
    await profiles().where({ id: 'lwt' }).if({ name: 'first', nick: null }).serialConsistency('localSerial').update({ name: 'second', nick: null });
    expect((await read('lwt')).name).toBe('second');
    await expect(profiles().where({ id: 'missing' }).ifExists().update({ name: 'x' })).rejects.toThrow(LwtNotAppliedError);
    expect(await profiles().where({ id: 'missing' }).first()).toBeUndefined();
    await expect(profiles().where({ id: 'missing' }).ifExists().delete()).rejects.toThrow(LwtNotAppliedError);
    await expect(profiles().where({ id: 'lwt' }).if('name', '!=', 'second').update({ name: 'third' })).rejects.toThrow(LwtNotAppliedError);
    await profiles().where({ id: 'lwt' }).if('name', 'in', ['first', 'second']).if('name', '>', 'a').update({ name: 'third' });
    expect((await read('lwt')).name).toBe('third');
    await profiles().where({ id: 'lwt' }).ifExists().delete();
    expect(await profiles().where({ id: 'lwt' }).first()).toBeUndefined();
  });

  it('batches: logged, unlogged with timestamp, conditional failure, run-once', async () => {
    const b = batch();
    b.add(profiles().createStatement({ id: 'b1', name: 'one' }));
    b.add(profiles().createStatement({ id: 'b2', name: 'two' }));
    b.add(bind(Profile, { keyspace: KS, registry }).where({ id: 'b1' }).updateStatement({ nick: 'n1' }));
    await b.execute();
    expect(await read('b1')).toMatchObject({ name: 'one', nick: 'n1' });
    expect((await read('b2')).name).toBe('two');
    await expect(b.execute()).rejects.toThrow(/already run/);

    await batch({ type: 'unlogged', timestamp: 5n }, async (u) => {
      await profiles().batch(u).create({ id: 'b3', name: 'three' });
    });
    const w = await raw.execute(`SELECT WRITETIME(name) AS w FROM "${KS}"."profiles" WHERE id = 'b3'`);
    expect(String(w.first().w)).toBe('5');

    // Conditional statements of one partition: all fail together.
    const lwt = batch();
    lwt.add(profiles().where({ id: 'b1' }).if({ name: 'wrong' }).updateStatement({ name: 'changed' }));
    lwt.add(profiles().where({ id: 'b1' }).if({ nick: 'n1' }).updateStatement({ nick: 'changed' }));
    const error = await lwt.execute().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LwtNotAppliedError);
    expect((error as LwtNotAppliedError).existing).toMatchObject({ id: 'b1', name: 'one' });
    expect(await read('b1')).toMatchObject({ name: 'one', nick: 'n1' });
  });

  it('the callback batch does not run when the callback throws, unless executeOnError', async () => {
    await expect(
      batch({}, async (b) => {
        await profiles().batch(b).create({ id: 'cb1' });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await profiles().where({ id: 'cb1' }).first()).toBeUndefined();
    await expect(
      batch({ executeOnError: true }, async (b) => {
        await profiles().batch(b).create({ id: 'cb2' });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await profiles().where({ id: 'cb2' }).first()).toBeDefined();
  });
});
