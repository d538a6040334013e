// toCQL() of writes: insert/save/update/delete, collection and counter operations, LWT forms,
// ttl/timestamp, and validation that refuses bad writes before anything is sent.
import { ConnectionRegistry, QueryBuildError, ValidationError } from '@cassia/core';
import {
  add, append, decrement, increment, prepend, put, query, remove, removeKeys, setAt,
} from '../src';
import { isUpdateOperation } from '../src/update-operations';
import { defineModel, t, type InferSave } from '@cassia/schema';
import { Automobile, Garage, PageViews, lazyRegistry, untyped } from './fixtures';

let registry: ConnectionRegistry;
beforeAll(async () => {
  registry = await lazyRegistry();
});
afterAll(() => registry.shutdown());

const auto = () => query(Automobile, { registry });
const garage = () => query(Garage, { registry });
const views = () => query(PageViews, { registry });
const key = { owner: 'ann', slot: 1 };

describe('insert', () => {
  it('create inserts the given columns (model order, db names) plus defaults', () => {
    const { cql, params } = garage().createStatement({ slot: 1, owner: 'ann', name: 'n' }).toCQL();
    expect(cql).toBe('INSERT INTO "shop"."garage" ("owner", "slot", "name", "created") VALUES (?, ?, ?, ?)');
    expect(params).toEqual(['ann', 1, 'n', new Date(0)]);
  });

  it('save writes the whole row: missing columns become null (defaults still apply)', () => {
    // Typed code must give the whole row; a JavaScript caller may leave columns out.
    const partial = { manufacturer: 'honda', year: 2010, model: 'civic', price: 5 } as InferSave<typeof Automobile>;
    const { cql, params } = auto().saveStatement(partial).toCQL();
    expect(cql).toBe(
      'INSERT INTO "ks0"."automobile" ("manufacturer", "year", "model", "price", "remarks") VALUES (?, ?, ?, ?, ?)',
    );
    expect(params).toEqual(['honda', 2010, 'civic', 5, null]);
  });

  it('lists the written columns by which are given, for models with few and with many (over 30) columns', () => {
    const columnsOf = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`c${i}`, t.int()]));
    for (const count of [3, 30, 31, 45]) {
      const Wide = defineModel({ table: `wide${count}`, keyspace: 'ks', columns: columnsOf(count), partitionKey: 'c0' });
      for (const given of [[0], [0, 2], [0, count - 1], Array.from({ length: count }, (_, i) => i)]) {
        const values = Object.fromEntries(given.map((i) => [`c${i}`, i * 10]));
        // The caller's order never matters: columns come in model order.
        const { cql, params } = query(Wide, { registry }).createStatement(Object.fromEntries(Object.entries(values).reverse()) as never).toCQL();
        expect(cql).toBe(`INSERT INTO "ks"."wide${count}" (${given.map((i) => `"c${i}"`).join(', ')}) VALUES (${given.map(() => '?').join(', ')})`);
        expect(params).toEqual(given.map((i) => i * 10));
      }
      const saved = query(Wide, { registry }).saveStatement({ c0: 1 } as never).toCQL();
      expect(saved.params).toEqual([1, ...Array.from({ length: count - 1 }, () => null)]);
    }
  });

  it('statements of the same model keep their own values (packed within each validated list)', () => {
    const Plain = defineModel({ table: 'plain', keyspace: 'ks', columns: { id: t.int(), a: t.text(), b: t.int() }, partitionKey: 'id' });
    const first = query(Plain, { registry }).createStatement({ id: 1, b: 2 });
    const second = query(Plain, { registry }).createStatement({ id: 3, a: 'x', b: 4 });
    const saved = query(Plain, { registry }).saveStatement({ id: 5, a: null, b: 6 });
    expect(first.toCQL()).toEqual({ cql: 'INSERT INTO "ks"."plain" ("id", "b") VALUES (?, ?)', params: [1, 2] });
    expect(second.toCQL()).toEqual({ cql: 'INSERT INTO "ks"."plain" ("id", "a", "b") VALUES (?, ?, ?)', params: [3, 'x', 4] });
    expect(saved.toCQL()).toEqual({ cql: 'INSERT INTO "ks"."plain" ("id", "a", "b") VALUES (?, ?, ?)', params: [5, null, 6] });
    expect(first.toCQL()).toEqual({ cql: 'INSERT INTO "ks"."plain" ("id", "b") VALUES (?, ?)', params: [1, 2] });
    // The values a statement binds are its own: what toCQL() hands out cannot change them.
    expect(Object.isFrozen(first.toCQL().params)).toBe(true);
  });

  it('ifNotExists, ttl and timestamp', () => {
    const { cql, params } = auto()
      .ifNotExists()
      .ttl(60)
      .timestamp(1_700_000_000_000_000n)
      .createStatement({ manufacturer: 'a', year: 1, model: 'm' })
      .toCQL();
    expect(cql).toBe(
      'INSERT INTO "ks0"."automobile" ("manufacturer", "year", "model") VALUES (?, ?, ?) IF NOT EXISTS USING TTL ? AND TIMESTAMP ?',
    );
    expect(params.slice(0, 4)).toEqual(['a', 1, 'm', 60]);
    expect(params[4]).toBe(1_700_000_000_000_000n);
  });

  it('refuses bad inserts before anything is sent', () => {
    expect(() => auto().createStatement({ manufacturer: 'a', year: 1 } as never)).toThrow(ValidationError);
    expect(() => auto().createStatement({ manufacturer: 'a', year: 'x', model: 'm' } as never)).toThrow(ValidationError);
    expect(() => auto().createStatement({ manufacturer: 'a', year: 1, model: 'm', nope: 1 } as never)).toThrow(ValidationError);
    expect(() => auto().where({ manufacturer: 'a' }).createStatement({ manufacturer: 'a', year: 1, model: 'm' })).toThrow(QueryBuildError);
    expect(() => untyped(auto().ifExists()).createStatement({ manufacturer: 'a', year: 1, model: 'm' })).toThrow(QueryBuildError);
    // The types refuse an insert into a counter table; a JavaScript caller gets the error.
    expect(() => views().createStatement({ page: 'p', day: '2024-01-01' } as never)).toThrow(QueryBuildError);
    expect(() => auto().ttl(-1)).toThrow(QueryBuildError);
    expect(() => auto().timestamp(1.5)).toThrow(QueryBuildError);
    expect(() => auto().timestamp(2n ** 63n)).toThrow(QueryBuildError);
  });
});

