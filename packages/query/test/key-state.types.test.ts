// Compile-time tests of the query's type-state (key-state.ts; checked by `tsc -p tsconfig.test.json`):
// get(), update() and delete() compile only once where() named the key they need, inserts refuse
// if()/ifExists(), update() refuses ifNotExists() and empty changes, and a query stays assignable
// to a Query type that knows less. Each `@ts-expect-error` line compiled before the type-state.
import { ConnectionRegistry } from '@cassia/core';
import type { ColumnsOf, InferRow, Model } from '@cassia/schema';
import { expectTypeOf } from 'expect-type';
import { batch, bind, query, withContext, type BrokenPrefix, type ClusteringOrderOfModel, type Query } from '../src';
import { Automobile, Garage, PageViews } from './fixtures';

const registry = new ConnectionRegistry();
const cars = query(Automobile, { registry });
const garage = query(Garage, { registry });
const views = query(PageViews, { registry });
type Car = InferRow<typeof Automobile>;
const car = { manufacturer: 'a', year: 1, model: 'm' };

// Never called: only type-checked.
function typeOnly(): void {
  // ---- get(): every primary key column with = ----
  expectTypeOf(cars.where(car).get()).toEqualTypeOf<Promise<Car>>();
  expectTypeOf(cars.where({ manufacturer: 'a', year: 1, model: 'm' }).get()).toEqualTypeOf<Promise<Car>>();
  cars.where('model', '=', 'm').where({ manufacturer: 'a' }).where('year', '=', 1).get(); // any order, any form
  cars.where(car).select('price').get();
  cars.where(car).limit(1).consistency('one').get();
  // @ts-expect-error the clustering columns are missing
  cars.where({ manufacturer: 'a' }).get();
  // @ts-expect-error nothing named
  cars.get();
  // @ts-expect-error `in` may match several rows: use all()
  cars.where({ manufacturer: 'a', year: 1 }).where('model', 'in', ['m', 'n']).get();
  // @ts-expect-error a range may match several rows
  cars.where({ manufacturer: 'a', year: 1 }).where('model', '>', 'm').get();
  // @ts-expect-error a value that may be undefined names nothing
  cars.where({ manufacturer: 'a', year: 1, model: undefined }).get();
  cars.where({ manufacturer: 'a' }).first(); // the reads that need no key
  cars.where({ manufacturer: 'a' }).all();

  // ---- update(): every primary key column with = or in, nothing else ----
  cars.where(car).update({ price: 1 });
  cars.where({ manufacturer: 'a', year: 1 }).where('model', 'in', ['m', 'n']).update({ price: 1 });
  cars.where(car).ifExists().update({ price: 1 });
  cars.where(car).if('price', '=', null).updateStatement({ price: 1 });
  // @ts-expect-error `model` is missing
  cars.where({ manufacturer: 'a', year: 1 }).update({ price: 1 });
  // @ts-expect-error nothing named
  cars.update({ price: 1 });
  // @ts-expect-error a range is no key
  cars.where({ manufacturer: 'a', year: 1 }).where('model', '>', 'm').update({ price: 1 });
  // @ts-expect-error a non-key column cannot address a row
  cars.where(car).where('price', '=', 1).update({ notes: 'x' });
  // @ts-expect-error a token range cannot address a row
  garage.whereToken('>', { owner: 'a' }).where({ owner: 'a', slot: 1 }).update({ name: 'x' });
  // @ts-expect-error updateStatement() needs the key too
  cars.where({ manufacturer: 'a' }).updateStatement({ price: 1 });

  // ---- delete(): the partition key for rows, the whole primary key for some columns ----
  cars.where({ manufacturer: 'a' }).delete();
  cars.where({ manufacturer: 'a' }).where('year', '<', 2000).delete();
  cars.where(car).delete();
  cars.where(car).delete(['price', 'notes']);
  cars.where(car).deleteStatement(['notes']);
  // @ts-expect-error nothing named
  cars.delete();
  // @ts-expect-error the partition key is missing
  cars.where({ year: 1 }).delete();
  // @ts-expect-error columns of a row need the whole primary key
  cars.where({ manufacturer: 'a' }).delete(['price']);
  // @ts-expect-error a non-key column cannot address rows
  cars.where({ manufacturer: 'a' }).where('price', '=', 1).delete();

  // ---- a range delete: the partition key by = or in, then a prefix of the clustering columns in key order ----
  cars.where({ manufacturer: 'a' }).where('year', '>=', 2000).where('year', '<', 2010).delete();
  cars.where({ manufacturer: 'a', year: 1 }).where('model', '<', 'm').delete();
  cars.where('manufacturer', 'in', ['a', 'b']).where('year', 'in', [1, 2]).where('model', '>', 'm').deleteStatement();
  cars.where({ manufacturer: 'a', year: 1 }).delete(); // a prefix by =: the rows of one year
  // @ts-expect-error `model` restricted while `year` before it is not
  cars.where({ manufacturer: 'a', model: 'm' }).delete();
  // @ts-expect-error a range on `year` ends the prefix: `model` after it cannot be restricted
  cars.where({ manufacturer: 'a' }).where('year', '>', 1).where('model', '=', 'm').delete();
  // @ts-expect-error the same for deleteStatement()
  cars.where({ manufacturer: 'a' }).where('model', '<', 'm').deleteStatement();
  // @ts-expect-error the partition key takes = or in, never a range
  cars.where('manufacturer', '>', 'a').delete();
  // @ts-expect-error columns of a row need every key column by = or in, not a range
  cars.where({ manufacturer: 'a', year: 1 }).where('model', '>', 'm').delete(['price']);
  // @ts-expect-error the same for deleteStatement(columns)
  cars.where({ manufacturer: 'a' }).deleteStatement(['notes']);
  cars.where({ manufacturer: 'a', year: 1 }).where('model', 'in', ['m', 'n']).delete(['price']);
  expectTypeOf<BrokenPrefix<{ manufacturer: 'eq'; model: 'eq' }, readonly ['year', 'model']>>().toEqualTypeOf<'year'>();
  expectTypeOf<BrokenPrefix<{ manufacturer: 'eq'; year: 'range'; model: 'eq' }, readonly ['year', 'model']>>().toEqualTypeOf<'year'>();
  expectTypeOf<BrokenPrefix<{ manufacturer: 'eq'; year: 'in'; model: 'range' }, readonly ['year', 'model']>>().toEqualTypeOf<never>();
  // A model typed without its clustering order (Model<C, P, K>): the run-time check decides.
  const loose = cars as unknown as Query<Model<typeof Automobile.columns, 'manufacturer', 'year' | 'model'>>;
  expectTypeOf<ClusteringOrderOfModel<typeof Automobile>>().toEqualTypeOf<readonly ['year', 'model']>();
  loose.where({ manufacturer: 'a', model: 'm' }).delete();

  // ---- ttl() makes no delete ----
  cars.where(car).ttl(60).update({ price: 1 });
  cars.ttl(60).create(car);
  // @ts-expect-error a deletion has no time to live
  cars.where(car).ttl(60).delete();
  // @ts-expect-error in either order
  cars.ttl(60).where({ manufacturer: 'a' }).deleteStatement();

  // ---- a key named by a type that is not one literal: the run-time checks decide ----
  const column = 'model' as ColumnsOf<typeof Automobile>;
  cars.where(column, '=', 'm').get();
  cars.where(column, '=', 'm').update({ price: 1 });
  const someKey: { manufacturer?: string; year?: number; model?: string } = car;
  cars.where(someKey).get();
  const op = '=' as '=' | '>';
  cars.where({ manufacturer: 'a', year: 1 }).where('model', op, 'm').get();
  // A column restricted twice in two ways is left to the run-time checks too (the last one counts there).
  cars.where({ manufacturer: 'a', year: 1 }).where('model', '>', 'm').where('model', '=', 'm').get();

  // ---- write conditions ----
  cars.ifNotExists().create(car);
  cars.ifNotExists().createStatement(car);
  cars.ifNotExists().save({ ...car, price: null, notes: null });
  // @ts-expect-error IF NOT EXISTS is for inserts
  cars.where(car).ifNotExists().update({ price: 1 });
  // @ts-expect-error IF NOT EXISTS is for inserts
  cars.where(car).ifNotExists().updateStatement({ price: 1 });
  // @ts-expect-error IF NOT EXISTS is for inserts
  cars.where(car).ifNotExists().delete();
  // @ts-expect-error an insert can only be conditional with ifNotExists()
  cars.if({ price: 1 }).create(car);
  // @ts-expect-error an insert can only be conditional with ifNotExists()
  cars.if('price', '>', 1).save({ ...car, price: null, notes: null });
  // @ts-expect-error an insert can only be conditional with ifNotExists()
  cars.ifExists().createStatement(car);

  // ---- a conditional update/delete names one row by = alone (Cassandra takes no in or range with IF) ----
  cars.where(car).ifExists().delete();
  cars.where(car).if('price', '=', 1).delete(['notes']);
  // @ts-expect-error IF EXISTS on a partition
  cars.where({ manufacturer: 'a' }).ifExists().delete();
  // @ts-expect-error IF … on a clustering range
  cars.where({ manufacturer: 'a', year: 1 }).where('model', '>', 'm').if('price', '=', 1).deleteStatement();
  // @ts-expect-error in names several rows
  cars.where({ manufacturer: 'a', year: 1 }).where('model', 'in', ['m', 'n']).ifExists().update({ price: 1 });
  // @ts-expect-error the same for updateStatement()
  cars.where('manufacturer', 'in', ['a', 'b']).where({ year: 1, model: 'm' }).if('price', '=', null).updateStatement({ price: 1 });

  // ---- update() needs a change ----
  // @ts-expect-error update({}) changes nothing
  cars.where(car).update({});
  // @ts-expect-error updateStatement({}) changes nothing
  cars.where(car).updateStatement({});
  // @ts-expect-error a key that is no column, beside one that is
  cars.where(car).update({ price: 1, nope: 2 });
  views.where({ page: 'p', day: '2024-01-01' }).delete();

  // ---- assignability: a query is a Query that knows less ----
  const stored: Query<typeof Automobile> = cars.where(car);
  const partly: Query<typeof Automobile, Car, { readonly manufacturer: 'eq' }> = cars.where(car).limit(3);
  const anyState: Query<typeof Automobile, Car, unknown> = cars.where({ year: 1 }).ifNotExists();
  let reassigned = cars;
  reassigned = cars.where(car).limit(2);
  // @ts-expect-error Query<M> knows no key: get() is not callable on it
  stored.get();
  // @ts-expect-error a query that knows less is no query that knows more
  const more: Query<typeof Automobile, Car, { readonly manufacturer: 'eq'; readonly year: 'eq' }> = partly;
  expectTypeOf(bind(Automobile, { keyspace: 'k' })).toEqualTypeOf<Query<typeof Automobile>>();
  expectTypeOf(cars.where(car)).toExtend<Query<typeof Automobile>>();
  expectTypeOf(cars.where(car).select('price')).toExtend<Query<typeof Automobile, { price: number | null }>>();
  const queries: Query<typeof Automobile>[] = [cars, cars.where(car), cars.where({ manufacturer: 'a' }).orderBy('year')];
  const b = batch();
  cars.where(car).batch(b).update({ price: 1 });
  void withContext(Automobile, { keyspace: 'k', registry }, async (bound) => bound.where(car).get());
  void [stored, partly, anyState, reassigned, more, queries];
}

describe('query type-state', () => {
  it('is checked at compile time', () => {
    expect(typeof typeOnly).toBe('function');
  });
});
