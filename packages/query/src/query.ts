// Query: the public surface of the immutable builder of one model's statements (what `query()`,
// `bind()` and `withContext()` hand out), with the types of its page terminal. The implementation
// is QueryImpl (query-impl.ts), which the package does not export.
import type { Readable } from 'node:stream';
import type { Consistency } from '@cassia/core';
import type { AnyModel, ColumnValue, ColumnsOf, InferInsert, InferRow, InferSave, IsCounterTable, MapKeyOf } from '@cassia/schema';
import type { Batch } from './batch';
import type { CompiledStatement } from './compiler';
import type {
  Conditioned, DeleteTerminal, GetTerminal, InsertTerminal, NothingRestricted, RestrictedBy, RestrictedByValues, TokenRestricted, UpdateTerminal, WithTtl,
} from './key-state';
import type { TargetOptions } from './query-context';
import type { StreamOptions } from './query-stream';
import type { Scan, ScanOptions } from './table-scan';
import type {
  ComparisonOperator, DeletableColumnsOf, DistinctRow, IfConditions, IfOperand, IfOperatorOn, IfOperator, InsertValues,
  NonEmptyChanges, OrderDirection, OrderableColumnsOf, PartitionKeyValues, SelectedRow, UpdateChanges, WhereOperand, WhereOperator, WhereValues,
} from './query-types';
import type {
  AggregateFunctions, AggregateRow, AggregateSelection, CellColumnsOf, FreshAggregates, FreshAlias, GroupableColumnsOf, VectorColumnsOf, WithAlias,
} from './select-expression-types';
import type { SimilarityFunction } from './statement-node';
import type { WriteStatement } from './write-statement';

/** One page of rows and where the next one starts (undefined on the last page). */
export interface Page<R> {
  readonly rows: R[];
  /**
   * An opaque cursor to pass as `page({ pageState })` for the next page: signed, and bound to this
   * statement, its connection and keyspace, so it is safe to hand to a client. Undefined on the last page.
   */
  readonly pageState: string | undefined;
  /** Cassandra's own paging state (hex), only when `includeRawPageState: true` was given. Never hand it to a client. */
  readonly rawPageState?: string | undefined;
}

/** Options of `page()`. */
export interface PageOptions {
  /** Where to resume: the `pageState` cursor of the previous page. */
  pageState?: string;
  /** Rows per page (overrides `fetchSize()`); a cursor only continues with the fetch size it was made with. */
  fetchSize?: number;
  /**
   * Resume at Cassandra's raw paging state (hex or bytes), unchecked: only for a state this
   * program kept itself, never one that came from a client (a forged state widens the query).
   */
  rawPageState?: string | Buffer;
  /** Also return Cassandra's raw paging state as `rawPageState`. */
  includeRawPageState?: boolean;
}

// The phantom member that carries a Query's type-state (read only by the types, never set).
declare const restrictionsOf: unique symbol;

/**
 * An immutable query on model `M` whose rows are `R` (narrowed by `select`). Every builder method
 * returns a new Query and leaves this one as it was; terminals resolve where the statement runs,
 * compile it and execute it. Iterate it with `for await` to read every row, page by page.
 *
 * `S` is what the types know of its where() and write condition (see key-state.ts): `get()`,
 * `update()` and `delete()` are callable only once where() named the key they need. A query is
 * assignable to a Query type that knows less (`Query<M>` knows nothing), so stored queries keep
 * working; on such a type the keyed terminals are not callable.
 */
export interface Query<M extends AnyModel, R = InferRow<M>, out S = NothingRestricted> extends AsyncIterable<R> {
  /** The model queried. */
  readonly model: M;
  /** Type-state only (never set): see `S`. Covariant: a query that knows more is assignable to one that knows less. */
  readonly [restrictionsOf]?: S;

  // ---- context ----

  /** Runs on another connection and/or keyspace (cqlengine's `using`). */
  using(options: TargetOptions): Query<M, R, S>;
  /** Queues this query's writes into `batch` instead of running them (cqlengine's `.batch(b)`). */
  batch(batch: Batch): Query<M, R, S>;

  // ---- reading ----

