// Property-based round trips per CQL type on the real cluster (cluster1), Cassia on a registry
// client and a raw driver client, in both directions, with a fixed seed:
//   Cassia → raw: Cassia writes a JS value, Cassia reads back the documented form of it; the raw
//     client copies the stored value to another row, and Cassia reads the same form there.
//   raw → Cassia: the raw client writes a driver value made without Cassia; Cassia reads it and
//     writes what it read to another row; the two stored values are byte for byte the same.
import fc from 'fast-check';
import * as driver from 'cassandra-driver';
import { types, type Client } from 'cassandra-driver';
import { ConnectionRegistry } from '@cassia/core';
import { query } from '@cassia/query';
import { createTableCql, createTypeCql, defineModel, defineType, t, type AnyColumn } from '@cassia/schema';
import { formatTime } from '@cassia/schema/internal';
import { testClusters } from '@cassia/testkit';
import { formatCqlDate, MAX_DAY, MIN_DAY, parseCqlDate } from '../../packages/schema/src/cql-date';
import { formatDecimal, parseDecimal } from '../../packages/schema/src/decimal-text';
import { formatInet, parseInet } from '../../packages/schema/src/inet-address';
import { rawClient } from './support';

const KS = 'cassia_value_round_trip_it';
const SEED = 4_242;
const RUNS = 20;
const { cluster1 } = testClusters();

const Tag = defineType({ name: 'tag', keyspace: KS, fields: { label: t.text(), toString: t.int(), when: t.date() } });

const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const wellFormed = fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed());
const asciiText = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 30 });
const float32 = fc.float({ noNaN: true, noDefaultInfinity: true });
const double = fc.double({ noNaN: true, noDefaultInfinity: true });
const days = fc.integer({ min: MIN_DAY, max: MAX_DAY });
const scale = fc.oneof(fc.integer({ min: -20, max: 40 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
const unscaled = fc.bigInt({ min: -(2n ** 100n), max: 2n ** 100n });
const addressBytes = fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.constantFrom(...[
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4], [0x20, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0], new Array<number>(16).fill(0),
].map((bytes) => new Uint8Array(bytes)))).map((bytes) => Buffer.from(bytes));
const nanosOfDay = fc.bigInt({ min: 0n, max: 86_400_000_000_000n - 1n });
const durationParts = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.bigInt({ min: 0n, max: INT64.max }), fc.boolean())
  .map(([months, d, nanos, negative]) => (negative ? { months: -months || 0, days: -d || 0, nanoseconds: -nanos } : { months, days: d, nanoseconds: nanos }));
const uuidText = fc.uuid();
const timeuuidText = fc.uuid({ version: 1 });
const toLong = (n: bigint) => types.Long.fromString(n.toString());
const decimalValue = (u: bigint, s: number) => new types.BigDecimal(types.Integer.fromString(u.toString()) as unknown as number, s);
const localDate = (d: number) => new (types.LocalDate as unknown as new (days: number) => types.LocalDate)(d);
const keyText = fc.oneof(wellFormed, fc.constantFrom('hasOwnProperty', '__proto__', 'constructor', 'toString', ''));

/** One column under test: what Cassia writes, the form it reads back, and raw driver values made without Cassia. */
interface TypeCase {
  readonly column: AnyColumn;
  readonly values: fc.Arbitrary<unknown>;
  /** The JS value Cassia reads back after writing `value` (the documented form). */
  readonly readsAs?: (value: unknown) => unknown;
  readonly rawValues: fc.Arbitrary<unknown>;
}

