// Compile-time tests of inference (checked by `tsc -p tsconfig.test.json`), with one runtime test.
import { expectTypeOf } from 'expect-type';
import {
  defineModel, t, type ColumnValue, type ColumnsOf, type CounterColumnsOf, type Duration, type InferInsert,
  type InferKey, type InferRow, type ListColumnsOf, type MapColumnsOf, type SetColumnsOf, type AnyModel,
  type PartitionKeyOf, type ClusteringKeyOf, type StaticColumnsOf, type InferPartial, type InferSave, type IsCounterTable,
} from '../src';
import { Address, Car, PageViews, Person } from './fixtures';

type CarRow = InferRow<typeof Car>;
type AddressValue = { street?: string | null; zip?: number | null; tags?: Set<string> | null };
type PersonValue = { name?: string | null; home?: AddressValue | null };

describe('type inference', () => {
  it('infers rows from a plain model literal', () => {
    expectTypeOf<CarRow>().toEqualTypeOf<{
      make: string;
      year: number;
      model: string;
      vin: string | null;
      price: string | null;
      owners: PersonValue[];
      features: Set<string>;
      ratings: Map<string, number>;
      dealer: string | null;
      created: Date | null;
      location: [number | null, number | null] | null;
      embedding: number[] | null;
      tags: string[];
    }>();
    expect(Car.kind).toBe('model');
    void Address;
    void Person;
  });

  it('infers inserts: keys required, others optional, counters excluded', () => {
    expectTypeOf<InferInsert<typeof Car>>().toHaveProperty('make').toEqualTypeOf<string>();
    expectTypeOf<InferInsert<typeof Car>>().toHaveProperty('vin').toEqualTypeOf<string | null | undefined>();
    expectTypeOf<{ make: 'a'; year: 1; model: 'm' }>().toExtend<InferInsert<typeof Car>>();
    expectTypeOf<{ make: 'a'; year: 1 }>().not.toExtend<InferInsert<typeof Car>>();
    expectTypeOf<InferInsert<typeof PageViews>>().toEqualTypeOf<{ page: string; day: string }>();
  });

  it('infers what save() takes: every non-counter column, null where it may be null', () => {
    expectTypeOf<InferSave<typeof Car>>().toEqualTypeOf<{ [K in keyof CarRow]: K extends 'make' | 'year' | 'model' ? CarRow[K] : CarRow[K] | null }>();
    expectTypeOf<{ make: 'a'; year: 1; model: 'm' }>().not.toExtend<InferSave<typeof Car>>();
    expectTypeOf<InferSave<typeof PageViews>>().toEqualTypeOf<{ page: string; day: string }>();
  });

  it('tells counter tables apart', () => {
    expectTypeOf<IsCounterTable<typeof PageViews>>().toEqualTypeOf<true>();
    expectTypeOf<IsCounterTable<typeof Car>>().toEqualTypeOf<false>();
    expectTypeOf<IsCounterTable<AnyModel>>().toEqualTypeOf<boolean>();
  });

  it('infers keys and column helpers', () => {
    expectTypeOf<InferKey<typeof Car>>().toEqualTypeOf<{ make: string; year: number; model: string }>();
    expectTypeOf<InferKey<typeof PageViews>>().toEqualTypeOf<{ page: string; day: string }>();
    expectTypeOf<PartitionKeyOf<typeof Car>>().toEqualTypeOf<'make'>();
    expectTypeOf<ClusteringKeyOf<typeof Car>>().toEqualTypeOf<'year' | 'model'>();
    expectTypeOf<ColumnsOf<typeof PageViews>>().toEqualTypeOf<'page' | 'day' | 'views' | 'visitors'>();
    expectTypeOf<ColumnValue<typeof Car, 'ratings'>>().toEqualTypeOf<Map<string, number>>();
    expectTypeOf<CounterColumnsOf<typeof PageViews>>().toEqualTypeOf<'views' | 'visitors'>();
    expectTypeOf<ListColumnsOf<typeof Car>>().toEqualTypeOf<'owners'>();
    expectTypeOf<SetColumnsOf<typeof Car>>().toEqualTypeOf<'features'>();
    expectTypeOf<MapColumnsOf<typeof Car>>().toEqualTypeOf<'ratings'>();
    expectTypeOf<StaticColumnsOf<typeof Car>>().toEqualTypeOf<'dealer'>();
    expectTypeOf<InferPartial<typeof Car>>().toHaveProperty('make').toEqualTypeOf<string | undefined>();
    expectTypeOf(Car).toExtend<AnyModel>();
  });

  it('maps every CQL type to its documented JS type', () => {
    const M = defineModel({
      table: 'all_types',
      columns: {
        id: t.uuid(), a: t.ascii(), b: t.bigint(), bl: t.blob(), bo: t.boolean(), d: t.date(), de: t.decimal(),
        du: t.duration(), db: t.double(), f: t.float(), i: t.inet(), n: t.int(), s: t.smallint(), ti: t.time(),
        ts: t.timestamp(), tu: t.timeuuid(), ty: t.tinyint(), vc: t.varchar(), vi: t.varint(),
        m: t.map(t.int(), t.frozen(t.list(t.bigint()))),
      },
      partitionKey: 'id',
    });
    type Row = InferRow<typeof M>;
    expectTypeOf<Row['id']>().toEqualTypeOf<string>();
    expectTypeOf<Row['b']>().toEqualTypeOf<bigint | null>();
    expectTypeOf<Row['vi']>().toEqualTypeOf<bigint | null>();
    expectTypeOf<Row['bl']>().toEqualTypeOf<Buffer | null>();
    expectTypeOf<Row['du']>().toEqualTypeOf<Duration | null>();
    expectTypeOf<Row['ts']>().toEqualTypeOf<Date | null>();
    expectTypeOf<Row['n']>().toEqualTypeOf<number | null>();
    expectTypeOf<Row['m']>().toEqualTypeOf<Map<number, bigint[]>>();
    expect(M.partitionKey).toEqual(['id']);
  });

  it('rejects key names that are not columns at compile time', () => {
    expect(() =>
      defineModel({
        table: 'x',
        columns: { id: t.int() },
        // @ts-expect-error 'nope' is not a column
        partitionKey: ['nope'],
      }),
    ).toThrow();
    expect(() =>
      defineModel({
        table: 'x',
        columns: { id: t.int(), c: t.int() },
        partitionKey: ['id'],
        // @ts-expect-error 'desc ' is not an order
        clusteringKey: [['c', 'desc ']],
      }),
    ).toThrow();
    // @ts-expect-error withDefault takes the column's value type
    t.int().withDefault('1');
  });
});