describe('update', () => {
  it('plain values and null in ONE statement (no extra DELETE)', () => {
    const { cql, params } = garage().where(key).updateStatement({ name: 'x', city: null }).toCQL();
    expect(cql).toBe('UPDATE "shop"."garage" SET "name" = ?, "city" = ? WHERE "owner" = ? AND "slot" = ?');
    expect(params).toEqual(['x', null, 'ann', 1]);
  });

  it('list append / prepend / remove / set at index', () => {
    const q = garage().where(key);
    expect(q.updateStatement({ tags: append('a', 'b') }).toCQL()).toEqual({
      cql: 'UPDATE "shop"."garage" SET "tags" = "tags" + ? WHERE "owner" = ? AND "slot" = ?',
      params: [['a', 'b'], 'ann', 1],
    });
    expect(q.updateStatement({ tags: prepend('z') }).toCQL().cql).toContain('SET "tags" = ? + "tags"');
    expect(q.updateStatement({ tags: remove('a') }).toCQL().cql).toContain('SET "tags" = "tags" - ?');
    expect(q.updateStatement({ tags: setAt(2, 'c') }).toCQL()).toEqual({
      cql: 'UPDATE "shop"."garage" SET "tags"[?] = ? WHERE "owner" = ? AND "slot" = ?',
      params: [2, 'c', 'ann', 1],
    });
  });

  it('set add / remove, map put / remove keys', () => {
    const q = garage().where(key);
    expect(q.updateStatement({ labels: add('x') }).toCQL()).toEqual({
      cql: 'UPDATE "shop"."garage" SET "labels" = "labels" + ? WHERE "owner" = ? AND "slot" = ?',
      params: [['x'], 'ann', 1],
    });
    expect(q.updateStatement({ labels: remove('x') }).toCQL().cql).toContain('SET "labels" = "labels" - ?');
    const putCql = q.updateStatement({ ratings: put(new Map([['speed', 5]])) }).toCQL();
    expect(putCql.cql).toContain('SET "ratings" = "ratings" + ?');
    expect(putCql.params[0]).toEqual(new Map([['speed', 5]]));
    expect(q.updateStatement({ ratings: put({ looks: 3 }) }).toCQL().params[0]).toEqual(new Map([['looks', 3]]));
    expect(q.updateStatement({ ratings: removeKeys('speed') }).toCQL()).toEqual({
      cql: 'UPDATE "shop"."garage" SET "ratings" = "ratings" - ? WHERE "owner" = ? AND "slot" = ?',
      params: [['speed'], 'ann', 1],
    });
  });

  it('counters: increment / decrement only', () => {
    const q = views().where({ page: 'p', day: '2024-01-01' });
    const { cql, params } = q.updateStatement({ views: increment(2), visitors: decrement() }).toCQL();
    expect(cql).toBe('UPDATE "stats"."page_views" SET "views" = "views" + ?, "visitors" = "visitors" - ? WHERE "page" = ? AND "day" = ?');
    expect(params.slice(0, 2)).toEqual([2n, 1n]);
    expect(() => q.updateStatement({ views: 5n } as never)).toThrow(QueryBuildError);
    expect(() => garage().where(key).updateStatement({ slot: increment() } as never)).toThrow(QueryBuildError);
    expect(() => garage().where(key).updateStatement({ name: increment() } as never)).toThrow(QueryBuildError);
  });

  it('collection operations on the wrong column type are QueryBuildErrors', () => {
    const q = garage().where(key);
    expect(() => q.updateStatement({ labels: append('x') } as never)).toThrow(QueryBuildError);
    expect(() => q.updateStatement({ tags: put({ a: 1 }) } as never)).toThrow(QueryBuildError);
    expect(() => q.updateStatement({ frozenTags: append('x') } as never)).toThrow(QueryBuildError);
    expect(() => q.updateStatement({ ratings: add('x') } as never)).toThrow(QueryBuildError);
    expect(() => q.updateStatement({ tags: append() })).toThrow(QueryBuildError);
    expect(() => q.updateStatement({ tags: append(1 as unknown as string) })).toThrow(ValidationError);
    expect(() => q.updateStatement({ ratings: put({ a: 'x' as unknown as number }) })).toThrow(ValidationError);
    expect(() => setAt(-1, 'x')).toThrow(QueryBuildError);
    expect(() => increment(1.5)).toThrow(QueryBuildError);
    expect(isUpdateOperation({ op: 'append', values: [] })).toBe(false);
  });

  it('needs the full primary key with = or in, and only key columns', () => {
    expect(() => untyped(garage().where({ owner: 'a' })).updateStatement({ name: 'x' })).toThrow(/missing: slot/);
    expect(() => untyped(garage().where({ owner: 'a', slot: 1, name: 'n' })).updateStatement({ name: 'x' })).toThrow(QueryBuildError);
    expect(() => untyped(garage().where({ owner: 'a' }).where('slot', '>', 1)).updateStatement({ name: 'x' })).toThrow(/range/);
    expect(() => untyped(garage().where(key)).updateStatement({})).toThrow(QueryBuildError);
    expect(() => garage().where(key).updateStatement({ owner: 'b' } as never)).toThrow(QueryBuildError);
    expect(() => garage().where(key).updateStatement({ nope: 1 } as never)).toThrow(QueryBuildError);
    expect(() => garage().where(key).updateStatement({ name: 5 as unknown as string })).toThrow(ValidationError);
    expect(garage().where({ owner: 'a' }).where('slot', 'in', [1, 2]).updateStatement({ name: 'x' }).toCQL().cql).toBe(
      'UPDATE "shop"."garage" SET "name" = ? WHERE "owner" = ? AND "slot" IN ?',
    );
  });

  it('LWT forms: IF EXISTS, IF col = ? (null tests absence), ttl and timestamp before SET', () => {
    expect(garage().where(key).ifExists().updateStatement({ name: 'x' }).toCQL().cql).toBe(
      'UPDATE "shop"."garage" SET "name" = ? WHERE "owner" = ? AND "slot" = ? IF EXISTS',
    );
    const { cql, params } = garage().where(key).if({ name: 'old', city: null }).ttl(5).timestamp(7).updateStatement({ name: 'new' }).toCQL();
    expect(cql).toBe(
      'UPDATE "shop"."garage" USING TTL ? AND TIMESTAMP ? SET "name" = ? WHERE "owner" = ? AND "slot" = ? IF "name" = ? AND "city" = ?',
    );
    expect(params.map(String)).toEqual(['5', '7', 'new', 'ann', '1', 'old', 'null']);
    expect(() => untyped(garage().where(key).ifNotExists()).updateStatement({ name: 'x' })).toThrow(QueryBuildError);
    expect(() => garage().if({ owner: 'x' } as never)).toThrow(QueryBuildError);
    expect(() => garage().if({})).toThrow(QueryBuildError);
  });

  it('LWT operator form: .if(column, op, value) with != < <= > >= and in, chained with AND', () => {
    const { cql, params } = garage()
      .where(key)
      .if('name', '!=', 'old')
      .if('city', 'in', ['Oslo', 'Bergen'])
      .if({ userId: null })
      .updateStatement({ name: 'new' })
      .toCQL();
    expect(cql).toBe('UPDATE "shop"."garage" SET "name" = ? WHERE "owner" = ? AND "slot" = ? IF "name" != ? AND "city" IN ? AND "user_id" = ?');
    expect(params.map(String)).toEqual(['new', 'ann', '1', 'old', 'Oslo,Bergen', 'null']);
    expect(garage().where(key).if('created', '<', new Date(5)).deleteStatement().toCQL().cql).toBe(
      'DELETE FROM "shop"."garage" WHERE "owner" = ? AND "slot" = ? IF "created" < ?',
    );
    expect(() => garage().if('name', 'like' as never, 'x')).toThrow(/Unknown if operator/);
    expect(() => garage().if('name', 'in', [])).toThrow(QueryBuildError);
    expect(() => untyped(garage()).if('slot', '=', 1)).toThrow(/primary key/);
    // The types refuse `< null`; a JavaScript caller gets an error too.
    expect(() => garage().if('created', '<', null as never)).toThrow();
  });
});

