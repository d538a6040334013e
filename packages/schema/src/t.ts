// `t`: the column type constructors, one per CQL type, each a zod schema with its CQL type.
import { z } from 'zod';
import { makeColumn, type AnyColumn, type BaseTraits, type Column, type ColumnValueOf } from './column';
import type { FastCheck } from './fast-check';
import { freezeType, isCollection, type NativeTypeName } from './cql-type';
import type { Duration } from './duration';
import { SchemaDefinitionError } from '@cassia/core';
import { isIntegerInRange } from '@cassia/core/internal';
import { udtSchema, type FieldsShape, type UdtValue, type UserType } from './user-type';
import { parseCqlDate } from './cql-date';
import { isDecimalText, SHORT_DECIMAL_TEXT } from './decimal-text';
import { parseInet } from './inet-address';
import { ownProperties } from './own-properties';
import { isWellFormed, NOT_WELL_FORMED } from './well-formed';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT16 = { min: -(2 ** 15), max: 2 ** 15 - 1 };
const INT8 = { min: -(2 ** 7), max: 2 ** 7 - 1 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A time-based (version 1) UUID with the RFC 4122 variant, as Cassandra requires for timeuuid.
const TIMEUUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ASCII = /^[\x00-\x7f]*$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?$/;

function native<TValue, N extends NativeTypeName>(name: N, schema: z.ZodType, fastCheck?: FastCheck) {
  return makeColumn<TValue, BaseTraits<N extends 'counter' ? 'counter' : 'native'>>(
    schema,
    Object.freeze({ kind: 'native', name }),
    undefined,
    fastCheck,
  );
}

// Shortcuts past zod (fast-check.ts), each accepting exactly what the zod schema beside it
// accepts unchanged; fast-checks.test.ts holds each one against its schema.
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

// Finite and within float32's range once rounded to 32 bits, so it is not stored as ±Infinity.
const float32 = () => z.number().refine((n) => Number.isFinite(Math.fround(n)), 'Expected a number within float\'s 32-bit range (about ±3.4e38)');

/** A tuple's elements: Cassandra stores any of them as null. */
type TupleValues<T extends readonly AnyColumn[]> = { -readonly [I in keyof T]: ColumnValueOf<T[I]> | null };

/** Column type constructors; see the package README for the JS value of each CQL type. */
export const t = {
  /** `ascii`: a string of US-ASCII characters. */
  ascii: () => native<string, 'ascii'>('ascii', z.string().regex(ASCII, 'Expected US-ASCII characters only'), isStringMatching(ASCII)),
  /** `text`: a UTF-8 string (well formed: no lone UTF-16 surrogates). */
  text: () => native<string, 'text'>('text', wellFormedText(), isString),
  /** `varchar`: an alias of text. */
  varchar: () => native<string, 'varchar'>('varchar', wellFormedText(), isString),
  /** `int`: a 32-bit signed integer as a number. */
  int: () => native<number, 'int'>('int', z.number().int().min(INT32.min).max(INT32.max), isIntIn(INT32)),
  /** `bigint`: a 64-bit signed integer as a bigint. */
  bigint: () => native<bigint, 'bigint'>('bigint', z.bigint().min(INT64.min).max(INT64.max), isBigintIn(INT64)),
  /** `smallint`: a 16-bit signed integer as a number. */
  smallint: () => native<number, 'smallint'>('smallint', z.number().int().min(INT16.min).max(INT16.max), isIntIn(INT16)),
  /** `tinyint`: an 8-bit signed integer as a number. */
  tinyint: () => native<number, 'tinyint'>('tinyint', z.number().int().min(INT8.min).max(INT8.max), isIntIn(INT8)),
  /** `varint`: an arbitrary-precision integer as a bigint. */
  varint: () => native<bigint, 'varint'>('varint', z.bigint(), isBigintIn()),
  /** `float`: a 32-bit IEEE float as a number within float32's range (read back rounded to 32 bits). */
  float: () => native<number, 'float'>('float', float32(), isFloat32),
  /** `double`: a 64-bit IEEE float as a number. */
  double: () => native<number, 'double'>('double', z.number(), isFiniteNumber),
  /** `decimal`: an exact decimal as a string such as `'-12.3400'` or `'1E+3'` (scale is kept). */
  decimal: () => native<string, 'decimal'>('decimal', z.string().refine(isDecimalText, 'Expected a decimal number string such as "12.34" or "1E+3" (scale within 32 bits)'), isStringMatching(SHORT_DECIMAL_TEXT)),
  /** `boolean`. */
  boolean: () => native<boolean, 'boolean'>('boolean', z.boolean(), isBoolean),
  /** `uuid`: a UUID string (read back in lowercase). */
  uuid: () => native<string, 'uuid'>('uuid', z.string().regex(UUID, 'Expected a UUID string'), isStringMatching(UUID)),
  /** `timeuuid`: a version 1 UUID string (read back in lowercase). */
  timeuuid: () => native<string, 'timeuuid'>('timeuuid', z.string().regex(TIMEUUID, 'Expected a version 1 (time-based) UUID string'), isStringMatching(TIMEUUID)),
  /** `timestamp`: a Date (millisecond precision). */
  timestamp: () => native<Date, 'timestamp'>('timestamp', z.date(), isValidDate),
  /** `date`: a `'YYYY-MM-DD'` string; years beyond 0000–9999 signed, as ISO 8601 expanded years (`'+010000-01-01'`, `'-000001-12-31'`). */
  date: () => native<string, 'date'>('date', z.string().refine((s) => parseCqlDate(s) !== undefined, 'Expected a date "YYYY-MM-DD" within Cassandra\'s range')),
  /** `time`: an `'hh:mm:ss[.fffffffff]'` string (read back without trailing zeros in the fraction). */
  time: () => native<string, 'time'>('time', z.string().regex(TIME, 'Expected a time "hh:mm:ss[.fffffffff]"'), isStringMatching(TIME)),
  /** `duration`: `{ months, days, nanoseconds }` (numbers, numbers, bigint). */
  duration: () => native<Duration, 'duration'>('duration', durationSchema.clone()),
  /** `blob`: a Buffer. */
  blob: () => native<Buffer, 'blob'>('blob', z.instanceof(Buffer), isBuffer),
  /** `inet`: an IPv4 or IPv6 address string (read back in RFC 5952 form). */
  inet: () => native<string, 'inet'>('inet', z.string().refine((s) => parseInet(s) !== undefined, 'Expected an IPv4 or IPv6 address')),
  /** `counter`: a 64-bit counter as a bigint; only changed by increments. */
  counter: () => native<bigint, 'counter'>('counter', z.bigint().min(INT64.min).max(INT64.max), isBigintIn(INT64)),

  /** `list<x>`: an array. Nested collections and UDTs are frozen automatically. */
  list: <E extends AnyColumn>(element: E) =>
    makeColumn<ColumnValueOf<E>[], BaseTraits<'list'>>(
      z.array(element),
      Object.freeze({ kind: 'list', element: freezeType(element.cql), frozen: false }),
    ),
  /** `set<x>`: a Set. Nested collections and UDTs are frozen automatically. */
  set: <E extends AnyColumn>(element: E) =>
    makeColumn<Set<ColumnValueOf<E>>, BaseTraits<'set'>>(
      z.set(element),
      Object.freeze({ kind: 'set', element: freezeType(element.cql), frozen: false }),
    ),
  /** `map<k, v>`: a Map. Nested collections and UDTs are frozen automatically. */
  map: <K extends AnyColumn, V extends AnyColumn>(key: K, value: V) =>
    makeColumn<Map<ColumnValueOf<K>, ColumnValueOf<V>>, BaseTraits<'map'>>(
      z.map(key, value),
      Object.freeze({ kind: 'map', key: freezeType(key.cql), value: freezeType(value.cql), frozen: false }),
    ),
  /** `tuple<a, b, ...>`: an array tuple `[a, b, ...]`, any element null (always frozen in Cassandra). */
  tuple: <const T extends readonly [AnyColumn, ...AnyColumn[]]>(...elements: T) =>
    makeColumn<TupleValues<T>, BaseTraits<'tuple', true>>(
      z.tuple(elements.map((element) => element.nullable()) as unknown as [z.ZodType, ...z.ZodType[]]),
      Object.freeze({ kind: 'tuple', elements: Object.freeze(elements.map((e) => freezeType(e.cql))) }),
    ),
  /** `frozen<x>`: the collection or UDT stored as one value (needed in primary keys). */
  frozen: <C extends AnyColumn>(inner: C) =>
    makeColumn<ColumnValueOf<C>, BaseTraits<TraitsKind<C>, true>>(inner.clone(), freezeType(inner.cql)),
  /** A user-defined type made by `defineType`: a plain object of its fields. */
  udt: <F extends FieldsShape>(type: UserType<F>) =>
    makeColumn<UdtValue<F>, BaseTraits<'udt'>>(udtSchema(type), Object.freeze({ kind: 'udt', type, frozen: false })),
  /** `vector<x, n>` (Cassandra 5): an array of exactly n elements, usually `t.float()`. */
  vector: <E extends AnyColumn>(element: E, dimension: number) => {
    if (!isIntegerInRange(dimension, 1)) {
      throw new SchemaDefinitionError(`t.vector: the dimension must be a positive integer, got ${dimension}`);
    }
    if (isCollection(element.cql)) throw new SchemaDefinitionError('t.vector: elements cannot be collections');
    return makeColumn<ColumnValueOf<E>[], BaseTraits<'vector'>>(
      z.array(element).length(dimension),
      Object.freeze({ kind: 'vector', element: element.cql, dimension }),
    );
  },
} as const;

type TraitsKind<C extends AnyColumn> = NonNullable<C['~traits']>['kind'];
