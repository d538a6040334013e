// Typed update operations for collection and counter columns: small frozen values that
// `update()` recognizes and compiles to `col = col + ?`, `col = ? + col`, `col[?] = ?`, ...
import { QueryBuildError } from '@cassia/core';
import { isIntegerInRange } from '@cassia/core/internal';

// A unique brand, so a user's plain object with an `op` key is never mistaken for an operation.
const OPERATION = Symbol.for('cassia.query.update-operation');

interface Branded<Op extends string> {
  readonly [OPERATION]: true;
  readonly op: Op;
}

/** Appends elements to a list column (`col = col + ?`). */
export interface AppendOperation<E> extends Branded<'append'> {
  readonly values: readonly E[];
}
/** Prepends elements to a list column (`col = ? + col`). */
export interface PrependOperation<E> extends Branded<'prepend'> {
  readonly values: readonly E[];
}
/** Removes every occurrence of the elements from a list, or the elements from a set (`col = col - ?`). */
export interface RemoveOperation<E> extends Branded<'remove'> {
  readonly values: readonly E[];
}
/** Replaces the list element at an index (`col[?] = ?`); the index must exist. */
export interface SetAtOperation<E> extends Branded<'setAt'> {
  readonly index: number;
  readonly value: E;
}
/** Adds elements to a set column (`col = col + ?`). */
export interface AddOperation<E> extends Branded<'add'> {
  readonly values: readonly E[];
}
/** Sets entries of a map column, keeping the others (`col = col + ?`). */
export interface PutOperation<K, V> extends Branded<'put'> {
  readonly entries: ReadonlyMap<K, V>;
}
/** Removes keys from a map column (`col = col - ?`). */
export interface RemoveKeysOperation<K> extends Branded<'removeKeys'> {
  readonly keys: readonly K[];
}
/** Adds to a counter column (`col = col + ?`). */
export interface IncrementOperation extends Branded<'increment'> {
  readonly by: bigint;
}
/** Subtracts from a counter column (`col = col - ?`). */
export interface DecrementOperation extends Branded<'decrement'> {
  readonly by: bigint;
}

/** Operations allowed on a non-frozen list column of elements `E`. */
export type ListOperation<E> = AppendOperation<E> | PrependOperation<E> | RemoveOperation<E> | SetAtOperation<E>;
/** Operations allowed on a non-frozen set column of elements `E`. */
export type SetOperation<E> = AddOperation<E> | RemoveOperation<E>;
/** Operations allowed on a non-frozen map column. */
export type MapOperation<K, V> = PutOperation<K, V> | RemoveKeysOperation<K>;
/** Operations allowed on a counter column. */
export type CounterOperation = IncrementOperation | DecrementOperation;
/** Any update operation. */
export type UpdateOperation =
  | ListOperation<unknown>
  | SetOperation<unknown>
  | MapOperation<unknown, unknown>
  | CounterOperation;

function make<T extends Branded<string>>(fields: Omit<T, typeof OPERATION>): T {
  return Object.freeze({ [OPERATION]: true, ...fields }) as unknown as T;
}

/** List: append `values` at the end. */
export function append<E>(...values: E[]): AppendOperation<E> {
  return make<AppendOperation<E>>({ op: 'append', values: Object.freeze([...values]) });
}

/** List: insert `values` at the front (in the given order). */
export function prepend<E>(...values: E[]): PrependOperation<E> {
  return make<PrependOperation<E>>({ op: 'prepend', values: Object.freeze([...values]) });
}

/** List or set: remove `values` (every occurrence in a list). */
export function remove<E>(...values: E[]): RemoveOperation<E> {
  return make<RemoveOperation<E>>({ op: 'remove', values: Object.freeze([...values]) });
}

/** List: replace the element at `index` (0-based; Cassandra rejects an index past the end). */
export function setAt<E>(index: number, value: E): SetAtOperation<E> {
  if (!isIntegerInRange(index, 0)) {
    throw new QueryBuildError(`setAt needs a non-negative integer index, got ${String(index)}.`);
  }
  return make<SetAtOperation<E>>({ op: 'setAt', index, value });
}

/** Set: add `values`. */
export function add<E>(...values: E[]): AddOperation<E> {
  return make<AddOperation<E>>({ op: 'add', values: Object.freeze([...values]) });
}

/** Map: set the given entries (a Map or a plain object for string keys), keeping the other entries. */
export function put<K, V>(entries: ReadonlyMap<K, V>): PutOperation<K, V>;
export function put<V>(entries: Readonly<Record<string, V>>): PutOperation<string, V>;
export function put(entries: ReadonlyMap<unknown, unknown> | Readonly<Record<string, unknown>>): PutOperation<unknown, unknown> {
  const map = entries instanceof Map ? new Map(entries) : new Map(Object.entries(entries));
  return make<PutOperation<unknown, unknown>>({ op: 'put', entries: map });
}

/** Map: remove the entries with these keys. */
export function removeKeys<K>(...keys: K[]): RemoveKeysOperation<K> {
  return make<RemoveKeysOperation<K>>({ op: 'removeKeys', keys: Object.freeze([...keys]) });
}

/** Counter: add `by` (default 1). */
export function increment(by: bigint | number = 1): IncrementOperation {
  return make<IncrementOperation>({ op: 'increment', by: toDelta(by, 'increment') });
}

/** Counter: subtract `by` (default 1). */
export function decrement(by: bigint | number = 1): DecrementOperation {
  return make<DecrementOperation>({ op: 'decrement', by: toDelta(by, 'decrement') });
}

/** True when `value` was made by one of the operation helpers. */
export function isUpdateOperation(value: unknown): value is UpdateOperation {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[OPERATION] === true;
}

function toDelta(by: bigint | number, what: string): bigint {
  if (typeof by === 'bigint') return by;
  if (!Number.isSafeInteger(by)) throw new QueryBuildError(`${what} needs an integer (or bigint), got ${String(by)}.`);
  return BigInt(by);
}
