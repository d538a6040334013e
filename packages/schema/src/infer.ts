// Row types inferred from a model (like Drizzle's $inferSelect / $inferInsert), and the
// column-level helper types query uses for typed selects, conditions and update operations.
import type { ColumnValueOf, TraitsOf } from './column';
import type { ColumnsShape, Model } from './model';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The columns record of a model. */
export type ColumnsRecordOf<M> = M extends Model<infer C, string, string> ? C : never;

/** The table name of a model, as a literal type when the model was defined with one. */
export type TableNameOf<M> = M extends Model<ColumnsShape, string, string, infer T> ? T : never;

/** Property names of a model's columns. */
export type ColumnsOf<M> = Extract<keyof ColumnsRecordOf<M>, string>;

/** The JS value type of column `K` of model `M`. */
export type ColumnValue<M, K extends ColumnsOf<M>> = ValueAt<M, K>;

// Like ColumnValue without the constraint, for keys TS cannot prove are columns (they are).
type ValueAt<M, K> = K extends keyof ColumnsRecordOf<M> ? ColumnValueOf<ColumnsRecordOf<M>[K]> : never;

/** Partition key property names. */
export type PartitionKeyOf<M> = M extends Model<ColumnsShape, infer P, string> ? P : never;

/** Clustering property names. */
export type ClusteringKeyOf<M> = M extends Model<ColumnsShape, string, infer C> ? C : never;

/** Primary key property names (partition and clustering). */
export type PrimaryKeyOf<M> = PartitionKeyOf<M> | ClusteringKeyOf<M>;

type ColumnsWhere<M, Pred> = {
  [K in ColumnsOf<M>]: TraitsOf<ColumnsRecordOf<M>[K]> extends Pred ? K : never;
}[ColumnsOf<M>];

/** Counter columns (updated with increment/decrement only). */
export type CounterColumnsOf<M> = ColumnsWhere<M, { kind: 'counter' }>;
/**
 * True when `M` is a counter table (defineModel allows counters only beside key columns, so one
 * counter column makes it one): only UPDATE writes it. boolean for a model whose columns are unknown.
 */
export type IsCounterTable<M> = string extends ColumnsOf<M> ? boolean : [CounterColumnsOf<M>] extends [never] ? false : true;
/** Non-frozen list columns (append, prepend, remove, set by index). */
export type ListColumnsOf<M> = ColumnsWhere<M, { kind: 'list'; frozen: false }>;
/** Non-frozen set columns (add, remove). */
export type SetColumnsOf<M> = ColumnsWhere<M, { kind: 'set'; frozen: false }>;
/** Non-frozen map columns (set entries, remove keys). */
export type MapColumnsOf<M> = ColumnsWhere<M, { kind: 'map'; frozen: false }>;
/** Every list, set or map column, frozen or not (never null when read). */
export type CollectionColumnsOf<M> = ColumnsWhere<M, { kind: 'list' | 'set' | 'map' }>;
/** Static columns. */
export type StaticColumnsOf<M> = ColumnsWhere<M, { static: true }>;
/** Columns with a default applied on insert. */
export type DefaultedColumnsOf<M> = ColumnsWhere<M, { hasDefault: true }>;
/** Columns made `.required()`: never null when written or read. */
export type RequiredColumnsOf<M> = ColumnsWhere<M, { required: true }>;
/** Non-key columns. */
export type RegularColumnsOf<M> = Exclude<ColumnsOf<M>, PrimaryKeyOf<M>>;

/** Element type of a list or set column (or of a vector). */
export type ElementOf<V> = V extends readonly (infer E)[] ? E : V extends ReadonlySet<infer E> ? E : never;
/** Key type of a map column value. */
export type MapKeyOf<V> = V extends ReadonlyMap<infer K, unknown> ? K : never;
/** Value type of a map column value. */
export type MapValueOf<V> = V extends ReadonlyMap<unknown, infer W> ? W : never;

/**
 * A full row as read: key, collection (read empty when absent) and required columns never null,
 * other columns `T | null`.
 */
export type InferRow<M> = Simplify<
  { [K in PrimaryKeyOf<M> | CollectionColumnsOf<M> | RequiredColumnsOf<M>]: ValueAt<M, K> } & {
    [K in Exclude<ColumnsOf<M>, PrimaryKeyOf<M> | CollectionColumnsOf<M> | RequiredColumnsOf<M>>]: ValueAt<M, K> | null;
  }
>;

/**
 * For an optional column named like an Object.prototype member (`toString`, `valueOf`, ...), that
 * member's type, else never. TS gives every object literal those members, so a literal that leaves
 * such a column out type-checks only if the member's type is allowed too; validation reads own
 * properties only, so at run time the inherited member is absent (and a function given is refused).
 */
export type InheritedMemberOf<K> = K extends keyof Object ? Object[K] : never;
type Inherited<K> = InheritedMemberOf<K>;

/**
 * What an insert takes: primary key and required columns (without a default) present, other
 * columns optional (null deletes, except for required ones); counters are left out because
 * Cassandra only changes them by UPDATE.
 */
export type InferInsert<M> = Simplify<
  // Required columns with a default may be left out (create fills them in), never null.
  { [K in PrimaryKeyOf<M> | Exclude<RequiredColumnsOf<M>, DefaultedColumnsOf<M>>]: ValueAt<M, K> } & {
    [K in Exclude<RequiredColumnsOf<M> & DefaultedColumnsOf<M>, PrimaryKeyOf<M>>]?: ValueAt<M, K> | Inherited<K>;
  } & {
    [K in Exclude<ColumnsOf<M>, PrimaryKeyOf<M> | CounterColumnsOf<M> | RequiredColumnsOf<M>>]?: ValueAt<M, K> | null | Inherited<K>;
  }
>;

/**
 * What `save()` takes: a whole row. Every column but the counters is required (null where the
 * column may be null), because save writes every column and one left out would become null.
 */
export type InferSave<M> = Simplify<
  { [K in PrimaryKeyOf<M> | RequiredColumnsOf<M>]: ValueAt<M, K> } & {
    [K in Exclude<ColumnsOf<M>, PrimaryKeyOf<M> | CounterColumnsOf<M> | RequiredColumnsOf<M>>]: ValueAt<M, K> | null;
  }
>;

/** The primary key columns of a row: enough to address exactly one row. */
export type InferKey<M> = Simplify<{ [K in PrimaryKeyOf<M>]: ValueAt<M, K> }>;

/** Any subset of a row's columns (updates, conditions, partial values). */
export type InferPartial<M> = Simplify<
  { [K in PrimaryKeyOf<M> | RequiredColumnsOf<M>]?: ValueAt<M, K> | Inherited<K> } & {
    [K in Exclude<ColumnsOf<M>, PrimaryKeyOf<M> | RequiredColumnsOf<M>>]?: ValueAt<M, K> | null | Inherited<K>;
  }
>;