const CASES: Record<string, TypeCase> = {
  ascii: { column: t.ascii(), values: asciiText, rawValues: asciiText },
  text: { column: t.text(), values: wellFormed, rawValues: wellFormed },
  varchar: { column: t.varchar(), values: wellFormed, rawValues: wellFormed },
  int: { column: t.int(), values: fc.integer(), rawValues: fc.integer() },
  bigint: { column: t.bigint(), values: fc.bigInt(INT64), rawValues: fc.bigInt(INT64) },
  smallint: { column: t.smallint(), values: fc.integer({ min: -32768, max: 32767 }), rawValues: fc.integer({ min: -32768, max: 32767 }) },
  tinyint: { column: t.tinyint(), values: fc.integer({ min: -128, max: 127 }), rawValues: fc.integer({ min: -128, max: 127 }) },
  varint: { column: t.varint(), values: fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }), rawValues: fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }) },
  float: { column: t.float(), values: float32, rawValues: float32 },
  double: { column: t.double(), values: double, rawValues: double },
  decimal: {
    column: t.decimal(),
    values: fc.oneof(fc.stringMatching(/^[+-]?\d{1,30}(\.\d{1,30})?([eE][+-]?\d{1,3})?$/), fc.tuple(unscaled, scale).map(([u, s]) => formatDecimal({ unscaled: u, scale: s }))),
    readsAs: (v) => formatDecimal(parseDecimal(v as string)),
    rawValues: fc.tuple(unscaled, scale).map(([u, s]) => decimalValue(u, s)),
  },
  boolean: { column: t.boolean(), values: fc.boolean(), rawValues: fc.boolean() },
  uuid: { column: t.uuid(), values: uuidText.map((u) => u.toUpperCase()), readsAs: (v) => (v as string).toLowerCase(), rawValues: uuidText.map((u) => types.Uuid.fromString(u)) },
  timeuuid: { column: t.timeuuid(), values: timeuuidText, rawValues: timeuuidText.map((u) => types.TimeUuid.fromString(u)) },
  timestamp: {
    column: t.timestamp(),
    values: fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }),
    rawValues: fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }),
  },
  date: {
    column: t.date(),
    values: fc.oneof(days.map(formatCqlDate), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, d.toISOString().indexOf('T')))),
    readsAs: (v) => formatCqlDate(parseCqlDate(v as string)!),
    rawValues: days.map(localDate),
  },
  time: {
    column: t.time(),
    values: fc.tuple(nanosOfDay, fc.boolean()).map(([n, padded]) => (padded && n % 1_000_000_000n === 0n ? `${formatTime(n)}.000` : formatTime(n))),
    readsAs: (v) => (v as string).replace(/\.0+$/, ''),
    rawValues: nanosOfDay.map((n) => new types.LocalTime(toLong(n))),
  },
  duration: {
    column: t.duration(),
    values: durationParts,
    rawValues: durationParts.map((d) => new types.Duration(d.months, d.days, toLong(d.nanoseconds))),
  },
  blob: { column: t.blob(), values: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)), rawValues: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)) },
  inet: {
    column: t.inet(),
    values: fc.oneof(fc.ipV4(), fc.ipV6(), addressBytes.map(formatInet)),
    readsAs: (v) => formatInet(parseInet(v as string)!),
    rawValues: addressBytes.map((bytes) => new types.InetAddress(bytes)),
  },
  list: { column: t.list(t.text()), values: fc.array(wellFormed, { maxLength: 5 }), rawValues: fc.array(wellFormed, { minLength: 1, maxLength: 5 }) },
  set: { column: t.set(t.int()), values: fc.uniqueArray(fc.integer(), { maxLength: 5 }).map((a) => new Set(a)), rawValues: fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 5 }).map((a) => new Set(a)) },
  textMap: {
    column: t.map(t.text(), t.int()),
    values: fc.uniqueArray(fc.tuple(keyText, fc.integer()), { maxLength: 5, selector: ([k]) => k }).map((e) => new Map(e)),
    rawValues: fc.uniqueArray(fc.tuple(keyText, fc.integer()), { minLength: 1, maxLength: 5, selector: ([k]) => k }).map((e) => new Map(e)),
  },
  inetMap: {
    column: t.map(t.inet(), t.decimal()),
    values: fc.uniqueArray(fc.tuple(addressBytes.map(formatInet), fc.tuple(unscaled, scale).map(([u, s]) => formatDecimal({ unscaled: u, scale: s }))), { maxLength: 4, selector: ([k]) => k.replace(/^::ffff:(?=\d)/, '') }).map((e) => new Map(e)),
    // Cassandra itself keeps a map key (a cell name) that is an IPv4-mapped IPv6 address as the IPv4 address.
    readsAs: (v) => new Map([...(v as Map<string, string>)].map(([k, d]) => [k.replace(/^::ffff:(?=\d)/, ''), d])),
    rawValues: fc.uniqueArray(fc.tuple(addressBytes, fc.tuple(unscaled, scale)), { minLength: 1, maxLength: 4, selector: ([k]) => k.toString('hex') })
      .map((e) => new Map(e.map(([k, [u, s]]) => [new types.InetAddress(k), decimalValue(u, s)]))),
  },
  tuple: {
    column: t.tuple(t.int(), t.text(), t.date()),
    values: fc.tuple(fc.option(fc.integer(), { nil: null }), fc.option(wellFormed, { nil: null }), fc.option(days.map(formatCqlDate), { nil: null })),
    rawValues: fc.tuple(fc.option(fc.integer(), { nil: null }), fc.option(wellFormed, { nil: null }), fc.option(days.map(localDate), { nil: null })).map((e) => types.Tuple.fromArray(e)),
  },
  udt: {
    column: t.udt(Tag),
    values: fc.record({ label: fc.option(wellFormed, { nil: null }), toString: fc.option(fc.integer(), { nil: null }), when: fc.option(days.map(formatCqlDate), { nil: null }) }, { requiredKeys: [] }),
    // A non-frozen UDT is stored field by field: with every field null nothing is stored, so it reads null.
    readsAs: (v) => {
      const full = { label: null, toString: null, when: null, ...(v as object) };
      return Object.values(full).every((field) => field === null) ? null : full;
    },
    rawValues: fc.record({ label: fc.option(wellFormed, { nil: null }), toString: fc.option(fc.integer(), { nil: null }), when: fc.option(days.map(localDate), { nil: null }) }),
  },
  frozenList: {
    column: t.frozen(t.list(t.varint())),
    values: fc.array(fc.bigInt(), { maxLength: 5 }),
    rawValues: fc.array(fc.bigInt(), { minLength: 1, maxLength: 5 }),
  },
  vector: {
    column: t.vector(t.float(), 3),
    values: fc.array(float32, { minLength: 3, maxLength: 3 }),
    rawValues: fc.array(float32, { minLength: 3, maxLength: 3 }).map((v) => new types.Vector(v, 'float')),
  },
};

