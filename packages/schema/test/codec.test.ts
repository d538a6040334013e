// The JS ↔ driver value mapping: driver types on the way in, JS types on the way out, round trips.
import { types } from 'cassandra-driver';
import { defineModel, defineType, fromDatabase, rowFromDatabase, rowToDatabase, t, toDatabase, type AnyColumn } from '../src';
import { formatTime } from '../src/internal';
import { encoderOf } from '../src/codec';
import { Car } from './fixtures';

const roundTrip = (column: AnyColumn, value: unknown) => fromDatabase(column, toDatabase(column, value));

describe('toDatabase', () => {
  it('makes driver types', () => {
    expect(toDatabase(t.uuid(), '6ba7b810-9dad-41d1-80b4-00c04fd430c8')).toBeInstanceOf(types.Uuid);
    expect(toDatabase(t.timeuuid(), '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBeInstanceOf(types.TimeUuid);
    expect(toDatabase(t.decimal(), '1.50')).toBeInstanceOf(types.BigDecimal);
    expect(toDatabase(t.date(), '2024-01-02')).toBeInstanceOf(types.LocalDate);
    expect(toDatabase(t.time(), '01:02:03')).toBeInstanceOf(types.LocalTime);
    expect(toDatabase(t.duration(), { months: 1, days: 2, nanoseconds: 3n })).toBeInstanceOf(types.Duration);
    expect(toDatabase(t.inet(), '::1')).toBeInstanceOf(types.InetAddress);
    expect(toDatabase(t.tuple(t.int(), t.text()), [1, 'a'])).toBeInstanceOf(types.Tuple);
    expect(toDatabase(t.vector(t.float(), 2), [1, 2])).toBeInstanceOf(types.Vector);
    expect(toDatabase(t.bigint(), 5n)).toBe(5n);
    expect(toDatabase(t.set(t.int()), new Set([1, 2]))).toEqual([1, 2]);
    expect(toDatabase(t.text(), null)).toBeNull();
    expect(toDatabase(t.text(), undefined)).toBeUndefined();
  });

  it('sends every map as a Map, whatever its key type (keys such as "hasOwnProperty" and "__proto__" included)', () => {
    expect(toDatabase(t.map(t.int(), t.text()), new Map([[1, 'a']]))).toEqual(new Map([[1, 'a']]));
    expect(toDatabase(t.map(t.timestamp(), t.int()), new Map([[new Date(5), 1]]))).toEqual(new Map([[new Date(5), 1]]));
    const awkward = toDatabase(t.map(t.text(), t.int()), new Map([['__proto__', 1], ['hasOwnProperty', 2]]));
    expect(awkward).toBeInstanceOf(Map);
    expect([...(awkward as Map<string, number>)]).toEqual([['__proto__', 1], ['hasOwnProperty', 2]]);
    expect(toDatabase(t.map(t.boolean(), t.int()), new Map([[true, 1]]))).toEqual(new Map([[true, 1]]));
  });

  it('sends a nested empty collection as an explicit zero count, a top-level one as the driver does', () => {
    const nestedEmpty = toDatabase(t.map(t.int(), t.frozen(t.list(t.int()))), new Map([[1, []]])) as Map<number, unknown>;
    expect(nestedEmpty.get(1)).toEqual(Buffer.alloc(4));
    expect(toDatabase(t.list(t.int()), [])).toEqual([]);
  });

  it('sends every UDT field, missing ones as null, by database name', () => {
    const T = defineType({ name: 'ty', fields: { a: t.int().dbName('a_db'), b: t.text() } });
    expect(toDatabase(t.udt(T), { a: 1 })).toEqual({ a_db: 1, b: null });
    expect(fromDatabase(t.udt(T), { a_db: 1, b: null })).toEqual({ a: 1, b: null });
  });
});

describe('encoderOf', () => {
  // Builders skip the codec for types without an encoder, so encoding must really return each value unchanged.
  it.each([
    ['ascii', t.ascii(), 'abc'], ['text', t.text(), 'é'], ['varchar', t.varchar(), 'x'], ['int', t.int(), 7],
    ['bigint', t.bigint(), 7n], ['smallint', t.smallint(), 7], ['tinyint', t.tinyint(), 7], ['varint', t.varint(), 2n ** 70n],
    ['float', t.float(), 1.5], ['double', t.double(), 1.5], ['boolean', t.boolean(), false], ['timestamp', t.timestamp(), new Date(0)],
    ['blob', t.blob(), Buffer.from('x')], ['counter', t.counter(), 3n],
  ] as const)('%s values are bound as they are', (_name, column, value) => {
    expect(encoderOf(column.cql)).toBeUndefined();
    expect(toDatabase(column, value)).toBe(value);
  });

  it.each([
    ['uuid', t.uuid()], ['timeuuid', t.timeuuid()], ['decimal', t.decimal()], ['date', t.date()], ['time', t.time()],
    ['duration', t.duration()], ['inet', t.inet()], ['list', t.list(t.int())], ['set', t.set(t.int())], ['map', t.map(t.text(), t.int())],
    ['tuple', t.tuple(t.int())], ['vector', t.vector(t.float(), 2)], ['udt', t.udt(defineType({ name: 'p', fields: { a: t.int() } }))],
  ] as const)('%s values go through the codec', (_name, column) => {
    expect(encoderOf(column.cql)).toBeDefined();
  });
});

describe('fromDatabase', () => {
  it('reads empty/absent collections as empty and absent scalars as null', () => {
    expect(fromDatabase(t.list(t.int()), null)).toEqual([]);
    expect(fromDatabase(t.set(t.int()), null)).toEqual(new Set());
    expect(fromDatabase(t.map(t.int(), t.int()), undefined)).toEqual(new Map());
    expect(fromDatabase(t.frozen(t.list(t.int())), null)).toEqual([]);
    expect(fromDatabase(t.int(), null)).toBeNull();
  });

  it('accepts Long and Integer for bigint, counter and varint', () => {
    expect(fromDatabase(t.bigint(), types.Long.fromString('-9223372036854775808'))).toBe(-9223372036854775808n);
    expect(fromDatabase(t.counter(), types.Long.fromNumber(7))).toBe(7n);
    expect(fromDatabase(t.varint(), types.Integer.fromString('123456789012345678901234567890'))).toBe(123456789012345678901234567890n);
  });

  it('accepts sets as arrays or Sets and maps as objects or Maps', () => {
    expect(fromDatabase(t.set(t.int()), [1, 2])).toEqual(new Set([1, 2]));
    expect(fromDatabase(t.set(t.int()), new Set([1]))).toEqual(new Set([1]));
    expect(fromDatabase(t.map(t.int(), t.bigint()), { 1: types.Long.fromNumber(2) })).toEqual(new Map([[1, 2n]]));
    expect(fromDatabase(t.map(t.bigint(), t.text()), { '9007199254740993': 'x' })).toEqual(new Map([[9007199254740993n, 'x']]));
    expect(fromDatabase(t.map(t.text(), t.int()), new Map([['a', 1]]))).toEqual(new Map([['a', 1]]));
  });

  it("binds a copy of a vector's elements and reads a driver Vector's elements into a new array", () => {
    const given = [0.5, -1, 2];
    const bound = toDatabase(t.vector(t.float(), 3), given) as types.Vector;
    given[0] = 9;
    expect(bound.elements).toEqual([0.5, -1, 2]);
    expect(bound.subtype).toBe('float');
    const read = new types.Vector([1.5, 2, -3], 'float');
    const decoded = fromDatabase(t.vector(t.float(), 3), read) as number[];
    expect(decoded).toEqual([1.5, 2, -3]);
    expect(Array.isArray(decoded) && decoded !== read.elements).toBe(true);
    expect(fromDatabase(t.vector(t.bigint(), 2), new types.Vector([types.Long.fromInt(5), types.Long.fromString('-9007199254740993')], 'bigint'))).toEqual([5n, -9007199254740993n]);
    expect(fromDatabase(t.vector(t.float(), 2), new Float32Array([0.5, 1]))).toEqual([0.5, 1]);
    expect(fromDatabase(t.vector(t.text(), 2), ['a', 'b'])).toEqual(['a', 'b']);
  });

  it('reads vectors and tuples as arrays', () => {
    expect(fromDatabase(t.vector(t.float(), 2), new types.Vector([1.5, 2], 'float'))).toEqual([1.5, 2]);
    expect(fromDatabase(t.tuple(t.int(), t.text()), new types.Tuple(1, null))).toEqual([1, null]);
  });

  it('formats time canonically', () => {
    expect(formatTime(0n)).toBe('00:00:00');
    expect(formatTime(86_399_999_999_999n)).toBe('23:59:59.999999999');
    expect(formatTime(3_723_500_000_000n)).toBe('01:02:03.5');
    expect(fromDatabase(t.time(), types.LocalTime.fromString('01:02:03.500'))).toBe('01:02:03.5');
  });
});

describe('round trips', () => {
  const Point = defineType({ name: 'point', fields: { x: t.int(), tags: t.list(t.text()) } });
  const cases: [string, AnyColumn, unknown][] = [
    ['ascii', t.ascii(), 'abc'],
    ['text', t.text(), 'héllo ✓ 日本'],
    ['varchar', t.varchar(), ''],
    ['int', t.int(), -2147483648],
    ['bigint', t.bigint(), 9223372036854775807n],
    ['smallint', t.smallint(), 32767],
    ['tinyint', t.tinyint(), -128],
    ['varint', t.varint(), -(2n ** 100n)],
    ['float', t.float(), 1.5],
    ['double', t.double(), Number.MAX_VALUE],
    ['decimal', t.decimal(), '-12345678901234567890.000100'],
    ['boolean', t.boolean(), false],
    ['uuid', t.uuid(), '6ba7b810-9dad-41d1-80b4-00c04fd430c8'],
    ['timeuuid', t.timeuuid(), '6ba7b810-9dad-11d1-80b4-00c04fd430c8'],
    ['timestamp', t.timestamp(), new Date('2024-02-29T12:34:56.789Z')],
    ['date', t.date(), '2024-02-29'],
    ['time', t.time(), '23:59:59.000000001'],
    ['duration', t.duration(), { months: 14, days: 3, nanoseconds: 86_400_000_000_001n }],
    ['blob', t.blob(), Buffer.from([0, 1, 255])],
    ['inet v4', t.inet(), '192.168.0.1'],
    ['inet v6', t.inet(), '2001:db8::1'],
    ['counter', t.counter(), -5n],
    ['list', t.list(t.int()), [3, 1, 3]],
    ['set', t.set(t.text()), new Set(['a', 'b'])],
    ['map', t.map(t.int(), t.uuid()), new Map([[1, '6ba7b810-9dad-41d1-80b4-00c04fd430c8']])],
    ['tuple', t.tuple(t.int(), t.text(), t.bigint()), [1, 'a', 2n]],
    ['frozen', t.frozen(t.set(t.int())), new Set([1])],
    ['udt', t.udt(Point), { x: 1, tags: ['a'] }],
    ['list of udt', t.list(t.udt(Point)), [{ x: 1, tags: ['a'] }, { x: null, tags: ['b'] }]],
    ['vector', t.vector(t.float(), 3), [0.5, -1, 2]],
  ];
  it.each(cases)('%s', (_name, column, value) => {
    expect(column.safeParse(value).success).toBe(true);
    expect(roundTrip(column, value)).toEqual(value);
  });
});

describe('row helpers', () => {
  it('maps db names to property names and back, leaving unselected columns out', () => {
    const driverRow = rowToDatabase(Car, { make: 'vw', vin: '6ba7b810-9dad-41d1-80b4-00c04fd430c8', price: undefined });
    expect(Object.keys(driverRow)).toEqual(['make', 'vin_code']);
    const row = rowFromDatabase(Car, { ...driverRow, features: null });
    expect(row).toEqual({ make: 'vw', vin: '6ba7b810-9dad-41d1-80b4-00c04fd430c8', features: new Set() });
  });

  // rowFromDatabase skips decode where it would return the value unchanged; it must still agree
  // with fromDatabase column by column, for driver values of every kind (also unexpected ones).
  it('maps a row exactly as fromDatabase maps each of its columns', () => {
    const Scalars = defineModel({
      table: 'scalars',
      columns: {
        id: t.int(), s: t.smallint(), ti: t.tinyint(), f: t.float(), d: t.double(), txt: t.text(), a: t.ascii(), b: t.boolean(),
        at: t.timestamp(), blob: t.blob(), big: t.bigint(), u: t.uuid(), l: t.list(t.int()),
      },
      partitionKey: 'id',
    });
    const driverValues = [null, undefined, 0, -1.5, 7, '12', 'text', true, new Date(5), Buffer.from('b'), 9n, types.Long.fromNumber(3), [1, 2]];
    for (const value of driverValues) {
      // Columns whose decode rejects this driver value (e.g. a uuid from a Date) are left out of the row.
      const decodable = Object.entries(Scalars.columns).filter(([, column]) => {
        try {
          fromDatabase(column, value);
          return true;
        } catch {
          return false;
        }
      });
      const driverRow = Object.fromEntries(decodable.map(([property]) => [property, value]));
      const expected = Object.fromEntries(decodable.map(([property, column]) => [property, fromDatabase(column, value)]));
      expect(rowFromDatabase(Scalars, driverRow)).toEqual(expected);
    }
  });

  it('leaves out unselected columns named like what a row inherits (keys, values, toString)', () => {
    const Named = defineModel({
      table: 'named',
      columns: { id: t.int(), keys: t.text(), values: t.list(t.int()), toString: t.text(), note: t.text() },
      partitionKey: 'id',
    });
    // A driver Row (its prototype has keys(), values(), ...) holding only the selected columns.
    const { Row } = types as unknown as { Row: new (columns: readonly { name: string; type: { code: number } }[]) => object };
    const driverRow = new Row([{ name: 'id', type: { code: types.dataTypes.int } }, { name: 'note', type: { code: types.dataTypes.text } }]);
    Object.assign(driverRow, { id: 1, note: null });
    expect(rowFromDatabase(Named, driverRow as unknown as Record<string, unknown>)).toStrictEqual({ id: 1, note: null });
    expect(rowFromDatabase(Named, { id: 2, keys: 'k', values: [1], toString: 's' })).toStrictEqual({ id: 2, keys: 'k', values: [1], toString: 's' });
  });
});
