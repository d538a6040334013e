// `t`: the column type constructors, one per CQL type, each a zod schema with its CQL type.
import { z } from 'zod';
import { fastCheckOf, makeColumn, type AnyColumn, type BaseTraits, type Column, type ColumnValueOf, type ElementColumn } from './column';
import { freezeType, isCollection, type NativeTypeName } from './cql-type';
import type { Duration } from './duration';
import { SchemaDefinitionError } from '@cassia/core';
import { isIntegerInRange } from '@cassia/core/internal';
import { NATIVE_TYPES } from './native-types';
import type { TimeUuid, Uuid } from './uuid-values';
import { udtSchema, type FieldsShape, type UdtValue, type UserType } from './user-type';

// A native column: its schema and fast check come from its entry in the native type table.
function native<TValue, N extends NativeTypeName>(name: N) {
  const entry = NATIVE_TYPES[name];
  return makeColumn<TValue, BaseTraits<N extends 'counter' | 'duration' ? N : 'native'>>(
    entry.schema(),
    Object.freeze({ kind: 'native', name }),
    undefined,
    entry.fastCheck,
  );
}

/** A uuid or timeuuid column that can ask for its branded string type instead of any string. */
export type BrandableColumn<TBrand extends string> = Column<string, BaseTraits<'native'>> & {
  /**
   * This column typed by its brand (`Uuid` / `TimeUuid`): writes, conditions and reads use the
   * brand instead of `string`. The values accepted at run time are the same; call it before
   * `.static()`, `.withDefault()`, `.dbName()` or `.required()`.
   */
  branded(): Column<TBrand, BaseTraits<'native'>>;
};

// The brand is a type only: the branded column is the same column.
function brandable<TBrand extends string>(column: Column<string, BaseTraits<'native'>>): BrandableColumn<TBrand> {
  Object.defineProperty(column, 'branded', { value: () => column, enumerable: false });
  return column as BrandableColumn<TBrand>;
}

/** A tuple's elements: Cassandra stores any of them as null. */
type TupleValues<T extends readonly AnyColumn[]> = { -readonly [I in keyof T]: ColumnValueOf<T[I]> | null };

/** Column type constructors; see the package README for the JS value of each CQL type. */
export const t = {
  /** `ascii`: a string of US-ASCII characters. */
  ascii: () => native<string, 'ascii'>('ascii'),
  /** `text`: a UTF-8 string (well formed: no lone UTF-16 surrogates). */
  text: () => native<string, 'text'>('text'),
  /** `varchar`: an alias of text. */
  varchar: () => native<string, 'varchar'>('varchar'),
  /** `int`: a 32-bit signed integer as a number. */
  int: () => native<number, 'int'>('int'),
  /** `bigint`: a 64-bit signed integer as a bigint. */
  bigint: () => native<bigint, 'bigint'>('bigint'),
  /** `smallint`: a 16-bit signed integer as a number. */
  smallint: () => native<number, 'smallint'>('smallint'),
  /** `tinyint`: an 8-bit signed integer as a number. */
  tinyint: () => native<number, 'tinyint'>('tinyint'),
  /** `varint`: an arbitrary-precision integer as a bigint. */
  varint: () => native<bigint, 'varint'>('varint'),
  /** `float`: a 32-bit IEEE float as a number within float32's range (read back rounded to 32 bits). */
  float: () => native<number, 'float'>('float'),
  /** `double`: a 64-bit IEEE float as a number. */
  double: () => native<number, 'double'>('double'),
  /** `decimal`: an exact decimal as a string such as `'-12.3400'` or `'1E+3'` (scale is kept). */
  decimal: () => native<string, 'decimal'>('decimal'),
  /** `boolean`. */
  boolean: () => native<boolean, 'boolean'>('boolean'),
  /** `uuid`: a UUID string (read back in lowercase); `.branded()` types it as `Uuid`. */
  uuid: () => brandable<Uuid>(native<string, 'uuid'>('uuid')),
  /** `timeuuid`: a version 1 UUID string (read back in lowercase); `.branded()` types it as `TimeUuid`. */
  timeuuid: () => brandable<TimeUuid>(native<string, 'timeuuid'>('timeuuid')),
  /** `timestamp`: a Date (millisecond precision). */
  timestamp: () => native<Date, 'timestamp'>('timestamp'),
  /** `date`: a `'YYYY-MM-DD'` string; years beyond 0000–9999 signed, as ISO 8601 expanded years (`'+010000-01-01'`, `'-000001-12-31'`). */
  date: () => native<string, 'date'>('date'),
  /** `time`: an `'hh:mm:ss[.fffffffff]'` string (read back without trailing zeros in the fraction). */
  time: () => native<string, 'time'>('time'),
  /** `duration`: `{ months, days, nanoseconds }` (numbers, numbers, bigint). */
  duration: () => native<Duration, 'duration'>('duration'),
  /** `blob`: a Buffer. */
  blob: () => native<Buffer, 'blob'>('blob'),
  /** `inet`: an IPv4 or IPv6 address string (read back in RFC 5952 form). */
  inet: () => native<string, 'inet'>('inet'),
  /** `counter`: a 64-bit counter as a bigint; only changed by increments. */
  counter: () => native<bigint, 'counter'>('counter'),

  /** `list<x>`: an array. Nested collections and UDTs are frozen automatically. */
  list: <E extends ElementColumn>(element: E) =>
    makeColumn<ColumnValueOf<E>[], BaseTraits<'list'>>(
      z.array(element),
      Object.freeze({ kind: 'list', element: freezeType(element.cql), frozen: false }),
    ),
  /** `set<x>`: a Set. Nested collections and UDTs are frozen automatically. */
  set: <E extends ElementColumn>(element: E) =>
    makeColumn<Set<ColumnValueOf<E>>, BaseTraits<'set'>>(
      z.set(element),
      Object.freeze({ kind: 'set', element: freezeType(element.cql), frozen: false }),
    ),
  /** `map<k, v>`: a Map. Nested collections and UDTs are frozen automatically. */
  map: <K extends ElementColumn, V extends ElementColumn>(key: K, value: V) =>
    makeColumn<Map<ColumnValueOf<K>, ColumnValueOf<V>>, BaseTraits<'map'>>(
      z.map(key, value),
      Object.freeze({ kind: 'map', key: freezeType(key.cql), value: freezeType(value.cql), frozen: false }),
    ),
  /** `tuple<a, b, ...>`: an array tuple `[a, b, ...]`, any element null (always frozen in Cassandra). */
  tuple: <const T extends readonly [ElementColumn, ...ElementColumn[]]>(...elements: T) =>
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
  vector: <E extends ElementColumn>(element: E, dimension: number) => {
    if (!isIntegerInRange(dimension, 1)) {
      throw new SchemaDefinitionError(`t.vector: the dimension must be a positive integer, got ${dimension}`);
    }
    if (isCollection(element.cql)) throw new SchemaDefinitionError('t.vector: elements cannot be collections');
    // A plain element's fast check makes the vector's: an array of `dimension` values that each pass it.
    const elementCheck = fastCheckOf(element);
    return makeColumn<ColumnValueOf<E>[], BaseTraits<'vector'>>(
      z.array(element).length(dimension),
      Object.freeze({ kind: 'vector', element: element.cql, dimension }),
      undefined,
      elementCheck === undefined ? undefined : Object.freeze({ kind: 'vector', element: elementCheck, dimension }),
    );
  },
} as const;

type TraitsKind<C extends AnyColumn> = NonNullable<C['~traits']>['kind'];
