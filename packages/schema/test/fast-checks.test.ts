// The shortcuts past zod (FastCheck) must never accept a value zod would reject or change: a
// value a shortcut passes is stored as it is, unparsed. Each one is held against its own schema
// over edge values and random values of every JS kind.
import fc from 'fast-check';
import { z } from 'zod';
import { ValidationError } from '@cassia/core';
import { defineModel, t, validateInsert, type AnyColumn } from '../src';
import { fastCheckOf } from '../src/column';
import { passesFastCheck } from '../src/fast-check';

const SHORTCUT_COLUMNS: Record<string, () => AnyColumn> = {
  ascii: t.ascii,
  text: t.text,
  varchar: t.varchar,
  int: t.int,
  bigint: t.bigint,
  smallint: t.smallint,
  tinyint: t.tinyint,
  varint: t.varint,
  float: t.float,
  double: t.double,
  decimal: t.decimal,
  boolean: t.boolean,
  uuid: t.uuid,
  timeuuid: t.timeuuid,
  timestamp: t.timestamp,
  time: t.time,
  blob: t.blob,
  counter: t.counter,
};

const EDGE_VALUES: unknown[] = [
  '', 'a', 'é', '\u0000', '12.5', '-0.10', '1e5', 'NaN', '00:00:00', '23:59:59.123456789', '24:00:00',
  '9b2a1c4e-5d6f-11ee-8c99-0242ac120002', '9B2A1C4E-5D6F-41EE-8C99-0242AC120002', 'not-a-uuid',
  0, -0, 1, -1, 0.5, 2 ** 7 - 1, 2 ** 7, -(2 ** 7), -(2 ** 7) - 1, 2 ** 15 - 1, 2 ** 15, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity,
  0n, 1n, -1n, 2n ** 63n - 1n, 2n ** 63n, -(2n ** 63n), -(2n ** 63n) - 1n, 2n ** 100n,
  true, false, new Date(0), new Date('2024-02-29T12:00:00Z'), new Date(Number.NaN),
  Buffer.from([1, 2]), Buffer.alloc(0), new Uint8Array([1]), [], {}, [1], { a: 1 }, new Map(), new Set(), Symbol('s'), () => 1,
  // Lone surrogates (refused by every text type), float32's edge, decimal exponents.
  '\ud800', 'alice\udbff', '\udc00x', 'a\ud83d\ude00', 3.4028234663852886e38, 3.4028235677973366e38, 3.5e38, -3.5e38, 1e-46,
  '1E+3', '1e-999999999', '1E+2147483648', '1E+2147483649', '-2.5e+10',
];

const anyValue = fc.oneof(
  fc.string(), fc.string({ unit: 'binary' }), fc.uuid(), fc.integer(), fc.double(), fc.bigInt(), fc.boolean(), fc.date(),
  fc.constantFrom(...EDGE_VALUES), fc.array(fc.integer()), fc.object(),
);

