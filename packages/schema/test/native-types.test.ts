// The native type table: one entry per NativeTypeName, and its "binds as is" / "reads as is"
// facts (a missing encode / decode) hold for real values: what the table says passes unchanged
// does, and what it says converts does.
import { types } from 'cassandra-driver';
import { decode, encode, fromDatabase, t, toDatabase, type AnyColumn, type NativeTypeName } from '../src';
import { fastCheckOf } from '../src/column';
import { NATIVE_TYPES } from '../src/native-types';

// A valid JS value and a driver value of every native type (the compiler requires every name).
const SAMPLES: Record<NativeTypeName, { column: () => AnyColumn; js: unknown; driver: unknown }> = {
  ascii: { column: t.ascii, js: 'abc', driver: 'abc' },
  text: { column: t.text, js: 'é', driver: 'é' },
  varchar: { column: t.varchar, js: 'x', driver: 'x' },
  int: { column: t.int, js: 7, driver: 7 },
  bigint: { column: t.bigint, js: 7n, driver: types.Long.fromNumber(7) },
  smallint: { column: t.smallint, js: 7, driver: 7 },
  tinyint: { column: t.tinyint, js: 7, driver: 7 },
  varint: { column: t.varint, js: 2n ** 70n, driver: types.Integer.fromString('5') },
  float: { column: t.float, js: 1.5, driver: 1.5 },
  double: { column: t.double, js: 1.5, driver: 1.5 },
  decimal: { column: t.decimal, js: '1.50', driver: types.BigDecimal.fromString('1.50') },
  boolean: { column: t.boolean, js: false, driver: false },
  uuid: { column: t.uuid, js: '6ba7b810-9dad-41d1-80b4-00c04fd430c8', driver: types.Uuid.fromString('6ba7b810-9dad-41d1-80b4-00c04fd430c8') },
  timeuuid: { column: t.timeuuid, js: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', driver: types.TimeUuid.fromString('6ba7b810-9dad-11d1-80b4-00c04fd430c8') },
  timestamp: { column: t.timestamp, js: new Date(5), driver: new Date(5) },
  date: { column: t.date, js: '2024-01-02', driver: types.LocalDate.fromString('2024-01-02') },
  time: { column: t.time, js: '01:02:03', driver: types.LocalTime.fromString('01:02:03') },
  duration: { column: t.duration, js: { months: 1, days: 2, nanoseconds: 3n }, driver: new types.Duration(1, 2, types.Long.fromNumber(3)) },
  blob: { column: t.blob, js: Buffer.from('x'), driver: Buffer.from('x') },
  inet: { column: t.inet, js: '::1', driver: types.InetAddress.fromString('::1') },
  counter: { column: t.counter, js: 3n, driver: types.Long.fromNumber(3) },
};
const NAMES = Object.keys(SAMPLES) as NativeTypeName[];

describe('native type table', () => {
  it('has exactly one entry per native type name', () => {
    expect(Object.keys(NATIVE_TYPES).sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)('t.%s is a native column with its entry\'s fast check and a schema accepting its sample', (name) => {
    const { column, js } = SAMPLES[name];
    const made = column();
    expect(made.cql).toEqual({ kind: 'native', name });
    expect(fastCheckOf(made)).toBe(NATIVE_TYPES[name].fastCheck);
    expect(made.safeParse(js).success).toBe(true);
    expect(column()).not.toBe(made);
  });

  it.each(NAMES)('%s: without an encode, values bind as they are; with one, they are converted', (name) => {
    const { column, js } = SAMPLES[name];
    const bound = toDatabase(column(), js);
    if (NATIVE_TYPES[name].encode === undefined) expect(bound).toBe(js);
    else expect(bound).not.toBe(js);
  });

  it.each(NAMES)('%s: without a decode, driver values read as they are; with one, they read as the JS value', (name) => {
    const { column, js, driver } = SAMPLES[name];
    const read = fromDatabase(column(), driver);
    if (NATIVE_TYPES[name].decode === undefined) expect(read).toBe(driver);
    else if (name === 'varint') expect(read).toBe(5n);
    else expect(read).toEqual(js);
    expect(fromDatabase(column(), null)).toBeNull();
  });

  it('map keys read from a plain object are parsed by their entry, other keys stay text', () => {
    const type = (key: NativeTypeName) => ({ kind: 'map', key: { kind: 'native', name: key }, value: { kind: 'native', name: 'int' }, frozen: false }) as const;
    expect(decode(type('int'), { '12': 1 })).toEqual(new Map([[12, 1]]));
    expect(decode(type('bigint'), { '12': 1 })).toEqual(new Map([[12n, 1]]));
    expect(decode(type('boolean'), { true: 1, false: 2 })).toEqual(new Map([[true, 1], [false, 2]]));
    expect(decode(type('timestamp'), { '1970-01-01T00:00:00.005Z': 1 })).toEqual(new Map([[new Date(5), 1]]));
    expect(decode(type('text'), { '12': 1 })).toEqual(new Map([['12', 1]]));
    expect(NATIVE_TYPES.text.parseMapKey).toBeUndefined();
  });

  it('nested natives convert through the same entries', () => {
    expect(encode({ kind: 'list', element: { kind: 'native', name: 'uuid' }, frozen: false }, [SAMPLES.uuid.js])).toEqual([SAMPLES.uuid.driver]);
    expect(encode({ kind: 'list', element: { kind: 'native', name: 'int' }, frozen: false }, [1, 2])).toEqual([1, 2]);
  });
});
