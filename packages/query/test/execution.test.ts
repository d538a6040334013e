// What the executor sends and how it reads answers, with a recording fake driver client:
// prepared statements, options, row mapping, paging, first/get/count, LWT and batches.
import {
  BatchConnectionError, ConfigurationError, ConnectionRegistry, LwtNotAppliedError, MultipleRowsError, NotFoundError,
  QueryBuildError,
} from '@cassia/core';
import { batch, increment, isLwtNotApplied, query, type Batch, type BatchOptions } from '../src';
import { Automobile, Automobile2, Garage, PageViews, fakeRegistry, lazyRegistry, untyped, type FakeResult } from './fixtures';

describe('reads', () => {
  it('runs prepared, maps db names and driver values, passes options', async () => {
    const { registry, calls } = await fakeRegistry([
      { rows: [{ owner: 'a', slot: 1, user_id: '6BA7B810-9DAD-11D1-80B4-00C04FD430C8', labels: null, ratings: null }] },
    ]);
    const rows = await query(Garage, { registry })
      .select('owner', 'slot', 'userId', 'labels', 'ratings')
      .consistency('localQuorum')
      .serialConsistency('localSerial')
      .timeout(1234)
      .fetchSize(7)
      .all();
    expect(rows).toEqual([{ owner: 'a', slot: 1, userId: '6BA7B810-9DAD-11D1-80B4-00C04FD430C8', labels: new Set(), ratings: new Map() }]);
    expect(calls[0].options).toMatchObject({ prepare: true, fetchSize: 7, readTimeout: 1234, consistency: 6, serialConsistency: 9 });
    await registry.shutdown();
  });

  it('all() and for-await page transparently through pageState', async () => {
    const pages: FakeResult[] = [
      { rows: [{ manufacturer: 'a', year: 1, model: 'x' }], pageState: 'p1' },
      { rows: [{ manufacturer: 'a', year: 2, model: 'y' }], pageState: 'p2' },
      { rows: [{ manufacturer: 'a', year: 3, model: 'z' }] },
    ];
    const { registry, calls } = await fakeRegistry([...pages, ...pages]);
    const q = query(Automobile, { registry }).where({ manufacturer: 'a' }).fetchSize(1);
    expect((await q.all()).map((r) => r.year)).toEqual([1, 2, 3]);
    const seen: number[] = [];
    for await (const row of q) seen.push(row.year);
    expect(seen).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.options.pageState)).toEqual([undefined, 'p1', 'p2', undefined, 'p1', 'p2']);
    expect(calls.every((c) => c.cql === 'SELECT * FROM "ks"."automobile" WHERE "manufacturer" = ?')).toBe(true);
    await registry.shutdown();
  });

  it('page() returns rows and a resumable cursor, which goes to the driver as the paging state it wraps', async () => {
    const { registry, calls } = await fakeRegistry([
      { rows: [{ manufacturer: 'a', year: 1, model: 'x' }], pageState: '0a0b0c' },
      { rows: [{ manufacturer: 'a', year: 2, model: 'y' }] },
    ]);
    const q = query(Automobile, { registry });
    const first = await q.page({ fetchSize: 1 });
    expect(first.rows).toEqual([{ manufacturer: 'a', year: 1, model: 'x' }]);
    expect(first.pageState).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first.pageState).not.toContain('0a0b0c');
    expect(first).not.toHaveProperty('rawPageState');
    const second = await q.page({ pageState: first.pageState, fetchSize: 1 });
    expect(second.pageState).toBeUndefined();
    expect(calls[1].options).toMatchObject({ pageState: Buffer.from('0a0b0c', 'hex'), fetchSize: 1 });
    await registry.shutdown();
  });

  it('first() uses LIMIT 1; get() needs exactly one row; count() is COUNT(*)', async () => {
    const row = { manufacturer: 'a', year: 1, model: 'x' };
    const { registry, calls } = await fakeRegistry([{ rows: [] }, { rows: [row] }, { rows: [] }, { rows: [row, row] }, { rows: [{ count: 12n }] }]);
    const q = query(Automobile, { registry }).where({ manufacturer: 'a' });
    expect(await q.first()).toBeUndefined();
    // get() by less than the whole key does not compile; at run time it still reads (LIMIT 2).
    expect(await untyped(q).get()).toEqual(row);
    await expect(untyped(q).get()).rejects.toThrow(NotFoundError);
    await expect(untyped(q).get()).rejects.toThrow(MultipleRowsError);
    expect(await q.limit(5).count()).toBe(12);
    expect(calls.map((c) => [c.cql.replace(' FROM "ks"."automobile" WHERE "manufacturer" = ?', ''), c.params])).toEqual([
      ['SELECT * LIMIT ?', ['a', 1]],
      ['SELECT * LIMIT ?', ['a', 2]],
      ['SELECT * LIMIT ?', ['a', 2]],
      ['SELECT * LIMIT ?', ['a', 2]],
      ['SELECT COUNT(*) LIMIT ?', ['a', 5]],
    ]);
    await registry.shutdown();
  });

  it('first() by the whole primary key sends the keyed read get() sends (no LIMIT: one row at most), in key order', async () => {
    const row = { manufacturer: 'a', year: 1, model: 'x' };
    const { registry, calls } = await fakeRegistry([{ rows: [row] }, { rows: [row] }, { rows: [] }, { rows: [row] }]);
    const root = query(Automobile, { registry });
    expect(await root.where({ model: 'x', year: 1, manufacturer: 'a' }).first()).toEqual(row);
    expect(await root.where({ manufacturer: 'a', year: 1, model: 'x' }).get()).toEqual(row);
    expect(await root.where({ manufacturer: 'a', year: 1, model: 'y' }).first()).toBeUndefined();
    // Anything beyond the key (here a column list) takes the general SELECT with LIMIT 1.
    await root.select('price').where({ manufacturer: 'a', year: 1, model: 'x' }).first();
    const keyed = 'SELECT * FROM "ks"."automobile" WHERE "manufacturer" = ? AND "year" = ? AND "model" = ?';
    expect(calls.map((c) => [c.cql, c.params])).toEqual([
      [keyed, ['a', 1, 'x']],
      [keyed, ['a', 1, 'x']],
      [keyed, ['a', 1, 'y']],
      ['SELECT "price" FROM "ks"."automobile" WHERE "manufacturer" = ? AND "year" = ? AND "model" = ? LIMIT ?', ['a', 1, 'x', 1]],
    ]);
    await registry.shutdown();
  });

  it('get() by the whole primary key sends no LIMIT (one row at most can match); by part of it, LIMIT 2', async () => {
    const row = { manufacturer: 'a', year: 1, model: 'x' };
    const { registry, calls } = await fakeRegistry([{ rows: [row] }, { rows: [row] }, { rows: [row] }, { rows: [row] }]);
    const auto = () => query(Automobile, { registry });
    await auto().where({ manufacturer: 'a', year: 1, model: 'x' }).get();
    await untyped(auto().where({ manufacturer: 'a', year: 1 }).where('model', 'in', ['x', 'y'])).get();
    await untyped(auto().where({ manufacturer: 'a', year: 1 }).where('model', '>', 'w')).get();
    await auto().where({ manufacturer: 'a', year: 1, model: 'x' }).limit(1).get();
    expect(calls.map((c) => c.cql.replace('SELECT * FROM "ks"."automobile" WHERE "manufacturer" = ? AND "year" = ? AND ', ''))).toEqual([
      '"model" = ?',
      '"model" IN ? LIMIT ?',
      '"model" > ? LIMIT ?',
      '"model" = ? LIMIT ?',
    ]);
    expect(calls[0].params).toEqual(['a', 1, 'x']);
    await registry.shutdown();
  });
});

