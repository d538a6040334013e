// Hostile and awkward values at the schema layer (issue 23, items 2–5): only own properties are
// read, names of Object.prototype members work as columns and UDT fields, a map key
// "hasOwnProperty" reaches the driver intact, and text that is not well formed is refused in
// every position, by the fast check and by zod alike.
import fc from 'fast-check';
import * as driver from 'cassandra-driver';
import { types } from 'cassandra-driver';
import { ValidationError } from '@cassia/core';
import { decode, defineModel, defineType, encode, t, toDatabase, validateInsert, validateInsertColumns, validatePartial } from '../src';
import { fastCheckOf } from '../src/column';
import { passesFastCheck } from '../src/fast-check';

// The driver's serializer (exported at run time, absent from its typings).
interface DriverEncoder {
  encode(value: unknown, type: unknown): Buffer | null;
  decode(bytes: Buffer, type: unknown): unknown;
}

const SEED = 20_231;

function issuePaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => issue.path.join('.'));
  }
  throw new Error('expected a ValidationError');
}

const Account = defineModel({
  table: 'accounts',
  columns: { id: t.text(), name: t.text(), role: t.text(), credits: t.int() },
  partitionKey: 'id',
});

describe('own properties only', () => {
  it('an inherited value is not written, whether the fast pass or the careful pass decides', () => {
    const inherited = Object.create({ role: 'admin' }, { id: { value: 'u1', enumerable: true } }) as Record<string, unknown>;
    expect(validateInsert(Account, inherited as never)).toEqual({ id: 'u1' });
    // Every column given (the one-pass shortcut), the role inherited.
    const full = Object.assign(Object.create({ role: 'admin' }) as Record<string, unknown>, { id: 'u1', name: 'n', credits: 1 });
    expect(validateInsert(Account, full as never)).toEqual({ id: 'u1', name: 'n', credits: 1 });
    expect(validateInsertColumns(Account, full as never)).toEqual(['u1', 'n', undefined, 1]);
  });

  it('a polluted Object.prototype is neither written nor reported', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.role = 'admin';
    proto.bogus = 'x';
    try {
      expect(validateInsert(Account, { id: 'u1' })).toEqual({ id: 'u1' });
      expect(validateInsert(Account, { id: 'u1', name: 'n', role: 'user', credits: 2 })).toEqual({ id: 'u1', name: 'n', role: 'user', credits: 2 });
      expect(validatePartial(Account, { name: 'n' })).toEqual({ name: 'n' });
    } finally {
      delete proto.role;
      delete proto.bogus;
    }
  });

  it('property: inherited keys never change the validated values', () => {
    const own = fc.record(
      { id: fc.string({ minLength: 1 }), name: fc.string(), role: fc.string(), credits: fc.integer({ min: -1000, max: 1000 }) },
      { requiredKeys: ['id'] },
    );
    const inheritedValues = fc.dictionary(fc.constantFrom('id', 'name', 'role', 'credits', 'other'), fc.oneof(fc.string(), fc.integer()));
    fc.assert(
      fc.property(own, inheritedValues, (values, parent) => {
        const hostile = Object.assign(Object.create(parent) as Record<string, unknown>, values);
        expect(validateInsert(Account, hostile as never)).toEqual(validateInsert(Account, { ...values }));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a UDT value and a duration are read by their own properties', () => {
    const Point = defineType({ name: 'point', fields: { x: t.int(), y: t.int() } });
    const column = t.udt(Point);
    const parsed = column.parse(Object.create({ y: 7 }, { x: { value: 1, enumerable: true } }));
    expect(parsed).toEqual({ x: 1 });
    expect(encode(column.cql, parsed)).toEqual({ x: 1, y: null });
    expect(t.duration().safeParse(Object.create({ months: 1, days: 1, nanoseconds: 1n })).success).toBe(false);
  });
});

describe('names of Object.prototype members', () => {
  const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'] as const;
  const Odd = defineModel({
    table: 'odd',
    columns: {
      id: t.int(),
      constructor: t.text(),
      toString: t.text(),
      hasOwnProperty: t.int(),
      valueOf: t.boolean(),
      isPrototypeOf: t.list(t.text()),
    },
    partitionKey: 'id',
  });

  it('create() that leaves them out works, and given ones are kept', () => {
    expect(validateInsert(Odd, { id: 1 })).toEqual({ id: 1 });
    expect(validateInsert(Odd, { id: 1, toString: 'a', valueOf: true })).toEqual({ id: 1, toString: 'a', valueOf: true });
    expect(validatePartial(Odd, { constructor: 'c' })).toEqual({ constructor: 'c' });
  });

  it('UDT fields so named: left out is null on write, and missing from a stored value reads null', () => {
    const Shape = defineType({ name: 'shape', fields: { a: t.int(), toString: t.text(), constructor: t.int(), hasOwnProperty: t.text(), valueOf: t.int(), isPrototypeOf: t.text() } });
    const column = t.udt(Shape);
    expect(column.parse({ a: 1 })).toEqual({ a: 1 });
    expect(encode(column.cql, { a: 1 })).toEqual({ a: 1, toString: null, constructor: null, hasOwnProperty: null, valueOf: null, isPrototypeOf: null });
    // What the driver returns for a value stored before the type had these fields.
    const decoded = decode(column.cql, { a: 1 }) as Record<string, unknown>;
    for (const name of names) expect([name, decoded[name]]).toEqual([name, null]);
    expect(decoded.a).toBe(1);
  });
});

describe('maps go to the driver as a Map', () => {
  const dataTypes = types.dataTypes;
  const encoder = new (driver as unknown as { Encoder: new (version: number, options: unknown) => DriverEncoder }).Encoder(4, { encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true } } as never);
  const mapType = { code: dataTypes.map, info: [{ code: dataTypes.text }, { code: dataTypes.int }] };

  it('a key "hasOwnProperty" (and "__proto__", "constructor") is serialized and read back by the driver', () => {
    const value = new Map([['hasOwnProperty', 1], ['__proto__', 2], ['constructor', 3], ['plain', 4]]);
    const sent = toDatabase(t.map(t.text(), t.int()), value);
    expect(sent).toBeInstanceOf(Map);
    const bytes = encoder.encode(sent, mapType as never);
    expect(decode(t.map(t.text(), t.int()).cql, encoder.decode(bytes!, mapType as never))).toEqual(value);
  });
});

describe('text that is not well formed is refused', () => {
  const lone = ['alice\ud800', 'alice\udbff', '\udc00', 'a\ud800b', '\ud83d'];
  const Tag = defineType({ name: 'tag', fields: { label: t.text(), code: t.ascii() } });
  const Everywhere = defineModel({
    table: 'everywhere',
    columns: {
      id: t.text(),
      v: t.varchar(),
      a: t.ascii(),
      list: t.list(t.text()),
      set: t.set(t.varchar()),
      keys: t.map(t.text(), t.int()),
      values: t.map(t.int(), t.text()),
      udt: t.udt(Tag),
      tuple: t.tuple(t.int(), t.text()),
      frozen: t.frozen(t.list(t.text())),
      ip: t.inet(),
    },
    partitionKey: 'id',
  });

  it.each(lone)('%j in every text position', (bad) => {
    const cases: [string, Record<string, unknown>][] = [
      ['id', { id: bad }],
      ['v', { v: bad }],
      ['a', { a: bad }],
      ['list.0', { list: [bad] }],
      ['set', { set: new Set([bad]) }],
      ['keys', { keys: new Map([[bad, 1]]) }],
      ['values', { values: new Map([[1, bad]]) }],
      ['udt.label', { udt: { label: bad } }],
      ['tuple.1', { tuple: [1, bad] }],
      ['frozen.0', { frozen: [bad] }],
      ['ip', { ip: bad }],
    ];
    for (const [path, values] of cases) {
      const paths = issuePaths(() => validateInsert(Everywhere, { id: 'k', ...values } as never));
      expect([path, paths.some((p) => p.startsWith(path.split('.')[0]))]).toEqual([path, true]);
    }
  });

  it('the same strings are accepted once well formed (a full surrogate pair is fine)', () => {
    expect(validateInsert(Everywhere, { id: 'alice\ud83d\ude00', list: ['\ud83d\ude00'], keys: new Map([['é', 1]]) })).toMatchObject({ id: 'alice😀' });
  });

  it('property: for text and varchar, the fast check and zod agree on every string', () => {
    for (const column of [t.text(), t.varchar()]) {
      const fast = fastCheckOf(column)!;
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)) })), (text) => {
          expect(passesFastCheck(fast, text)).toBe(column.safeParse(text).success);
          expect(passesFastCheck(fast, text)).toBe((text as unknown as { isWellFormed(): boolean }).isWellFormed());
        }),
        { seed: SEED, numRuns: 500 },
      );
    }
  });
});