const columns: Record<string, AnyColumn> = { id: t.int() };
for (const [name, { column }] of Object.entries(CASES)) columns[name] = column;
const RoundTrip = defineModel({ table: 'round_trip', keyspace: KS, columns, partitionKey: 'id' });

// The driver's serializer (exported at run time, absent from its typings): stored values are
// compared as the bytes the driver makes of them.
const encoder = new (driver as unknown as { Encoder: new (version: number, options: unknown) => { encode(value: unknown, type: unknown): Buffer | null } }).Encoder(4, {
  encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true },
});

let raw: Client;
let registry: ConnectionRegistry;
let nextId = 0;
const cassia = () => query(RoundTrip, { registry });

async function rawRead(name: string, id: number): Promise<{ value: unknown; type: unknown }> {
  const result = await raw.execute(`SELECT "${name}" FROM "${KS}"."round_trip" WHERE id = ?`, [id], { prepare: true });
  return { value: result.rows[0].get(name), type: result.columns[0].type };
}

async function rawWrite(name: string, id: number, value: unknown): Promise<void> {
  await raw.execute(`INSERT INTO "${KS}"."round_trip" (id, "${name}") VALUES (?, ?)`, [id, value], { prepare: true });
}

async function cassiaRead(name: string, id: number): Promise<unknown> {
  return ((await cassia().where({ id }).get()) as Record<string, unknown>)[name];
}

beforeAll(async () => {
  raw = rawClient([cluster1]);
  await raw.connect();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await raw.execute(createTypeCql(Tag, KS));
  await raw.execute(createTableCql(RoundTrip, KS));
  registry = new ConnectionRegistry();
  await registry.registerConnection('cluster1', { contactPoints: [cluster1], default: true });
});

afterAll(async () => {
  await registry.shutdown();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.shutdown();
});

describe.each(Object.keys(CASES))('%s', (name) => {
  const { values, readsAs = (v: unknown) => v, rawValues } = CASES[name];

  it('Cassia → raw → Cassia: reads back the documented form, also after a raw copy', async () => {
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        const first = nextId++;
        const copy = nextId++;
        await cassia().create({ id: first, [name]: value } as never);
        const expected = readsAs(value);
        expect(await cassiaRead(name, first)).toEqual(expected);
        const stored = await rawRead(name, first);
        await rawWrite(name, copy, stored.value);
        expect(await cassiaRead(name, copy)).toEqual(expected);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('raw → Cassia → raw: what Cassia reads and writes back is stored byte for byte the same', async () => {
    await fc.assert(
      fc.asyncProperty(rawValues, async (value) => {
        const first = nextId++;
        const copy = nextId++;
        await rawWrite(name, first, value);
        const read = await cassiaRead(name, first);
        await cassia().create({ id: copy, [name]: read } as never);
        const original = await rawRead(name, first);
        const written = await rawRead(name, copy);
        expect(encoder.encode(written.value, written.type)).toEqual(encoder.encode(original.value, original.type));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
