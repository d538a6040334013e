// A column: a zod schema that also carries its CQL type and its column options.
import type { z } from 'zod';
import type { CqlKind, CqlType } from './cql-type';
import type { FastCheck } from './fast-check';

/** Type-level facts about a column that inference and query's typed updates rely on. */
export interface ColumnTraits {
  readonly kind: CqlKind;
  readonly frozen: boolean;
  readonly static: boolean;
  readonly hasDefault: boolean;
  readonly required: boolean;
}

/** A column's default: a value, or a function called once per insert that lacks the column. */
export type ColumnDefault<TValue> = TValue | (() => TValue);

/** The options attached with `.static()`, `.withDefault()`, `.dbName()` and `.required()`. */
export interface ColumnOptions {
  /** A static column: one value per partition. */
  readonly static: boolean;
  /** Applied by `validateInsert` when the column is missing (undefined). */
  readonly default?: ColumnDefault<unknown>;
  /** The name in the database when it differs from the property name. */
  readonly dbName?: string;
  /** Never null: every write must give a value (or its default), and a null read is an UnreadableValueError. */
  readonly required?: boolean;
}

type With<T, K extends keyof ColumnTraits, V> = Omit<T, K> & { readonly [P in K]: V };

/** The Cassia part of a column, added onto its zod schema. */
export interface ColumnExtras<TValue, TTraits extends ColumnTraits> {
  /** The CQL type descriptor (kind, element types, frozen flag, ...). */
  readonly cql: CqlType;
  /** Static / default / database-name options. */
  readonly columnOptions: ColumnOptions;
  /** Phantom: never set at runtime, only carries the traits for inference. */
  readonly '~traits'?: TTraits;
  /** A copy of this column marked `static` (one value per partition). */
  static(): Column<TValue, With<TTraits, 'static', true>>;
  /**
   * A copy of this column with a default applied on insert when the value is missing.
   * Named `withDefault` because zod's own `.default()` returns a plain zod schema.
   */
  withDefault(value: ColumnDefault<TValue>): Column<TValue, With<TTraits, 'hasDefault', true>>;
  /** A copy of this column stored under another name in the database. */
  dbName(name: string): Column<TValue, TTraits>;
  /**
   * A copy of this column that is never null: create/save must give it a value (or have a
   * default), update cannot set it to null, and it reads as non-null. A row that holds null
   * anyway (written by another client) fails to read with UnreadableValueError.
   */
  required(): Column<TValue, With<TTraits, 'required', true>>;
}

/** A column: a zod schema of the JS value plus its CQL type and options. */
export type Column<TValue = unknown, TTraits extends ColumnTraits = ColumnTraits> = z.ZodType<TValue, TValue> &
  ColumnExtras<TValue, TTraits>;

/** Any column, whatever its value type and traits (method parameters are bivariant, so this holds). */
export type AnyColumn = Column<unknown, ColumnTraits>;

/** Traits of any column but a counter or a required one. */
export interface ElementTraits extends ColumnTraits {
  readonly kind: Exclude<CqlKind, 'counter'>;
  readonly required: false;
}

/**
 * Any column but a counter or a `.required()` one: what a collection, tuple, vector or user type
 * field may hold (Cassandra has counters only as top-level columns; required is a column option).
 * A counter given where one is expected fails to compile with "Type '"counter"' is not assignable to ...".
 */
export type ElementColumn = Column<unknown, ElementTraits>;

/** The JS value type of a column. */
export type ColumnValueOf<C> = C extends Column<infer V, ColumnTraits> ? V : never;

/** The traits of a column. */
export type TraitsOf<C extends AnyColumn> = NonNullable<C['~traits']>;

/** Traits of a plain column of the given kind. */
export interface BaseTraits<K extends CqlKind, F extends boolean = false> {
  readonly kind: K;
  readonly frozen: F;
  readonly static: false;
  readonly hasDefault: false;
  readonly required: false;
}

// An own property of the column's zod instance, set only by makeColumn: a refined copy
// (`.refine`, `.check`, `.min` ...) is a new zod instance and so never inherits a fast check
// that would skip its refinement.
const FAST_CHECK = Symbol('fastCheck');

/** The column's fast check, if it is a plain `t.*` column (or a static/default/dbName copy of one). */
export function fastCheckOf(column: AnyColumn): FastCheck | undefined {
  return Object.hasOwn(column, FAST_CHECK) ? (column as unknown as Record<symbol, FastCheck>)[FAST_CHECK] : undefined;
}

/** Makes a column from a zod schema: attaches the CQL type, options and the option methods. */
export function makeColumn<TValue, TTraits extends ColumnTraits>(
  schema: z.ZodType,
  cql: CqlType,
  options: ColumnOptions = { static: false },
  fastCheck?: FastCheck,
): Column<TValue, TTraits> {
  const column = schema as unknown as Column<TValue, TTraits> & Record<string, unknown>;
  // Own properties on the zod instance: zod 4 keeps its methods on the prototype, so nothing clashes.
  Object.defineProperty(column, 'cql', { value: cql, enumerable: false });
  Object.defineProperty(column, 'columnOptions', { value: Object.freeze({ ...options }), enumerable: false });
  if (fastCheck !== undefined) Object.defineProperty(column, FAST_CHECK, { value: fastCheck, enumerable: false });
  // Column options do not change which values are valid, so copies keep the fast check.
  const derive = (next: ColumnOptions) => makeColumn(schema.clone(), cql, next, fastCheck);
  // zod derives a refined schema (.refine, .check, .superRefine) through clone(def); re-attaching
  // the column parts keeps e.g. `t.text().refine((s) => s.length <= 100)` a column. A plain
  // clone() stays a bare zod copy, which is what makeColumn's callers build from.
  const zodClone = schema.clone.bind(schema) as (def?: unknown, params?: unknown) => z.ZodType;
  Object.defineProperty(column, 'clone', {
    value: (def?: unknown, params?: unknown) => (def === undefined ? zodClone() : makeColumn(zodClone(def, params), cql, options)),
    enumerable: false,
  });
  Object.defineProperty(column, 'static', { value: () => derive({ ...options, static: true }), enumerable: false });
  Object.defineProperty(column, 'withDefault', {
    value: (value: unknown) => derive({ ...options, default: value }),
    enumerable: false,
  });
  Object.defineProperty(column, 'dbName', { value: (name: string) => derive({ ...options, dbName: name }), enumerable: false });
  Object.defineProperty(column, 'required', { value: () => derive({ ...options, required: true }), enumerable: false });
  return column;
}

/** True when the value is a Cassia column (a zod schema made by `t.*`). */
export function isColumn(value: unknown): value is AnyColumn {
  return typeof value === 'object' && value !== null && 'cql' in value && 'columnOptions' in value;
}

/** Resolves a column default: calls it when it is a function, else returns it. */
export function resolveDefault(column: AnyColumn): unknown {
  const value = column.columnOptions.default;
  return typeof value === 'function' ? (value as () => unknown)() : value;
}