  /** Equality on each given column. */
  where<const V extends WhereValues<M>>(values: V & WhereValues<M>): Query<M, R, RestrictedByValues<S, V>>;
  /**
   * `column op value`: with `= < <= > >=` a value of the column; with `in` a non-empty list of them;
   * with `contains` an element of a list/set column or a value of a map column; with `containsKey`
   * a key of a map column. (One signature, the operand typed by the operator, so a wrong operand
   * is blamed on the operand.)
   */
  where<K extends ColumnsOf<M>, O extends WhereOperator>(column: K, op: O, value: WhereOperand<M, K, O>): Query<M, R, RestrictedBy<S, K, O>>;
  /** A token range: `token(partition key) op token(values)`, e.g. `whereToken('>', { id: 'a' })`. */
  whereToken(op: ComparisonOperator, partitionKey: PartitionKeyValues<M>): Query<M, R, TokenRestricted<S>>;
  /** Reads only these columns; the row type narrows to them. */
  select<K extends ColumnsOf<M>>(...columns: [K, ...K[]]): Query<M, SelectedRow<M, K>, S>;
  /** Orders by a clustering column (`'asc'` default). */
  orderBy(column: OrderableColumnsOf<M>, direction?: OrderDirection): Query<M, R, S>;
  /** At most `n` rows (no limit unless asked: paging handles big results). */
  limit(n: number): Query<M, R, S>;
  /** At most `n` rows per partition. */
  perPartitionLimit(n: number): Query<M, R, S>;
  /** Adds ALLOW FILTERING. */
  allowFiltering(): Query<M, R, S>;
  /** SELECT DISTINCT of the selected columns, else of the partition key (the row type narrows to it). */
  distinct(): Query<M, DistinctRow<M, R>, S>;
  /**
   * Orders by similarity to `vector` (`ORDER BY col ANN OF ?`, Cassandra 5 vector search over an SAI
   * index): `column` must be a `t.vector` column and `vector` as long as its dimension
   * (ValidationError otherwise); the read needs `limit(n)` with n from 1 to 1000.
   */
  orderByAnn<K extends VectorColumnsOf<M>>(column: K, vector: ColumnValue<M, K>): Query<M, R, S>;
  /**
   * Adds `similarity_<fn>(column, ?) AS alias` to each row as `alias: number` (cosine gives
   * (1 + cos) / 2, from 0 to 1). Without select(), every column is read beside it.
   */
  selectSimilarity<K extends VectorColumnsOf<M>, A extends string>(
    fn: SimilarityFunction,
    column: K,
    vector: ColumnValue<M, K>,
    alias: FreshAlias<M, R, A>,
  ): Query<M, WithAlias<R, A, number>, S>;
  /** Adds `WRITETIME(column) AS alias` (microseconds since the epoch, null when the cell is empty) to each row. */
  selectWritetime<K extends CellColumnsOf<M>, A extends string>(column: K, alias: FreshAlias<M, R, A>): Query<M, WithAlias<R, A, bigint | null>, S>;
  /** Adds `TTL(column) AS alias` (seconds left, null when the cell has no TTL) to each row. */
  selectTtl<K extends CellColumnsOf<M>, A extends string>(column: K, alias: FreshAlias<M, R, A>): Query<M, WithAlias<R, A, number | null>, S>;
  /**
   * Reads aggregates by alias, e.g. `aggregate((f) => ({ n: f.count(), total: f.sum('price') }))`,
   * beside the columns select() named (with groupBy(), one row per group); without select() only
   * the aggregates. Each is typed by its column; sum/avg take numeric columns only.
   */
  aggregate<A extends AggregateSelection>(build: (f: AggregateFunctions<M>) => A & FreshAggregates<M, R, A>): Query<M, AggregateRow<M, R, A>, S>;
  /** `GROUP BY` a prefix of the primary key, in key order (for aggregate()). */
  groupBy<K extends GroupableColumnsOf<M>>(...columns: [K, ...K[]]): Query<M, R, S>;
  /** Rows per page when reading. */
  fetchSize(n: number): Query<M, R, S>;
  /** Consistency level of the statements. */
  consistency(level: Consistency): Query<M, R, S>;
  /** Serial consistency of lightweight transactions (and of reads at SERIAL). */
  serialConsistency(level: Consistency): Query<M, R, S>;
  /** Client-side timeout in milliseconds (at most 2^31 - 1, Node's timer limit). */
  timeout(ms: number): Query<M, R, S>;
  /**
   * Says whether the statements may be sent twice, overriding what Cassia works out from each
   * statement (reads, plain writes, set and map changes: yes; counters, list append/prepend and
   * lightweight transactions: no). Only idempotent statements are retried or sent speculatively.
   */
  idempotent(flag: boolean): Query<M, R, S>;
  /**
   * Asks Cassandra to trace this query's statements server-side (default true); their outcome
   * (seen by middleware) then carries the trace id. Tracing costs the cluster work: use it sparingly.
   */
  tracing(flag?: boolean): Query<M, R, S>;

  // ---- read terminals ----

