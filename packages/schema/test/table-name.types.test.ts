// Compile-time tests: a model carries its table name as a literal type (Model's fourth parameter),
// so types can tell models apart by table and type errors print the name; Model<C, P, K> and
// AnyModel keep meaning any table.
import { expectTypeOf } from 'expect-type';
import { defineModel, t, type AnyModel, type ColumnsShape, type Model, type TableNameOf } from '../src';
import { Car, PageViews } from './fixtures';

describe('the table name as a literal type', () => {
  it('is kept from the definition', () => {
    expectTypeOf(Car.table).toEqualTypeOf<'cars'>();
    expectTypeOf<TableNameOf<typeof PageViews>>().toEqualTypeOf<'page_views'>();
    expectTypeOf<TableNameOf<AnyModel>>().toEqualTypeOf<string>();
    const name: 'cars' = Car.table;
    expect(name).toBe('cars');
  });

  it('tells models with the same columns apart by table', () => {
    const columns = { id: t.int(), v: t.text() };
    const A = defineModel({ table: 'a_things', columns, partitionKey: 'id' });
    const B = defineModel({ table: 'b_things', columns, partitionKey: 'id' });
    const onlyA = (model: Model<ColumnsShape, string, string, 'a_things'>) => model.table;
    expect(onlyA(A)).toBe('a_things');
    // @ts-expect-error Model<…, "b_things"> is not Model<…, "a_things">
    expect(onlyA(B)).toBe('b_things');
  });

  it('keeps the three-parameter Model and AnyModel meaning any table', () => {
    expectTypeOf(Car).toExtend<AnyModel>();
    expectTypeOf(Car).toExtend<Model<ColumnsShape, string, string>>();
    const table: string = 'dynamic';
    const Dynamic = defineModel({ table, columns: { id: t.int() }, partitionKey: 'id' });
    expectTypeOf(Dynamic.table).toEqualTypeOf<string>();
  });
});