describe('keyed reads', () => {
  it("get() by the whole key runs the model layout's keyed SELECT, the key bound in key order whatever where()'s order", async () => {
    const row = { manufacturer: 'a', year: 1, model: 'x' };
    const { registry, calls } = await fakeRegistry([{ rows: [row] }, { rows: [row] }, { rows: [row] }]);
    const auto = () => query(Automobile, { registry });
    await auto().where({ manufacturer: 'a', year: 1, model: 'x' }).get();
    await auto().where({ model: 'x', manufacturer: 'a' }).where('year', '=', 1).get();
    await auto().using({ keyspace: 'ks2' }).where({ model: 'x', year: 1, manufacturer: 'a' }).get();
    const keyed = 'SELECT * FROM "ks"."automobile" WHERE "manufacturer" = ? AND "year" = ? AND "model" = ?';
    expect(calls.map((c) => c.cql)).toEqual([keyed, keyed, keyed.replace('"ks"', '"ks2"')]);
    for (const call of calls) expect(call.params).toEqual(['a', 1, 'x']);
    // The same text the compiler gives a select of that shape (one prepared statement either way).
    expect(auto().where({ manufacturer: 'a', year: 1, model: 'x' }).toCQL().cql).toBe(keyed);
    await registry.shutdown();
  });

  it('anything beyond the key (select, distinct, filtering, a repeated or extra condition) compiles its own SELECT', async () => {
    const row = { manufacturer: 'a', year: 1, model: 'x' };
    const { registry, calls } = await fakeRegistry([{ rows: [row] }, { rows: [row] }, { rows: [row] }]);
    const auto = () => query(Automobile, { registry });
    await auto().select('manufacturer', 'year', 'model').where({ manufacturer: 'a', year: 1, model: 'x' }).get();
    await auto().where({ manufacturer: 'z', year: 1, model: 'x' }).where({ manufacturer: 'a' }).get();
    await auto().where({ manufacturer: 'a', year: 1, model: 'x' }).allowFiltering().get();
    expect(calls.map((c) => c.cql)).toEqual([
      'SELECT "manufacturer", "year", "model" FROM "ks"."automobile" WHERE "manufacturer" = ? AND "year" = ? AND "model" = ?',
      'SELECT * FROM "ks"."automobile" WHERE "manufacturer" = ? AND "year" = ? AND "model" = ? AND "manufacturer" = ?',
      'SELECT * FROM "ks"."automobile" WHERE "manufacturer" = ? AND "year" = ? AND "model" = ? ALLOW FILTERING',
    ]);
    expect(calls[1].params).toEqual(['z', 1, 'x', 'a']);
    await registry.shutdown();
  });
});