describe('fast checks', () => {
  it.each(Object.keys(SHORTCUT_COLUMNS))('t.%s: a value the shortcut passes is one zod accepts unchanged', (name) => {
    const column = SHORTCUT_COLUMNS[name]();
    const fast = fastCheckOf(column);
    expect(fast).toBeDefined();
    const agrees = (value: unknown) => {
      if (!passesFastCheck(fast!, value)) return true;
      const parsed = column.safeParse(value);
      return parsed.success && Object.is(parsed.data, value);
    };
    for (const value of EDGE_VALUES) expect([value, agrees(value)]).toEqual([value, true]);
    fc.assert(fc.property(anyValue, agrees), { numRuns: 500 });
  });

  it.each([
    ['text', t.text(), 'hello'], ['int', t.int(), 42], ['double', t.double(), 1.5], ['bigint', t.bigint(), 7n],
    ['boolean', t.boolean(), true], ['timestamp', t.timestamp(), new Date()], ['blob', t.blob(), Buffer.from('x')],
    ['uuid', t.uuid(), '9b2a1c4e-5d6f-41ee-8c99-0242ac120002'],
  ] as const)('t.%s: an ordinary valid value takes the shortcut', (_name, column, value) => {
    expect(passesFastCheck(fastCheckOf(column)!, value)).toBe(true);
  });

  it('copies made by static(), withDefault() and dbName() keep the shortcut', () => {
    expect(fastCheckOf(t.text().static())).toBeDefined();
    expect(fastCheckOf(t.int().withDefault(1))).toBeDefined();
    expect(fastCheckOf(t.text().dbName('other'))).toBeDefined();
  });

  it('refined columns and types without a shortcut always go through zod', () => {
    expect(fastCheckOf(t.text().check(z.minLength(3)))).toBeUndefined();
    expect(fastCheckOf(t.int().refine((n) => n % 2 === 0))).toBeUndefined();
    expect(fastCheckOf(t.text().dbName('x').check(z.maxLength(2)))).toBeUndefined();
    expect(fastCheckOf(t.list(t.int()))).toBeUndefined();
    expect(fastCheckOf(t.date())).toBeUndefined();
    expect(fastCheckOf(t.inet())).toBeUndefined();
  });

  it.each([
    ['float', t.vector(t.float(), 3)], ['int', t.vector(t.int(), 2)], ['text', t.vector(t.text(), 2)], ['bigint', t.vector(t.bigint(), 1)],
  ] as const)('t.vector(t.%s()): an array the shortcut passes is one zod accepts with the same elements', (_name, column) => {
    const fast = fastCheckOf(column);
    expect(fast).toMatchObject({ kind: 'vector' });
    const agrees = (value: unknown) => {
      if (!passesFastCheck(fast!, value)) return true;
      const parsed = column.safeParse(value);
      const input = value as unknown[];
      return parsed.success && parsed.data.length === input.length && parsed.data.every((element, i) => Object.is(element, input[i]));
    };
    const lengths = (values: unknown[]) => [values.slice(0, 1), values.slice(0, 2), values.slice(0, 3), values.slice(0, 4)];
    for (const value of EDGE_VALUES) for (const array of lengths([value, value, value, value])) expect([array, agrees(array)]).toEqual([array, true]);
    // eslint-disable-next-line no-sparse-arrays
    for (const odd of [[1, , 3], Object.assign([1, 2, 3], { extra: 1 }), new Float32Array([1, 2, 3]), { length: 3, 0: 1, 1: 2, 2: 3 }]) {
      expect([odd, agrees(odd)]).toEqual([odd, true]);
    }
    fc.assert(fc.property(fc.array(anyValue, { maxLength: 4 }), agrees), { numRuns: 500 });
    fc.assert(fc.property(fc.array(fc.oneof(fc.double(), fc.integer(), fc.string(), fc.bigInt()), { minLength: 1, maxLength: 3 }), agrees), { numRuns: 500 });
  });

  it('a vector takes the shortcut when its elements are plain, and only then', () => {
    expect(passesFastCheck(fastCheckOf(t.vector(t.float(), 3))!, [0.5, -1, 2])).toBe(true);
    expect(passesFastCheck(fastCheckOf(t.vector(t.float(), 3))!, [0.5, -1])).toBe(false);
    expect(passesFastCheck(fastCheckOf(t.vector(t.float(), 1))!, [3.5e38])).toBe(false);
    expect(fastCheckOf(t.vector(t.float().refine((n) => n >= 0), 3))).toBeUndefined();
    expect(fastCheckOf(t.vector(t.date(), 2))).toBeUndefined();
    expect(fastCheckOf(t.vector(t.float(), 3).refine((v) => v[0] === 0))).toBeUndefined();
  });

  it("a refinement on a static column still rejects what the plain type would accept", () => {
    const Model = defineModel({
      table: 'refined',
      columns: { id: t.int(), at: t.int(), code: t.text().static().refine((s) => s.length === 3, 'three letters') },
      partitionKey: 'id',
      clusteringKey: ['at'],
    });
    expect(() => validateInsert(Model, { id: 1, at: 1, code: 'toolong' })).toThrow(ValidationError);
    expect(validateInsert(Model, { id: 1, at: 1, code: 'abc' })).toEqual({ id: 1, at: 1, code: 'abc' });
  });
});