describe('delete', () => {
  it('deletes a row, a partition, a clustering range, or columns', () => {
    expect(garage().where(key).deleteStatement().toCQL()).toEqual({
      cql: 'DELETE FROM "shop"."garage" WHERE "owner" = ? AND "slot" = ?',
      params: ['ann', 1],
    });
    expect(garage().where({ owner: 'a' }).deleteStatement().toCQL().cql).toBe('DELETE FROM "shop"."garage" WHERE "owner" = ?');
    expect(garage().where({ owner: 'a' }).where('slot', '>=', 3).deleteStatement().toCQL().cql).toBe(
      'DELETE FROM "shop"."garage" WHERE "owner" = ? AND "slot" >= ?',
    );
    expect(garage().where(key).deleteStatement(['name', 'userId']).toCQL().cql).toBe(
      'DELETE "name", "user_id" FROM "shop"."garage" WHERE "owner" = ? AND "slot" = ?',
    );
  });

  it('conditional and timestamped deletes', () => {
    expect(garage().where(key).ifExists().deleteStatement().toCQL().cql).toBe(
      'DELETE FROM "shop"."garage" WHERE "owner" = ? AND "slot" = ? IF EXISTS',
    );
    expect(garage().where(key).if({ name: 'n' }).timestamp(9).deleteStatement().toCQL().cql).toBe(
      'DELETE FROM "shop"."garage" USING TIMESTAMP ? WHERE "owner" = ? AND "slot" = ? IF "name" = ?',
    );
  });

  it('refuses deletes that do not name their partition', () => {
    expect(() => untyped(garage()).deleteStatement()).toThrow(QueryBuildError);
    expect(() => untyped(garage().where({ slot: 1 })).deleteStatement()).toThrow(/missing: owner/);
    expect(() => untyped(garage().where({ owner: 'a' })).deleteStatement(['name'])).toThrow(/missing: slot/);
    expect(() => garage().where(key).deleteStatement(['owner'] as never)).toThrow(QueryBuildError);
    expect(() => garage().where(key).deleteStatement(['nope'] as never)).toThrow(QueryBuildError);
    expect(() => untyped(garage().where(key).ttl(3)).deleteStatement()).toThrow(QueryBuildError);
    expect(() => untyped(garage().where(key).ifNotExists()).deleteStatement()).toThrow(QueryBuildError);
  });

  it('deletes a clustering range of a prefix of the clustering columns, = or in before it', () => {
    const manufacturer = { manufacturer: 'a' };
    expect(auto().where(manufacturer).where('year', '>', 1).where('year', '<', 9).deleteStatement().toCQL().cql).toBe(
      'DELETE FROM "ks0"."automobile" WHERE "manufacturer" = ? AND "year" > ? AND "year" < ?',
    );
    expect(auto().where('manufacturer', 'in', ['a', 'b']).where('year', 'in', [1, 2]).where('model', '>=', 'm').deleteStatement().toCQL().cql).toBe(
      'DELETE FROM "ks0"."automobile" WHERE "manufacturer" IN ? AND "year" IN ? AND "model" >= ?',
    );
    expect(auto().where({ ...manufacturer, year: 1 }).deleteStatement().toCQL().cql).toBe(
      'DELETE FROM "ks0"."automobile" WHERE "manufacturer" = ? AND "year" = ?',
    );
  });

  it('refuses a clustering restriction after a column that is not restricted by = or in, before sending', () => {
    expect(() => untyped(auto().where({ manufacturer: 'a', model: 'm' })).deleteStatement()).toThrow(
      /in key order \(year, model\).*"model" is restricted, but "year" before it is not\./,
    );
    expect(() => untyped(auto().where({ manufacturer: 'a' }).where('year', '>', 1).where('model', '=', 'm')).deleteStatement()).toThrow(
      /"model" is restricted, but "year" before it is a range\./,
    );
    expect(() => untyped(auto().where('manufacturer', '>', 'a')).deleteStatement()).toThrow(
      'delete() needs = or in on the partition key, not a range (manufacturer).',
    );
    expect(() => untyped(auto().where({ manufacturer: 'a', year: 1 }).where('model', '<', 'm')).deleteStatement(['price'])).toThrow(
      'delete(columns) needs = or in on every key column, not a range (model).',
    );
  });

  it('refuses a conditional update or delete that names its row other than by = alone', () => {
    expect(() => untyped(garage().where({ owner: 'a' }).ifExists()).deleteStatement()).toThrow(
      'a conditional delete() (if/ifExists) names one row: = on every primary key column, no in or range (slot).',
    );
    expect(() => untyped(garage().where({ owner: 'a' }).where('slot', '>', 1).if({ name: 'n' })).deleteStatement()).toThrow(/\(slot\)\.$/);
    expect(() => untyped(garage().where({ owner: 'a' }).where('slot', 'in', [1, 2]).ifExists()).updateStatement({ name: 'x' })).toThrow(
      'a conditional update() (if/ifExists) names one row: = on every primary key column, no in or range (slot).',
    );
    expect(garage().where(key).ifExists().updateStatement({ name: 'x' }).toCQL().cql).toMatch(/IF EXISTS$/);
  });
});