describe('writes', () => {
  it('a conditional write that does not apply → LwtNotAppliedError with existing values by property name', async () => {
    const { registry } = await fakeRegistry([
      { rows: [{ '[applied]': false, owner: 'a', slot: 1, name: 'old', user_id: null }] },
      { rows: [{ '[applied]': true }] },
    ]);
    const q = query(Garage, { registry }).where({ owner: 'a', slot: 1 }).if({ name: 'x' });
    const error = await q.update({ name: 'y' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LwtNotAppliedError);
    expect((error as LwtNotAppliedError).existing).toMatchObject({ owner: 'a', slot: 1, name: 'old', userId: null });
    // isLwtNotApplied narrows to the model's row: `existing.name` is read without a cast.
    if (!isLwtNotApplied(error, Garage)) throw new Error('expected the LwtNotAppliedError of a Garage write');
    expect(error.existing.name).toBe('old');
    expect(error.model).toBe(Garage);
    expect(isLwtNotApplied(error, Automobile)).toBe(false);
    expect(isLwtNotApplied(new Error('other'), Garage)).toBe(false);
    await expect(q.update({ name: 'y' })).resolves.toBeUndefined();
    await registry.shutdown();
  });

  it('nothing is sent when validation fails', async () => {
    const { registry, calls } = await fakeRegistry();
    await expect(query(Automobile, { registry }).create({ manufacturer: 'a' } as never)).rejects.toThrow();
    await expect(untyped(query(Garage, { registry }).where({ owner: 'a' })).update({ name: 'x' })).rejects.toThrow(QueryBuildError);
    expect(() => query(Automobile, { registry }).where('year', 'in', [] as number[])).toThrow(QueryBuildError);
    expect(calls).toEqual([]);
    await registry.shutdown();
  });
});

describe('batches', () => {
  let lazy: ConnectionRegistry;
  beforeAll(async () => {
    lazy = await lazyRegistry();
  });
  afterAll(() => lazy.shutdown());
  const row = { manufacturer: 'honda', year: 2010, model: 'civic' };

  it('query(M).batch(b).create queues; execute sends one protocol batch on one connection', async () => {
    const { registry, calls, otherCalls } = await fakeRegistry();
    const b = batch({ type: 'unlogged', timestamp: 5n, consistency: 'quorum' });
    await query(Automobile, { registry }).batch(b).create(row);
    await query(Automobile, { registry }).using({ keyspace: 'ks_b' }).batch(b).where(row).update({ price: 3 });
    b.add(query(Automobile, { registry }).where(row).deleteStatement(['notes']));
    expect(calls).toEqual([]);
    expect(b.size).toBe(3);
    expect(b.connectionName).toBe('fake');
    await b.execute();
    expect(calls.map((c) => c.cql)).toEqual([
      'INSERT INTO "ks"."automobile" ("manufacturer", "year", "model") VALUES (?, ?, ?)',
      'UPDATE "ks_b"."automobile" SET "price" = ? WHERE "manufacturer" = ? AND "year" = ? AND "model" = ?',
      'DELETE "remarks" FROM "ks"."automobile" WHERE "manufacturer" = ? AND "year" = ? AND "model" = ?',
    ]);
    expect(calls[0].options).toMatchObject({ prepare: true, logged: false, counter: false, consistency: 4 });
    expect(String(calls[0].options.timestamp)).toBe('5');
    expect(otherCalls).toEqual([]);
    // A batch runs once; adding after it ran is an error.
    await expect(b.execute()).rejects.toThrow(QueryBuildError);
    expect(() => b.add(query(Automobile, { registry }).createStatement(row))).toThrow(QueryBuildError);
    await registry.shutdown();
  });

  it('explicit connection: every statement runs there; using({ connection }) → BatchConnectionError', () => {
    const b = batch({ connection: 'cluster1' });
    b.add(query(Automobile2, { registry: lazy }).createStatement(row));
    b.add(query(Automobile, { registry: lazy }).using({ keyspace: 'other' }).createStatement(row));
    expect(b.toCQL().map((s) => s.cql.split(' (')[0])).toEqual(['INSERT INTO "test"."automobile"', 'INSERT INTO "other"."automobile"']);
    expect(b.connectionName).toBe('cluster1');
    expect(() => b.add(query(Automobile, { registry: lazy }).using({ connection: 'cluster1' }).createStatement(row))).toThrow(
      BatchConnectionError,
    );
  });

  it('implicit connection: the first statement decides; the default counts as a connection', async () => {
    const b = batch();
    await query(Automobile2, { registry: lazy }).batch(b).create(row); // cluster2, from the model
    await query(Automobile, { registry: lazy }).using({ connection: 'cluster2' }).batch(b).create(row);
    await expect(query(Automobile, { registry: lazy }).batch(b).create(row)).rejects.toThrow(BatchConnectionError);
    expect(() => b.add(query(Automobile, { registry: lazy }).using({ connection: 'cluster1' }).createStatement(row))).toThrow(
      BatchConnectionError,
    );
    expect(b.size).toBe(2);
  });

  it('a connection replaced while a batch is being filled is named as replaced, not as another connection', async () => {
    const registry = new ConnectionRegistry();
    await registry.registerConnection('app', { contactPoints: ['127.0.0.1:1'], lazyConnect: true, keyspace: 'ks', default: true });
    const b = batch();
    b.add(query(Automobile, { registry }).createStatement(row));
    await registry.registerConnection('app', { contactPoints: ['127.0.0.1:1'], lazyConnect: true, keyspace: 'ks', replace: true });
    expect(() => b.add(query(Automobile, { registry }).createStatement(row))).toThrow(BatchConnectionError);
    expect(() => b.add(query(Automobile, { registry }).createStatement(row))).toThrow(
      /Connection 'app' was replaced \(registered again\) after this batch's first statement was added/,
    );
    await registry.shutdown();
  });

  it('counter batches take counter updates only, and counter updates need one', () => {
    const counter = query(PageViews, { registry: lazy }).where({ page: 'p', day: '2024-01-01' }).updateStatement({ views: increment() });
    // The types refuse both where the kind is a literal; a kind known only at run time is checked by add().
    const logged: BatchOptions = {};
    const counterKind: BatchOptions = { type: 'counter' };
    expect(() => batch(logged).add(counter)).toThrow(QueryBuildError);
    expect(() => batch(counterKind).add(query(Automobile, { registry: lazy }).createStatement(row))).toThrow(QueryBuildError);
    expect(batch({ type: 'counter' }).add(counter).size).toBe(1);
  });

  it('callback form: runs when the callback resolves, not when it throws (unless executeOnError)', async () => {
    const { registry, calls } = await fakeRegistry();
    const value = await batch({}, async (b) => {
      await query(Automobile, { registry }).batch(b).create(row);
      expect(calls).toEqual([]);
      return 'done';
    });
    expect(value).toBe('done');
    expect(calls).toHaveLength(1);

    let kept: Batch | undefined;
    await expect(
      batch({}, async (b) => {
        kept = b;
        await query(Automobile, { registry }).batch(b).create(row);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(calls).toHaveLength(1);
    expect(kept?.executed).toBe(false);

    await expect(
      batch({ executeOnError: true }, async (b) => {
        await query(Automobile, { registry }).batch(b).create(row);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(calls).toHaveLength(2);
    await registry.shutdown();
  });

  it('several conditional statements that do not apply → LwtNotAppliedError', async () => {
    const { registry } = await fakeRegistry([{ rows: [{ '[applied]': false, manufacturer: 'honda', year: 2010, model: 'civic', price: 1 }] }]);
    const b = batch();
    b.add(query(Automobile, { registry }).where(row).if({ price: 9 }).updateStatement({ price: 10 }));
    b.add(query(Automobile, { registry }).ifNotExists().createStatement({ ...row, model: 'fit' }));
    const error = await b.execute().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LwtNotAppliedError);
    expect((error as LwtNotAppliedError).existing).toMatchObject({ price: 1 });
    await registry.shutdown();
  });

  it('an empty batch sends nothing; bad options are ConfigurationErrors', async () => {
    await expect(batch().execute()).resolves.toBeUndefined();
    expect(() => batch({ type: 'fast' } as never)).toThrow(ConfigurationError);
    expect(() => batch({ conection: 'x' } as never)).toThrow(ConfigurationError);
    expect(() => batch().add({} as never)).toThrow(QueryBuildError);
  });
});
