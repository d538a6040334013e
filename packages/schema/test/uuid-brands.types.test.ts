// Compile-time tests of the opt-in Uuid / TimeUuid brands: plain uuid/timeuuid columns keep taking
// any string; a branded column asks for its brand in writes and reads it back branded.
import { expectTypeOf } from 'expect-type';
import { asTimeUuid, defineModel, t, timeuuid, uuid, type InferInsert, type InferRow, type TimeUuid, type Uuid } from '../src';

const Plain = defineModel({ table: 'plain', columns: { id: t.uuid(), at: t.timeuuid() }, partitionKey: 'id', clusteringKey: ['at'] });
const Branded = defineModel({
  table: 'branded',
  columns: { id: t.uuid().branded(), at: t.timeuuid().branded(), seen: t.timeuuid().branded().static() },
  partitionKey: 'id',
  clusteringKey: ['at'],
});

describe('Uuid and TimeUuid brands', () => {
  it('generators return the brands, which are strings', () => {
    expectTypeOf(uuid()).toEqualTypeOf<Uuid>();
    expectTypeOf(timeuuid()).toEqualTypeOf<TimeUuid>();
    expectTypeOf<TimeUuid>().toExtend<Uuid>();
    expectTypeOf<Uuid>().toExtend<string>();
    expectTypeOf<Uuid>().not.toExtend<TimeUuid>();
    expectTypeOf<string>().not.toExtend<Uuid>();
    expect(asTimeUuid(timeuuid())).toMatch(/-1/);
  });

  it('plain columns take and read plain strings (and the brands, which are strings)', () => {
    expectTypeOf<InferRow<typeof Plain>>().toEqualTypeOf<{ id: string; at: string }>();
    expectTypeOf<{ id: string; at: string }>().toExtend<InferInsert<typeof Plain>>();
    expectTypeOf<{ id: Uuid; at: TimeUuid }>().toExtend<InferInsert<typeof Plain>>();
  });

  it('branded columns ask for their brand and read it back', () => {
    expectTypeOf<InferRow<typeof Branded>>().toEqualTypeOf<{ id: Uuid; at: TimeUuid; seen: TimeUuid | null }>();
    expectTypeOf<{ id: Uuid; at: TimeUuid }>().toExtend<InferInsert<typeof Branded>>();
    // A timeuuid is a uuid, so it may key a branded uuid column too.
    expectTypeOf<{ id: TimeUuid; at: TimeUuid }>().toExtend<InferInsert<typeof Branded>>();
    expectTypeOf<{ id: Uuid; at: string }>().not.toExtend<InferInsert<typeof Branded>>();
    expectTypeOf<{ id: Uuid; at: Uuid }>().not.toExtend<InferInsert<typeof Branded>>();
    // @ts-expect-error a random uuid is no TimeUuid
    const bad: InferInsert<typeof Branded> = { id: uuid(), at: uuid() };
    void bad;
  });

  it('only uuid and timeuuid columns can be branded', () => {
    // @ts-expect-error text columns have no brand
    expect(() => t.text().branded()).toThrow(TypeError);
    // @ts-expect-error branded() comes first: a static copy has no branded()
    expect(() => t.timeuuid().static().branded()).toThrow(TypeError);
  });
});
