// Type-level helpers of vector search and select expressions: which columns orderByAnn, the
// similarity functions, writetime/ttl and the aggregates accept, and the row types they make.
import type {
  AnyModel, CollectionColumnsOf, ColumnValue, ColumnsOf, ColumnsRecordOf, CounterColumnsOf, InferRow, ListColumnsOf, MapColumnsOf,
  PrimaryKeyOf, RegularColumnsOf, SetColumnsOf,
} from '@cassia/schema';
import type { SimilarityFunction } from './statement-node';

/** Columns of type `vector<..., n>`: what `orderByAnn` and `selectSimilarity` take. */
export type VectorColumnsOf<M> = {
  [K in ColumnsOf<M>]: ColumnsRecordOf<M>[K] extends { readonly '~traits'?: infer T } ? (NonNullable<T> extends { readonly kind: 'vector' } ? K : never) : never;
}[ColumnsOf<M>];

/** Columns `selectWritetime` / `selectTtl` take: non-key, non-counter columns that are one cell (not a non-frozen collection). */
export type CellColumnsOf<M> = Exclude<RegularColumnsOf<M>, CounterColumnsOf<M> | ListColumnsOf<M> | SetColumnsOf<M> | MapColumnsOf<M>>;

/** Columns `sum` / `avg` take: those read as a number or a bigint (int, bigint, float, double, varint, counter, ...). */
export type NumericColumnsOf<M> = {
  [K in ColumnsOf<M>]: [ColumnValue<M, K>] extends [number | bigint] ? K : never;
}[ColumnsOf<M>];

/** Columns `min` / `max` take: any column that is not a collection. */
export type ComparableColumnsOf<M> = Exclude<ColumnsOf<M>, CollectionColumnsOf<M>>;

/** Columns `groupBy` takes: primary key columns (the run-time check holds them to a prefix of the key, in order). */
export type GroupableColumnsOf<M> = PrimaryKeyOf<M>;

/** What an alias may not be: a column of the model or a property the row already has. */
export type TakenNamesOf<M, R> = ColumnsOf<M> | Extract<keyof R, string>;

/** `A` when it is a new name for the row, else a message type no string literal fits. */
export type FreshAlias<M, R, A extends string> = A extends TakenNamesOf<M, R> ? `the alias "${A}" names a column or is already in the row` : A;

/** The row with one more property `A` of type `V`. */
export type WithAlias<R, A extends string, V> = { [K in keyof (R & { [P in A]: V })]: (R & { [P in A]: V })[K] };

/** An aggregate made by one of `AggregateFunctions`; `V` is the type of its result. */
export interface AggregateExpression<V> {
  readonly kind: 'count' | 'min' | 'max' | 'sum' | 'avg';
  /** The property name of the column aggregated; undefined for `count()` (COUNT(*)). */
  readonly column: string | undefined;
  /** Phantom: never set at run time, only carries the result type. */
  readonly '~value'?: V;
}

/** The aggregate functions `aggregate((f) => ({ ... }))` hands its callback, typed by model `M`. */
export interface AggregateFunctions<M extends AnyModel> {
  /** `COUNT(*)`: the number of rows (of each group). */
  count(): AggregateExpression<number>;
  /** `COUNT(col)`: the number of rows where the column is not null. */
  count(column: ColumnsOf<M>): AggregateExpression<number>;
  /** `MIN(col)`, typed as the column (null when no row matches). */
  min<K extends ComparableColumnsOf<M>>(column: K): AggregateExpression<ColumnValue<M, K> | null>;
  /** `MAX(col)`, typed as the column (null when no row matches). */
  max<K extends ComparableColumnsOf<M>>(column: K): AggregateExpression<ColumnValue<M, K> | null>;
  /** `SUM(col)` of a numeric column, typed as the column (Cassandra sums in the column's type). */
  sum<K extends NumericColumnsOf<M>>(column: K): AggregateExpression<ColumnValue<M, K>>;
  /** `AVG(col)` of a numeric column, typed as the column (Cassandra averages in the column's type: an int average is an int). */
  avg<K extends NumericColumnsOf<M>>(column: K): AggregateExpression<ColumnValue<M, K>>;
}

/** The aggregates of an `aggregate()` call by alias. */
export type AggregateSelection = Readonly<Record<string, AggregateExpression<unknown>>>;

/** Refuses, at the type level, an aggregate alias that names a column or a property the row already has. */
export type FreshAggregates<M, R, A> = { [P in Extract<keyof A, TakenNamesOf<M, R>>]: `the alias "${P}" names a column or is already in the row` };

/**
 * The row of `aggregate()`: the aggregates by alias, beside the columns select() named (the
 * GROUP BY columns, usually); without a select() only the aggregates are read.
 */
export type AggregateRow<M extends AnyModel, R, A> = {
  [K in keyof AggregateColumns<M, R, A>]: AggregateColumns<M, R, A>[K];
};

/** The selected columns and the aggregates of `aggregate()`, before they are flattened into one object type. */
export type AggregateColumns<M extends AnyModel, R, A> = ([R] extends [InferRow<M>] ? unknown : R) & {
  [P in keyof A]: A[P] extends AggregateExpression<infer V> ? V : never;
};

export type { SimilarityFunction };
