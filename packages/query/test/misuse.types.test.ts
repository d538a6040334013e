// Compile-time tests of the misuses issue 16 names (checked by `tsc -p tsconfig.test.json`): each
// `@ts-expect-error` line compiled before its fix, and must keep failing to compile.
import { ConnectionRegistry } from '@cassia/core';
import type { InferSave } from '@cassia/schema';
import { expectTypeOf } from 'expect-type';
import { add, batch, increment, query, withContext, type BatchOptions, type IfOperand, type IfOperatorOn, type WhereOperand } from '../src';
import { Automobile, Garage, PageViews } from './fixtures';

const registry = new ConnectionRegistry();
const garage = query(Garage, { registry });
const cars = query(Automobile, { registry });
const views = query(PageViews, { registry });

// Never called: only type-checked.
function typeOnly(): void {
  // ---- distinct() reads the partition key only ----
  const makers = cars.distinct();
  expectTypeOf<ReturnType<typeof makers.all>>().toEqualTypeOf<Promise<{ manufacturer: string }[]>>();
  // @ts-expect-error SELECT DISTINCT returns no `model`
  makers.first().then((row) => row?.model);
  // distinct() after select() keeps the selected columns
  const withCity = garage.select('owner', 'city').distinct();
  expectTypeOf<ReturnType<typeof withCity.all>>().toEqualTypeOf<Promise<{ owner: string; city: string | null }[]>>();
  // and select() after distinct() narrows as usual
  expectTypeOf(garage.distinct().select('owner').all()).resolves.toEqualTypeOf<{ owner: string }[]>();

  // ---- save() takes a whole row; create() a partial one ----
  cars.save({ manufacturer: 'a', year: 1, model: 'm', price: null, notes: null });
  cars.create({ manufacturer: 'a', year: 1, model: 'm' });
  // @ts-expect-error save() would write null to `price` and `notes`, left out
  cars.save({ manufacturer: 'a', year: 1, model: 'm' });
  // @ts-expect-error saveStatement() takes a whole row too
  cars.saveStatement({ manufacturer: 'a', year: 1, model: 'm', price: 1 });
  // @ts-expect-error a key column is never null
  cars.save({ manufacturer: 'a', year: null, model: 'm', price: null, notes: null });
  // ---- if(col, op, value) is typed per operator, as where() is ----
  garage.if('name', '=', null);
  garage.if('name', '!=', 'x');
  garage.if('name', '>', 'x');
  garage.if('name', 'in', ['x', 'y']);
  // @ts-expect-error 'in' takes a list
  garage.if('name', 'in', 'x');
  // @ts-expect-error '=' takes one value, not a list
  garage.if('name', '=', ['x']);
  // @ts-expect-error nothing is greater than null (only = and != test absence)
  garage.if('name', '>', null);
  // @ts-expect-error a list of the column's type
  garage.if('name', 'in', [1]);
  garage.if('tags', '=', ['x']).if('ratings', '!=', null).if('created', '<=', new Date());
  // One signature per form (docs/type-errors.md): the column, operator or operand is blamed with a message that says why.
  expectTypeOf<IfOperand<typeof Garage, 'name', 'in'>>().toEqualTypeOf<readonly string[]>();
  expectTypeOf<IfOperand<typeof Garage, 'name', '!='>>().toEqualTypeOf<string | null>();
  expectTypeOf<IfOperand<typeof Garage, 'slot', '>'>>().toEqualTypeOf<number>();
  expectTypeOf<IfOperatorOn<typeof Garage, 'owner', '='>>().toEqualTypeOf<'if() tests non-key columns: restrict "owner" with where()'>();
  expectTypeOf<IfOperatorOn<typeof Garage, 'name', '='>>().toEqualTypeOf<'='>();
  // @ts-expect-error a key column, blamed on the operator: "if() tests non-key columns: restrict "owner" with where()"
  garage.if('owner', '=', 'a');
  // @ts-expect-error a key column in the object form, with the same message
  garage.if({ owner: 'a' });
  // @ts-expect-error no such column
  garage.if('nope', '=', 1);
  // @ts-expect-error no such operator in a condition
  garage.if('name', 'contains', 'x');
  // @ts-expect-error a value of the column's type
  garage.if('slot' as 'name', '<', 1);

  // ---- a counter table is written by update() only; counter updates go in counter batches ----
  const day = { page: 'p', day: '2024-01-01' };
  // @ts-expect-error create() on a counter table
  views.create(day);
  // @ts-expect-error save() on a counter table
  views.save(day);
  // @ts-expect-error createStatement() on a counter table
  views.createStatement(day);
  const bump = views.where(day).updateStatement({ views: increment() });
  expectTypeOf(bump.isCounterWrite).toEqualTypeOf<true>();
  expectTypeOf(views.where(day).deleteStatement().isCounterWrite).toEqualTypeOf<false>();
  expectTypeOf(garage.where({ owner: 'a', slot: 1 }).updateStatement({ name: 'x' }).isCounterWrite).toEqualTypeOf<false>();
  const plainWrite = cars.createStatement({ manufacturer: 'a', year: 1, model: 'm' });
  batch({ type: 'counter' }).add(bump);
  batch().add(plainWrite);
  batch({ type: 'unlogged' }).add(plainWrite);
  // @ts-expect-error a counter update in a logged batch
  batch().add(bump);
  // @ts-expect-error a counter update in an unlogged batch
  batch({ type: 'unlogged' }).add(bump);
  // @ts-expect-error a plain write in a counter batch
  batch({ type: 'counter' }).add(plainWrite);
  void batch({ type: 'counter' }, async (b) => {
    b.add(bump);
    // @ts-expect-error the callback's batch has the kind its options say
    b.add(plainWrite);
  });
  // A batch whose kind is known only at run time takes both (checked when added).
  const someOptions: BatchOptions = {};
  batch(someOptions).add(bump).add(plainWrite);

  // ---- lists that must not be empty ----
  // @ts-expect-error select() needs at least one column
  garage.select();
  // @ts-expect-error withContext() needs at least one model
  void withContext([], { keyspace: 'k', registry }, async () => 1);
  void withContext([Garage], { keyspace: 'k', registry }, async (g) => g.model.table);

  // ---- messages that name the cause (docs/type-errors.md) ----
  // where(col, op, operand): one signature, the operand typed by the operator, so the operand is blamed
  expectTypeOf<WhereOperand<typeof Garage, 'owner', 'in'>>().toEqualTypeOf<readonly string[]>();
  expectTypeOf<WhereOperand<typeof Garage, 'owner', '>'>>().toEqualTypeOf<string>();
  expectTypeOf<WhereOperand<typeof Garage, 'tags', 'contains'>>().toEqualTypeOf<string>();
  garage.where('owner', 'in', ['a']).where('tags', 'contains', 'x').where('ratings', 'containsKey', 'k');
  // @ts-expect-error 'in' takes a list (the error is on this operand, not on 'in')
  garage.where('owner', 'in', 'a');
  // an update operation written as an object literal is told to call the function
  garage.where({ owner: 'a', slot: 1 }).update({ labels: add('x') });
  garage.where({ owner: 'a', slot: 1 }).update({ labels: new Set(['x']) });
  // @ts-expect-error { add: [...] } is not add(...)
  garage.where({ owner: 'a', slot: 1 }).update({ labels: { add: ['x'] } });
  // @ts-expect-error { append: [...] } is not append(...)
  garage.where({ owner: 'a', slot: 1 }).update({ tags: { append: ['x'] } });
  // a withContext callback takes one parameter per model
  void withContext(Garage, { keyspace: 'k', registry }, async (g) => g.where({ owner: 'a', slot: 1 }).get());
  void withContext([Garage, Automobile], { keyspace: 'k', registry }, async (g, a) => [g.model, a.model]);
  // @ts-expect-error a parameter too many for one model
  void withContext(Garage, { keyspace: 'k', registry }, async (g, extra) => [g, extra]);
  // @ts-expect-error a parameter too many for two models
  void withContext([Garage, Automobile], { keyspace: 'k', registry }, async (g, a, extra) => [g, a, extra]);

  expectTypeOf<InferSave<typeof Automobile>>().toEqualTypeOf<{
    manufacturer: string; year: number; model: string; price: number | null; notes: string | null;
  }>();
}

describe('misuse types', () => {
  it('are checked at compile time', () => {
    expect(typeof typeOnly).toBe('function');
  });
});
