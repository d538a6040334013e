// Cassandra's key limits (issue 25, item 8), checked before sending: the serialized size Cassia
// computes is the size the driver actually sends (held against the driver's own encoder), and
// validation refuses exactly what Cassandra 5 refuses (boundaries probed on the test clusters).
import fc from 'fast-check';
import * as driver from 'cassandra-driver';
import { types } from 'cassandra-driver';
import { ValidationError } from '@cassia/core';
import { defineModel, defineType, t, toDatabase, validateColumnValue, validateInsert, type AnyColumn, type CqlType } from '../src';
import { serializedSize } from '../src/key-limits';

// The driver's serializer (exported at run time, absent from its typings).
interface DriverEncoder {
  encode(value: unknown, type: unknown): Buffer | null;
  decode(bytes: Buffer, type: unknown): unknown;
}

const SEED = 65_535;
const x = (n: number) => 'x'.repeat(n);

function rejects(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => issue.message);
  }
  throw new Error('expected a ValidationError');
}

describe('serializedSize is what the driver sends', () => {
  const encoder = new (driver as unknown as { Encoder: new (version: number, options: unknown) => DriverEncoder }).Encoder(4, { encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true } } as never);
  const dataTypes = types.dataTypes;

  function typeInfo(type: CqlType): unknown {
    switch (type.kind) {
      case 'native':
        return { code: dataTypes[type.name as keyof typeof dataTypes] };
      case 'list':
      case 'set':
        return { code: dataTypes[type.kind], info: typeInfo(type.element) };
      case 'map':
        return { code: dataTypes.map, info: [typeInfo(type.key), typeInfo(type.value)] };
      case 'tuple':
        return { code: dataTypes.tuple, info: type.elements.map(typeInfo) };
      case 'udt':
        return { code: dataTypes.udt, info: { name: type.type.name, fields: type.type.fieldList.map((f) => ({ name: f.dbName, type: typeInfo(f.cql) })) } };
      case 'vector':
        throw new Error('vectors are not compared here');
    }
  }

  const Pair = defineType({ name: 'pair', fields: { a: t.text(), b: t.varint(), toString: t.int() } });
  const cases: [string, AnyColumn, fc.Arbitrary<unknown>][] = [
    ['text', t.text(), fc.string({ unit: 'grapheme' })],
    ['ascii', t.ascii(), fc.string()],
    ['blob', t.blob(), fc.uint8Array().map((a) => Buffer.from(a))],
    ['varint', t.varint(), fc.bigInt({ min: -(2n ** 600n), max: 2n ** 600n })],
    ['decimal', t.decimal(), fc.tuple(fc.bigInt({ min: -(2n ** 90n), max: 2n ** 90n }), fc.integer({ min: -50, max: 50 })).map(([u, s]) => `${u}E${s}`)],
    ['inet', t.inet(), fc.oneof(fc.ipV4(), fc.ipV6())],
    ['int', t.int(), fc.integer()],
    ['uuid', t.uuid(), fc.uuid()],
    ['date', t.date(), fc.constantFrom('2024-02-29', '-5877641-06-23')],
    ['frozen list<text>', t.frozen(t.list(t.text())), fc.array(fc.string())],
    ['frozen set<varint>', t.frozen(t.set(t.varint())), fc.uniqueArray(fc.bigInt()).map((a) => new Set(a))],
    ['frozen map<text, frozen<list<int>>>', t.frozen(t.map(t.text(), t.frozen(t.list(t.int())))), fc.array(fc.tuple(fc.string(), fc.array(fc.integer()))).map((e) => new Map(e))],
    ['tuple<text, int, blob>', t.tuple(t.text(), t.int(), t.blob()), fc.tuple(fc.option(fc.string()), fc.option(fc.integer()), fc.option(fc.uint8Array().map((a) => Buffer.from(a))))],
    ['frozen udt', t.frozen(t.udt(Pair)), fc.record({ a: fc.option(fc.string()), b: fc.option(fc.bigInt()), toString: fc.option(fc.integer()) }, { requiredKeys: [] })],
  ];

  it.each(cases)('%s', (_name, column, values) => {
    fc.assert(
      fc.property(values, (value) => {
        const parsed = column.parse(value);
        const bytes = encoder.encode(toDatabase(column, parsed), typeInfo(column.cql) as never) as Buffer | null;
        // The driver sends an empty top-level list or set as null (which keys refuse anyway);
        // nested ones go as a zero count, the size serializedSize gives every empty collection.
        expect(serializedSize(column.cql, parsed)).toBe(bytes === null ? 4 : bytes.length);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('key values Cassandra refuses are refused before sending', () => {
  const Single = defineModel({ table: 's', columns: { p: t.text(), v: t.int() }, partitionKey: 'p' });
  const Blob = defineModel({ table: 'b', columns: { p: t.blob(), v: t.int() }, partitionKey: 'p' });
  const Composite = defineModel({
    table: 'c',
    columns: { p1: t.text(), p2: t.text(), c1: t.text(), c2: t.blob(), v: t.int() },
    partitionKey: ['p1', 'p2'],
    clusteringKey: ['c1', 'c2'],
  });
  const Varint = defineModel({ table: 'v', columns: { p: t.varint(), c: t.varint() }, partitionKey: 'p', clusteringKey: ['c'] });
  const Frozen = defineModel({
    table: 'f',
    columns: { p: t.frozen(t.list(t.int())), c: t.frozen(t.set(t.text())), m: t.frozen(t.map(t.int(), t.int())), v: t.int() },
    partitionKey: 'p',
    clusteringKey: ['c', 'm'],
  });
  const Tuple = defineModel({ table: 't', columns: { p: t.tuple(t.text(), t.text()), c: t.int() }, partitionKey: 'p', clusteringKey: ['c'] });

  it("an empty single-column partition key ('' or an empty blob), also in where()", () => {
    expect(rejects(() => validateInsert(Single, { p: '' }))[0]).toMatch(/empty value cannot be the partition key/);
    expect(rejects(() => validateInsert(Single, { p: '', v: 1 }))[0]).toMatch(/empty/);
    expect(rejects(() => validateInsert(Blob, { p: Buffer.alloc(0), v: 1 }))[0]).toMatch(/empty/);
    expect(() => validateColumnValue(Single, 'p', '')).toThrow(ValidationError);
    expect(validateInsert(Single, { p: ' ', v: 1 })).toEqual({ p: ' ', v: 1 });
    // Cassandra takes empty components of a composite partition key and empty clustering values.
    expect(validateInsert(Composite, { p1: '', p2: '', c1: '', c2: Buffer.alloc(0) })).toEqual({ p1: '', p2: '', c1: '', c2: Buffer.alloc(0) });
  });

  it('a single-column key up to 65535 bytes serialized', () => {
    expect(() => validateInsert(Single, { p: x(65_535), v: 1 })).not.toThrow();
    expect(rejects(() => validateInsert(Single, { p: x(65_536), v: 1 }))[0]).toMatch(/at most 65535 bytes.*got 65536/);
    expect(rejects(() => validateInsert(Single, { p: 'é'.repeat(32_768) }))[0]).toMatch(/got 65536/);
    expect(() => validateColumnValue(Single, 'p', x(65_536))).toThrow(ValidationError);
  });

  it('a composite partition key: 3 bytes per component on top, 65535 in all', () => {
    const key = (total: number) => ({ p1: x(100), p2: x(total - 100), c1: 'a', c2: Buffer.from('b') });
    expect(() => validateInsert(Composite, key(65_529))).not.toThrow();
    expect(rejects(() => validateInsert(Composite, key(65_530)))[0]).toMatch(/composite partition key \(p1, p2\) is at most 65535 bytes serialized.*got 65536/);
    // One component alone can never exceed 65535 - 3.
    expect(() => validateColumnValue(Composite, 'p1', x(65_533))).toThrow(ValidationError);
    expect(() => validateColumnValue(Composite, 'p1', x(65_532))).not.toThrow();
  });

  it('the clustering values together up to 65535 bytes', () => {
    const key = (total: number) => ({ p1: 'a', p2: 'b', c1: x(100), c2: Buffer.alloc(total - 100) });
    expect(() => validateInsert(Composite, key(65_535))).not.toThrow();
    expect(rejects(() => validateInsert(Composite, key(65_536)))[0]).toMatch(/clustering key \(c1, c2\) together is at most 65535.*got 65536/);
    expect(() => validateInsert(Composite, { p1: 'a', p2: 'b', c1: x(65_535), c2: Buffer.alloc(0) })).not.toThrow();
  });

  it('varint keys by their two\'s complement bytes', () => {
    const bytes = (n: number) => 2n ** (8n * BigInt(n - 1));
    expect(() => validateInsert(Varint, { p: bytes(65_535) - 1n, c: 1n })).not.toThrow();
    expect(rejects(() => validateInsert(Varint, { p: bytes(65_536) - 1n, c: 1n }))[0]).toMatch(/got 65536/);
    expect(() => validateColumnValue(Varint, 'c', -(bytes(65_536) / 2n) - 1n)).toThrow(ValidationError);
  });

  it('frozen collection keys by their serialized size, and never empty', () => {
    const ints = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(() => validateInsert(Frozen, { p: ints(8191), c: new Set(['a']), m: new Map([[1, 1]]) })).not.toThrow();
    expect(rejects(() => validateInsert(Frozen, { p: ints(8192), c: new Set(['a']), m: new Map([[1, 1]]) }))[0]).toMatch(/got 65540/);
    expect(rejects(() => validateInsert(Frozen, { p: [], c: new Set(['a']), m: new Map([[1, 1]]) }))[0]).toMatch(/empty frozen collection/);
    expect(rejects(() => validateInsert(Frozen, { p: [1], c: new Set(), m: new Map([[1, 1]]) }))[0]).toMatch(/empty frozen collection/);
    expect(rejects(() => validateInsert(Frozen, { p: [1], c: new Set(['a']), m: new Map() }))[0]).toMatch(/empty frozen collection/);
  });

  it('tuple keys by their element lengths (null elements allowed)', () => {
    expect(() => validateInsert(Tuple, { p: [x(65_527), ''], c: 1 })).not.toThrow();
    expect(rejects(() => validateInsert(Tuple, { p: [x(65_528), ''], c: 1 }))[0]).toMatch(/got 65536/);
    expect(validateInsert(Tuple, { p: [null, null], c: 1 })).toEqual({ p: [null, null], c: 1 });
  });
});
