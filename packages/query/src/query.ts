// Query: the public surface of the immutable builder of one model's statements (what `query()`,
// `bind()` and `withContext()` hand out), with the types of its page terminal. The implementation
// is QueryImpl (query-impl.ts), which the package does not export.
import type { Readable } from 'node:stream';
import type { Consistency } from '@cassia/core';
import type { AnyModel, ColumnValue, ColumnsOf, InferInsert, InferRow, InferSave, IsCounterTable, MapKeyOf } from '@cassia/schema';
import type { Batch } from './batch';
import type { CompiledStatement } from './compiler';
import type { TargetOptions } from './query-context';
import type { StreamOptions } from './query-stream';
import type { Scan, ScanOptions } from './table-scan';
import type {
  ComparisonOperator, ConditionalColumnsOf, ContainedValue, ContainsColumnsOf, ContainsKeyColumnsOf, DeletableColumnsOf, DistinctRow, IfConditions, IfEqualityOperator, InsertValues,
  OrderDirection, OrderableColumnsOf, PartitionKeyValues, SelectedRow, UpdateChanges, WhereValues,
} from './query-types';
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

/**
 * An immutable query on model `M` whose rows are `R` (narrowed by `select`). Every builder method
 * returns a new Query and leaves this one as it was; terminals resolve where the statement runs,
 * compile it and execute it. Iterate it with `for await` to read every row, page by page.
 */
export interface Query<M extends AnyModel, R = InferRow<M>> extends AsyncIterable<R> {
  /** The model queried. */
  readonly model: M;

  // ---- context ----

  /** Runs on another connection and/or keyspace (cqlengine's `using`). */
  using(options: TargetOptions): Query<M, R>;
  /** Queues this query's writes into `batch` instead of running them (cqlengine's `.batch(b)`). */
  batch(batch: Batch): Query<M, R>;

  // ---- reading ----

  /** Equality on each given column. */
  where(values: WhereValues<M>): Query<M, R>;
  /** `column op value` with `= < <= > >=`. */
  where<K extends ColumnsOf<M>>(column: K, op: ComparisonOperator, value: ColumnValue<M, K>): Query<M, R>;
  /** `column IN (values)`; an empty list is a QueryBuildError. */
  where<K extends ColumnsOf<M>>(column: K, op: 'in', values: readonly ColumnValue<M, K>[]): Query<M, R>;
  /** A list/set column containing an element, or a map column containing a value. */
  where<K extends ContainsColumnsOf<M>>(column: K, op: 'contains', value: ContainedValue<ColumnValue<M, K>>): Query<M, R>;
  /** A map column containing a key. */
  where<K extends ContainsKeyColumnsOf<M>>(column: K, op: 'containsKey', key: MapKeyOf<ColumnValue<M, K>>): Query<M, R>;
  /** A token range: `token(partition key) op token(values)`, e.g. `whereToken('>', { id: 'a' })`. */
  whereToken(op: ComparisonOperator, partitionKey: PartitionKeyValues<M>): Query<M, R>;
  /** Reads only these columns; the row type narrows to them. */
  select<K extends ColumnsOf<M>>(...columns: [K, ...K[]]): Query<M, SelectedRow<M, K>>;
  /** Orders by a clustering column (`'asc'` default). */
  orderBy(column: OrderableColumnsOf<M>, direction?: OrderDirection): Query<M, R>;
  /** At most `n` rows (no limit unless asked: paging handles big results). */
  limit(n: number): Query<M, R>;
  /** At most `n` rows per partition. */
  perPartitionLimit(n: number): Query<M, R>;
  /** Adds ALLOW FILTERING. */
  allowFiltering(): Query<M, R>;
  /** SELECT DISTINCT of the selected columns, else of the partition key (the row type narrows to it). */
  distinct(): Query<M, DistinctRow<M, R>>;
  /** Rows per page when reading. */
  fetchSize(n: number): Query<M, R>;
  /** Consistency level of the statements. */
  consistency(level: Consistency): Query<M, R>;
  /** Serial consistency of lightweight transactions (and of reads at SERIAL). */
  serialConsistency(level: Consistency): Query<M, R>;
  /** Client-side timeout in milliseconds (at most 2^31 - 1, Node's timer limit). */
  timeout(ms: number): Query<M, R>;

  // ---- read terminals ----

  /** The SELECT's CQL and bound values, without running it. */
  toCQL(): CompiledStatement;
  /** Every matching row, reading page after page. */
  all(): Promise<R[]>;
  /** The first row (LIMIT 1), or undefined. */
  first(): Promise<R | undefined>;
  /** Exactly one row; NotFoundError when none, MultipleRowsError when several. */
  get(): Promise<R>;
  /** SELECT COUNT(*) of the matching rows. */
  count(): Promise<number>;
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
  ifNotExists(): Query<M, R>;
  /** Makes the write conditional on the row existing (IF EXISTS; updates and deletes). */
  ifExists(): Query<M, R>;
  /** Makes the write conditional on column values (IF col = ? AND ...; null: the column is absent). */
  if(conditions: IfConditions<M>): Query<M, R>;
  /** Makes the write conditional on one column equal (`=`) or not (`!=`) to a value; null: absent. */
  if<K extends ConditionalColumnsOf<M>>(column: K, op: IfEqualityOperator, value: ColumnValue<M, K> | null): Query<M, R>;
  /** Makes the write conditional on one column compared (`< <= > >=`) with a value. */
  if<K extends ConditionalColumnsOf<M>>(column: K, op: ComparisonOperator, value: ColumnValue<M, K>): Query<M, R>;
  /** Makes the write conditional on one column being `in` a non-empty list. */
  if<K extends ConditionalColumnsOf<M>>(column: K, op: 'in', values: readonly ColumnValue<M, K>[]): Query<M, R>;
  /** Time to live of written values, in seconds (0: none). */
  ttl(seconds: number): Query<M, R>;
  /** Write timestamp in microseconds since the epoch. */
  timestamp(microseconds: bigint | number): Query<M, R>;

  /** INSERT of `values` (validated, defaults applied), as a statement to run or add to a batch. */
  createStatement(values: InsertValues<M, InferInsert<M>>): WriteStatement<M, false>;
  /** INSERT of a whole row: every non-counter column given, null where it may be null (the stored row becomes `row`). */
  saveStatement(row: InsertValues<M, InferSave<M>>): WriteStatement<M, false>;
  /** UPDATE of the row the where() names by its full primary key. */
  updateStatement(changes: UpdateChanges<M>): WriteStatement<M, IsCounterTable<M>>;
  /** DELETE of the rows the where() names, or (given columns) of those columns only. */
  deleteStatement(columns?: readonly DeletableColumnsOf<M>[]): WriteStatement<M, false>;

  /** Inserts `values` (or queues the insert in the batch given with `.batch(b)`). */
  create(values: InsertValues<M, InferInsert<M>>): Promise<void>;
  /** Upserts a whole row, every non-counter column given (or queues it in the batch); `create()` takes a partial one. */
  save(row: InsertValues<M, InferSave<M>>): Promise<void>;
  /** Updates the row named by where() (or queues the update in the batch). */
  update(changes: UpdateChanges<M>): Promise<void>;
  /** Deletes the rows named by where(), or some of their columns (or queues it in the batch). */
  delete(columns?: readonly DeletableColumnsOf<M>[]): Promise<void>;
}
