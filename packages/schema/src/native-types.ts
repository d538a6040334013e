// Every fact Cassia keeps about a native CQL type, in one exhaustive table: its zod schema, its
// fast check, how a value is encoded for and decoded from the driver, how a map key read as text
// is parsed, and its serialized size. Adding a native type is adding its entry here (the compiler
// refuses a NativeTypeName without one). A missing encode means the driver binds the JS value
// itself; a missing decode means the driver's value is the JS value.
import { types } from 'cassandra-driver';
import { z } from 'zod';
import { parseCqlDate } from './cql-date';
import type { NativeTypeName } from './cql-type';
import { isDecimalText, parseDecimal, SHORT_DECIMAL_TEXT } from './decimal-text';
import type { Duration } from './duration';
import type { FastCheck } from './fast-check';
import { parseInet } from './inet-address';
import {
  decodeDate, decodeDecimal, decodeDuration, decodeInet, decodeTime, decodeTimestamp, encodeDate, encodeDecimal, encodeDuration,
  encodeInet, toBigInt, toNumber,
} from './native-values';
import { ownProperties } from './own-properties';
import { signedVintSize, varintSize } from './protocol-sizes';
import { isWellFormed, NOT_WELL_FORMED } from './well-formed';

/** What Cassia knows of one native CQL type. */
export interface NativeTypeEntry {
  /** A new zod schema of the JS value (every column gets its own instance). */
  readonly schema: () => z.ZodType;
  /** A check that accepts exactly what `schema` accepts unchanged (fast-check.ts); absent: zod decides every value. */
  readonly fastCheck?: FastCheck;
  /** A valid, non-null JS value → the value the driver binds; absent: the driver binds the JS value itself. */
  readonly encode?: (value: unknown) => unknown;
  /** A non-null driver value → the JS value; absent: the driver's value is the JS value. */
  readonly decode?: (value: unknown) => unknown;
  /** A map key as the text a client without `encoding.map` returns → the key's driver value; absent: the text is the key. */
  readonly parseMapKey?: (text: string) => unknown;
  /** Serialized bytes: fixed, or a function of a valid, non-null JS value. */
  readonly size: number | ((value: unknown) => number);
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT16 = { min: -(2 ** 15), max: 2 ** 15 - 1 };
const INT8 = { min: -(2 ** 7), max: 2 ** 7 - 1 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A time-based (version 1) UUID with the RFC 4122 variant, as Cassandra requires for timeuuid.
const TIMEUUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ASCII = /^[\x00-\x7f]*$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?$/;

// Fast checks, each accepting exactly what the schema of its entries accepts unchanged;
// fast-checks.test.ts holds each one against its schema.
const isString: FastCheck = Object.freeze({ kind: 'string' });
const isFiniteNumber: FastCheck = Object.freeze({ kind: 'finite' });
const isFloat32: FastCheck = Object.freeze({ kind: 'float32' });
const isBoolean: FastCheck = Object.freeze({ kind: 'boolean' });
const isIntIn = (range: { min: number; max: number }): FastCheck => Object.freeze({ kind: 'integer', min: range.min, max: range.max });
const isBigintIn = (range?: { min: bigint; max: bigint }): FastCheck => Object.freeze({ kind: 'bigint', min: range?.min, max: range?.max });
const isStringMatching = (pattern: RegExp): FastCheck => Object.freeze({ kind: 'pattern', pattern });
const isValidDate: FastCheck = Object.freeze({ kind: 'date' });
const isBuffer: FastCheck = Object.freeze({ kind: 'buffer' });

// Own properties only (own-properties.ts), like every object Cassia reads.
const durationSchema = z.preprocess(ownProperties, z
  .object({
    months: z.number().int().min(INT32.min).max(INT32.max),
    days: z.number().int().min(INT32.min).max(INT32.max),
    nanoseconds: z.bigint().min(INT64.min).max(INT64.max),
  })
  .strict()
  .refine(
    (d) => (d.months >= 0 && d.days >= 0 && d.nanoseconds >= 0n) || (d.months <= 0 && d.days <= 0 && d.nanoseconds <= 0n),
    { message: 'A duration has months, days and nanoseconds all of the same sign' },
  ));

// Text columns refuse strings with lone surrogates (see well-formed.ts).
const wellFormedText = () => z.string().refine(isWellFormed, NOT_WELL_FORMED);
const utf8Size = (value: unknown) => Buffer.byteLength(value as string, 'utf8');

const intIn = (range: { min: number; max: number }) => () => z.number().int().min(range.min).max(range.max);
const int64 = () => z.bigint().min(INT64.min).max(INT64.max);
const parseNumberKey = (text: string) => Number(text);
const parseBigintKey = (text: string) => BigInt(text);
const uuidText = (value: unknown) => String(value);

/** The native CQL types, by name. */
export const NATIVE_TYPES: Readonly<Record<NativeTypeName, NativeTypeEntry>> = Object.freeze({
  ascii: { schema: () => z.string().regex(ASCII, 'Expected US-ASCII characters only'), fastCheck: isStringMatching(ASCII), size: (value: unknown) => (value as string).length },
  text: { schema: wellFormedText, fastCheck: isString, size: utf8Size },
  varchar: { schema: wellFormedText, fastCheck: isString, size: utf8Size },
  int: { schema: intIn(INT32), fastCheck: isIntIn(INT32), decode: toNumber, parseMapKey: parseNumberKey, size: 4 },
  // Clients take and give bigint with useBigIntAsLong/useBigIntAsVarint; decode also takes Long and Integer.
  bigint: { schema: int64, fastCheck: isBigintIn(INT64), decode: toBigInt, parseMapKey: parseBigintKey, size: 8 },
  smallint: { schema: intIn(INT16), fastCheck: isIntIn(INT16), decode: toNumber, parseMapKey: parseNumberKey, size: 2 },
  tinyint: { schema: intIn(INT8), fastCheck: isIntIn(INT8), decode: toNumber, parseMapKey: parseNumberKey, size: 1 },
  varint: { schema: () => z.bigint(), fastCheck: isBigintIn(), decode: toBigInt, parseMapKey: parseBigintKey, size: (value: unknown) => varintSize(value as bigint) },
  // Finite and within float32's range once rounded to 32 bits, so it is not stored as ±Infinity.
  float: {
    schema: () => z.number().refine((n) => Number.isFinite(Math.fround(n)), 'Expected a number within float\'s 32-bit range (about ±3.4e38)'),
    fastCheck: isFloat32, decode: toNumber, parseMapKey: parseNumberKey, size: 4,
  },
  double: { schema: () => z.number(), fastCheck: isFiniteNumber, decode: toNumber, parseMapKey: parseNumberKey, size: 8 },
  decimal: {
    schema: () => z.string().refine(isDecimalText, 'Expected a decimal number string such as "12.34" or "1E+3" (scale within 32 bits)'),
    fastCheck: isStringMatching(SHORT_DECIMAL_TEXT), encode: encodeDecimal, decode: decodeDecimal,
    size: (value: unknown) => 4 + varintSize(parseDecimal(value as string).unscaled),
  },
  boolean: { schema: () => z.boolean(), fastCheck: isBoolean, parseMapKey: (text: string) => text === 'true', size: 1 },
  uuid: {
    schema: () => z.string().regex(UUID, 'Expected a UUID string'), fastCheck: isStringMatching(UUID),
    encode: (value: unknown) => types.Uuid.fromString(value as string), decode: uuidText, size: 16,
  },
  timeuuid: {
    schema: () => z.string().regex(TIMEUUID, 'Expected a version 1 (time-based) UUID string; a random (version 4) UUID is not one: make a timeuuid with timeuuid() from @cassia/schema'), fastCheck: isStringMatching(TIMEUUID),
    encode: (value: unknown) => types.TimeUuid.fromString(value as string), decode: uuidText, size: 16,
  },
  timestamp: { schema: () => z.date(), fastCheck: isValidDate, decode: decodeTimestamp, parseMapKey: (text: string) => new Date(text), size: 8 },
  date: {
    schema: () => z.string().refine((s) => parseCqlDate(s) !== undefined, 'Expected a date "YYYY-MM-DD" within Cassandra\'s range'),
    encode: encodeDate, decode: decodeDate, size: 4,
  },
  time: {
    schema: () => z.string().regex(TIME, 'Expected a time "hh:mm:ss[.fffffffff]"'), fastCheck: isStringMatching(TIME),
    encode: (value: unknown) => types.LocalTime.fromString(value as string), decode: decodeTime, size: 8,
  },
  duration: {
    schema: () => durationSchema.clone(), encode: encodeDuration, decode: decodeDuration,
    size: (value: unknown) => {
      const { months, days, nanoseconds } = value as Duration;
      return signedVintSize(BigInt(months)) + signedVintSize(BigInt(days)) + signedVintSize(nanoseconds);
    },
  },
  blob: { schema: () => z.instanceof(Buffer), fastCheck: isBuffer, size: (value: unknown) => (value as Buffer).length },
  inet: {
    schema: () => z.string().refine((s) => parseInet(s) !== undefined, 'Expected an IPv4 or IPv6 address'),
    encode: encodeInet, decode: decodeInet, size: (value: unknown) => ((value as string).includes(':') ? 16 : 4),
  },
  counter: { schema: int64, fastCheck: isBigintIn(INT64), decode: toBigInt, size: 8 },
});