  /** The SELECT's CQL and bound values, without running it. */
  toCQL(): CompiledStatement;
  /** Every matching row, reading page after page. */
  all(): Promise<R[]>;
  /** The first row (LIMIT 1), or undefined. */
  first(): Promise<R | undefined>;
  /**
   * Exactly one row; NotFoundError when none, MultipleRowsError when several. Callable once
   * where() named every primary key column with `=` (use `first()` or `all()` for other reads).
   */
  readonly get: GetTerminal<M, S, R>;
  /** SELECT COUNT(*) of the matching rows. */
  count(): Promise<number>;
  /**
   * Runs a SELECT written by hand on this query's connection and keyspace (`{table}` in the text
   * becomes `"keyspace"."table"`), with `params` bound to its `?` markers, and maps every row (of
   * every page) by the model's codec. `T` defaults to the model's full row; name it when the SELECT
   * reads some columns. Never splice a value into `cql`: bind it.
   */
  raw<T = InferRow<M>>(cql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * One page of rows and an opaque cursor to the next (undefined after the last page). A cursor
   * continues only this statement (CQL, values, fetch size, limit) on the connection and keyspace
   * its first page was read from; anything else is an InvalidPageCursorError before anything is sent.
   */
  page(options?: PageOptions): Promise<Page<R>>;
  /**
   * Iterates every matching row, fetching pages as it goes. The connection (its client) and
   * keyspace are resolved once, at the first page, and kept to the last: a replace, a default
   * switch or another withConnection scope around a later page does not move the read, and a
   * replaced or unregistered connection drains (up to its drainTimeout) until the read ends.
   */
  [Symbol.asyncIterator](): AsyncIterator<R>;
  /**
   * Every matching row a page at a time: `for await (const rows of query(M).pages())` gets each
   * non-empty page (fetchSize() rows at most) as an array, the next page already requested. For
   * bulk reads: one await per page instead of one per row. Targets resolve as for `for await`.
   */
  pages(): AsyncIterableIterator<R[]>;
  /**
   * Every matching row as a Node Readable in object mode, read as `for await` reads them; the next
   * page is fetched only when the stream's buffer drains (backpressure). Destroying it ends the read.
   */
  stream(options?: StreamOptions): Readable;
  /**
   * Reads the whole table by token ranges, several at once, each from one of its replicas; where()
   * may filter non-partition-key columns (with allowFiltering() where Cassandra needs it). Iterate
   * the Scan once; its checkpoint() resumes with `scan({ from })`. Rows come in no overall order.
   */
  scan(options?: ScanOptions): Scan<R>;

  // ---- writing ----

  /** Makes the write conditional on the row not existing (IF NOT EXISTS; inserts only). */
  ifNotExists(): Query<M, R, Conditioned<S, 'ifNotExists'>>;
  /** Makes the write conditional on the row existing (IF EXISTS; updates and deletes). */
  ifExists(): Query<M, R, Conditioned<S, 'ifExists'>>;
  /** Makes the write conditional on column values (IF col = ? AND ...; null: the column is absent). */
  if(conditions: IfConditions<M>): Query<M, R, Conditioned<S, 'if'>>;
  /**
   * Makes the write conditional on one non-key column: `=`/`!=` a value or null (absent),
   * `< <= > >=` a value, `in` a non-empty list. (One signature, the operand typed by the operator,
   * so a wrong one is blamed on itself; a key column is blamed on the operator with the fix.)
   */
  if<K extends ColumnsOf<M>, O extends IfOperator>(column: K, op: IfOperatorOn<M, K, O>, value: IfOperand<M, K, O>): Query<M, R, Conditioned<S, 'if'>>;
  /** Time to live of written values, in seconds (0: none); inserts and updates only (`delete()` is not callable after it). */
  ttl(seconds: number): Query<M, R, S & WithTtl>;
  /** Write timestamp in microseconds since the epoch. */
  timestamp(microseconds: bigint | number): Query<M, R, S>;

  /** INSERT of `values` (validated, defaults applied), as a statement to run or add to a batch. */
  readonly createStatement: InsertTerminal<S, 'create', (values: InsertValues<M, InferInsert<M>>) => WriteStatement<M, false>>;
  /** INSERT of a whole row: every non-counter column given, null where it may be null (the stored row becomes `row`). */
  readonly saveStatement: InsertTerminal<S, 'save', (row: InsertValues<M, InferSave<M>>) => WriteStatement<M, false>>;
  /** UPDATE of the row the where() names by its full primary key. */
  readonly updateStatement: UpdateTerminal<M, S, <const C extends UpdateChanges<M>>(changes: NonEmptyChanges<M, C>) => WriteStatement<M, IsCounterTable<M>>>;
  /** DELETE of the rows the where() names (by their partition key), or (given columns, by the whole primary key) of those columns only. */
  readonly deleteStatement: DeleteTerminal<M, S, () => WriteStatement<M, false>, (columns: readonly DeletableColumnsOf<M>[]) => WriteStatement<M, false>>;

  /** Inserts `values` (or queues the insert in the batch given with `.batch(b)`). */
  readonly create: InsertTerminal<S, 'create', (values: InsertValues<M, InferInsert<M>>) => Promise<void>>;
  /** Upserts a whole row, every non-counter column given (or queues it in the batch); `create()` takes a partial one. */
  readonly save: InsertTerminal<S, 'save', (row: InsertValues<M, InferSave<M>>) => Promise<void>>;
  /** Updates the row named by where() (or queues the update in the batch); callable once where() named the whole primary key. */
  readonly update: UpdateTerminal<M, S, <const C extends UpdateChanges<M>>(changes: NonEmptyChanges<M, C>) => Promise<void>>;
  /**
   * Deletes the rows named by where() (callable once it named the partition key), or some columns
   * of one row (once it named the whole primary key); or queues it in the batch.
   */
  readonly delete: DeleteTerminal<M, S, () => Promise<void>, (columns: readonly DeletableColumnsOf<M>[]) => Promise<void>>;
}
