// Compile-time tests of the builders (checked by `tsc -p tsconfig.test.json`), with runtime checks.
import { ConnectionRegistry } from '@cassia/core';
import type { InferRow } from '@cassia/schema';
import { expectTypeOf } from 'expect-type';
import {
  add, append, batch, bind, decrement, increment, prepend, put, query, remove, removeKeys, setAt, withContext,
  type Batch, type Page, type Query, type WriteStatement,
} from '../src';
import { Automobile, Garage, PageViews } from './fixtures';

const registry = new ConnectionRegistry();
const garage = query(Garage, { registry });
const views = query(PageViews, { registry });
const key = { owner: 'a', slot: 1 };

// Never called: only type-checked.
function typeOnly(): void {
  // ---- where ----
  garage.where({ owner: 'a', slot: 1 });
  garage.where('slot', '>=', 3);
  garage.where('owner', 'in', ['a', 'b']);
  garage.where('tags', 'contains', 'x');
  garage.where('labels', 'contains', 'x');
  garage.where('ratings', 'contains', 5);
  garage.where('ratings', 'containsKey', 'k');
  garage.whereToken('>', { owner: 'a' });
  garage.if('name', '!=', 'x');
  garage.if('city', 'in', ['Oslo']);
  // @ts-expect-error if() cannot test a primary key column
  garage.if('owner', '=', 'a');
  // @ts-expect-error wrong value type in if(col, op, value)
  garage.if('name', '=', 5);
  // @ts-expect-error unknown operator in if()
  garage.if('name', 'contains', 'x');
  // @ts-expect-error unknown column in where({...})
  garage.where({ nope: 1 });
  // @ts-expect-error unknown column in where(col, op, value)
  garage.where('nope', '=', 1);
  // @ts-expect-error wrong value type in where
  garage.where({ slot: 'one' });
  // @ts-expect-error wrong value type in where(col, op, value)
  garage.where('slot', '>', 'x');
  // @ts-expect-error in needs an array of the column's type
  garage.where('slot', 'in', 1);
  // @ts-expect-error unknown operator
  garage.where('slot', 'like', 1);
  // @ts-expect-error contains on a non-collection column
  garage.where('name', 'contains', 'x');
  // @ts-expect-error contains with the wrong element type
  garage.where('ratings', 'contains', 'x');
  // @ts-expect-error containsKey on a list
  garage.where('tags', 'containsKey', 'x');
  // @ts-expect-error token takes the partition key only
  garage.whereToken('>', { slot: 1 });

  // ---- select / orderBy / delete / if ----
  // @ts-expect-error unknown column in select
  garage.select('nope');
  // @ts-expect-error orderBy takes clustering columns only
  garage.orderBy('name');
  // @ts-expect-error a key column cannot be deleted alone
  garage.where(key).delete(['slot']);
  // @ts-expect-error if() on an unknown column
  garage.if({ nope: 1 });
  // @ts-expect-error if() with a wrong value type
  garage.if({ name: 1 });

  // ---- create / update ----
  garage.create({ owner: 'a', slot: 1, name: null });
  // @ts-expect-error create without the full primary key
  garage.create({ owner: 'a' });
  // @ts-expect-error unknown column in create
  garage.create({ owner: 'a', slot: 1, nope: 1 });
  garage.where(key).update({ name: 'x', city: null, tags: ['a'] });
  garage.where(key).update({ tags: append('a'), labels: add('b'), ratings: put(new Map([['k', 1]])) });
  garage.where(key).update({ tags: prepend('a') });
  garage.where(key).update({ tags: setAt(0, 'a') });
  garage.where(key).update({ tags: remove('a'), labels: remove('b'), ratings: removeKeys('k') });
  views.where({ page: 'p', day: '2024-01-01' }).update({ views: increment(), visitors: decrement(2n) });
  // @ts-expect-error unknown column in update
  garage.where(key).update({ nope: 1 });
  // @ts-expect-error wrong value type in update
  garage.where(key).update({ name: 1 });
  // @ts-expect-error primary key columns cannot be updated
  garage.where(key).update({ slot: 2 });
  // @ts-expect-error append on a set
  garage.where(key).update({ labels: append('x') });
  // @ts-expect-error add on a list
  garage.where(key).update({ tags: add('x') });
  // @ts-expect-error put on a list
  garage.where(key).update({ tags: put(new Map([['k', 'v']])) });
  // @ts-expect-error removeKeys on a set
  garage.where(key).update({ labels: removeKeys('x') });
  // @ts-expect-error append on a frozen list
  garage.where(key).update({ frozenTags: append('x') });
  // @ts-expect-error element of the wrong type
  garage.where(key).update({ tags: append(1) });
  // @ts-expect-error map entries of the wrong type
  garage.where(key).update({ ratings: put(new Map([['k', 'v']])) });
  // @ts-expect-error counter op on a non-counter column
  garage.where(key).update({ name: increment() });
  // @ts-expect-error counter op on an int column
  query(Automobile).where({ manufacturer: 'a', year: 1, model: 'm' }).update({ price: decrement() });
  // @ts-expect-error a counter cannot be set to a plain value
  views.where({ page: 'p', day: '2024-01-01' }).update({ views: 5n });
}

describe('query types', () => {
  it('rows are InferRow and select narrows them', async () => {
    type Row = InferRow<typeof Garage>;
    type G = typeof garage;
    expectTypeOf<ReturnType<G['all']>>().toEqualTypeOf<Promise<Row[]>>();
    expectTypeOf<ReturnType<G['first']>>().toEqualTypeOf<Promise<Row | undefined>>();
    const keyed = garage.where(key);
    expectTypeOf<ReturnType<typeof keyed.get>>().toEqualTypeOf<Promise<Row>>();
    expectTypeOf<ReturnType<G['count']>>().toEqualTypeOf<Promise<number>>();
    const narrowed = garage.select('owner', 'userId', 'tags');
    type Narrow = { owner: string; userId: string | null; tags: string[] };
    expectTypeOf<ReturnType<typeof narrowed.all>>().toEqualTypeOf<Promise<Narrow[]>>();
    expectTypeOf<ReturnType<typeof narrowed.page>>().toEqualTypeOf<Promise<Page<Narrow>>>();
    expectTypeOf(narrowed.where({ owner: 'a' }).limit(1)).toExtend<typeof narrowed>();
    expectTypeOf(narrowed).toExtend<AsyncIterable<Narrow>>();
    expectTypeOf(garage.where(key).updateStatement({ name: 'x' })).toEqualTypeOf<WriteStatement<typeof Garage, false>>();
    expectTypeOf(batch()).toEqualTypeOf<Batch<false>>();
    expectTypeOf(batch({}, async () => 1)).resolves.toEqualTypeOf<number>();
    expectTypeOf(bind(Garage, { keyspace: 'k' })).toEqualTypeOf<Query<typeof Garage>>();
    const out = withContext([Garage, PageViews], { keyspace: 'k', registry }, async (g, v) => {
      expectTypeOf(g).toEqualTypeOf<Query<typeof Garage>>();
      expectTypeOf(v).toEqualTypeOf<Query<typeof PageViews>>();
      return 'ok' as const;
    });
    expectTypeOf(out).resolves.toEqualTypeOf<'ok'>();
    await expect(out).resolves.toBe('ok');
    expect(typeof typeOnly).toBe('function');
    expect(narrowed).not.toBe(garage);
  });
});
