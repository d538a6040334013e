// QueryImpl: the class behind the public Query interface (query.ts); the package does not export
// it. Builder methods make a new QueryImpl from the frozen parts that did not change; terminals
// hand those parts to the read terminals (query-reads.ts) or to a write draft (write-drafts.ts).
import { QueryBuildError, type Consistency } from '@cassia/core';
import { isInt64Timestamp, shareStatementOptions } from '@cassia/core/internal';
import type { AnyModel, ColumnValue, ColumnsOf, InferInsert, InferRow, InferSave, IsCounterTable } from '@cassia/schema';
import type { Readable } from 'node:stream';
import type { Batch } from './batch';
import type { CompiledStatement } from './compiler';
import { ifCondition, ifConditions, joinIfConditions, tokenCondition, whereCondition, whereEquals } from './conditions';
import { describeInput } from './describe-input';
import type { StatementOptions } from './executor';
import { columnOf } from './model-columns';
import { EMPTY_BAG, ownCopy } from './own-properties';
import type { Page, PageOptions, Query } from './query';
import { checkTargetOptions, makeContext, targetBag, type QueryContext, type TargetOptions } from './query-context';
import { streamOf, type StreamOptions } from './query-stream';
import { TableScan, type Scan, type ScanOptions } from './table-scan';
import { readAll, readCount, readFirst, readOnlyRow, readPage, readPages, readRows, selectCql } from './query-reads';
import { EMPTY_STATE, NO_CONDITIONS, patchState, type QueryState } from './query-state';
import type {
  ComparisonOperator, DistinctRow, InsertValues, IfConditions, OrderDirection, OrderableColumnsOf, PartitionKeyValues, SelectedRow,
  UpdateChanges,
} from './query-types';
import { readRaw } from './raw-reads';
import type {
  AggregateFunctions, AggregateRow, AggregateSelection, CellColumnsOf, FreshAggregates, FreshAlias, GroupableColumnsOf, VectorColumnsOf, WithAlias,
} from './select-expression-types';
import { AGGREGATE_FUNCTIONS, withAggregates, withAnn, withCellMetadata, withGroupBy, withSimilarity, type SelectExtras } from './select-extras';
import type { ConditionNode, SimilarityFunction } from './statement-node';
import { checkConsistency, idempotenceFlag, integerIn, MAX_TTL_SECONDS, positiveInt32, timeoutMs } from './statement-limits';
import { deleteDraft, insertDraft, updateDraft, type WriteDraft } from './write-drafts';
import { runWrite, WriteStatementImpl, type WriteStatement } from './write-statement';

// Typed as a query whose state is `any`: the class implements every state of the interface (its
// terminals are always there; what a state forbids is the interface's business, and the run-time
// checks stay for what the types cannot tell).
type AnyState = any;

/**
 * A root Query on `model`. The one place a QueryImpl is seen as its public interface: relating the
 * class to Query (whose terminals are conditional types) is a structural check of every member,
 * made once here for the entry points rather than once per call site.
 */
export function rootQuery<M extends AnyModel>(model: M, context: QueryContext): Query<M> {
  return new QueryImpl<M>(model, context);
}

/** The Query that `query()`, `bind()` and `withContext()` make (see the Query interface for each method). */
export class QueryImpl<M extends AnyModel, R = InferRow<M>> implements Query<M, R, AnyState> {
  // Immutable without Object.freeze: every field is private and read-only, and model and context
  // are getters, so nothing of a QueryImpl can be reassigned and no per-builder freeze is needed.
  readonly #model: M;
  readonly #context: QueryContext;
  readonly #state: QueryState;
  // Kept apart from the state: where() is the one call of nearly every read, and it then makes a
  // new QueryImpl without copying the state. Not frozen: it is private and only read (a later
  // where() copies it).
  readonly #where: readonly ConditionNode[];

  constructor(model: M, context: QueryContext, state: QueryState = EMPTY_STATE, where: readonly ConditionNode[] = NO_CONDITIONS) {
    this.#model = model;
    this.#context = context;
    this.#state = state;
    this.#where = where;
  }

  get model(): M {
    return this.#model;
  }

  /** Registry, bind/withContext and using targets (internal: not on the Query interface). */
  get context(): QueryContext {
    return this.#context;
  }

  /** Model, context, state and where() list, for writeMany and scan (internal: not on the Query interface). */
  bulkParts(): { readonly model: M; readonly context: QueryContext; readonly state: QueryState; readonly where: readonly ConditionNode[] } {
    return { model: this.#model, context: this.#context, state: this.#state, where: this.#where };
  }

  // ---- the only ways a query changes: by making a new one ----

  #with(patch: Partial<QueryState>): Query<M, R, AnyState> {
    return new QueryImpl<M, R>(this.#model, this.#context, patchState(this.#state, patch), this.#where);
  }

  #withOptions(patch: StatementOptions): Query<M, R, AnyState> {
    const options = ownCopy(this.#state.options);
    Object.assign(options, patch);
    return this.#with({ options: shareStatementOptions(options) });
  }

  #withWhere(conditions: ConditionNode[]): Query<M, R, AnyState> {
    // `conditions` is always a fresh array; the first where() (nearly every read) keeps it as it is.
    const where = this.#where.length === 0 ? conditions : [...this.#where, ...conditions];
    return new QueryImpl<M, R>(this.#model, this.#context, this.#state, where);
  }

  // ---- context ----

  using(options: TargetOptions): Query<M, R, AnyState> {
    const target = checkTargetOptions(options, 'using');
    const context = this.#context;
    const previous = context.using;
    // The first using() of a query keeps the checked target as it is; a later one merges over it.
    const using = previous === EMPTY_BAG ? target : targetBag(target.connection ?? previous.connection, target.keyspace ?? previous.keyspace);
    return new QueryImpl<M, R>(this.#model, makeContext(context.registry, context.bound, using), this.#state, this.#where);
  }

  batch(batch: Batch): Query<M, R, AnyState> {
    return this.#with({ batch });
  }

  // ---- reading ----

  // One implementation for the Query interface's where() overloads: the column, operator and
  // value are checked at run time by whereCondition / whereEquals.
  where(columnOrValues: unknown, op?: unknown, value?: unknown): Query<M, R, AnyState> {
    if (typeof columnOrValues === 'string') return this.#withWhere([whereCondition(this.#model, columnOrValues, op, value)]);
    return this.#withWhere(whereEquals(this.#model, columnOrValues));
  }

  whereToken(op: ComparisonOperator, partitionKey: PartitionKeyValues<M>): Query<M, R, AnyState> {
    return this.#withWhere([tokenCondition(this.#model, op, partitionKey)]);
  }

  select<K extends ColumnsOf<M>>(...columns: [K, ...K[]]): Query<M, SelectedRow<M, K>, AnyState> {
    if (columns.length === 0) throw new QueryBuildError('select() needs at least one column.');
    const dbNames = columns.map((column) => columnOf(this.#model, column, 'select').dbName);
    return new QueryImpl<M, SelectedRow<M, K>>(this.#model, this.#context, patchState(this.#state, { columns: Object.freeze(dbNames) }), this.#where);
  }

  orderBy(column: OrderableColumnsOf<M>, direction: OrderDirection = 'asc'): Query<M, R, AnyState> {
    const target = columnOf(this.#model, column, 'orderBy');
    if (!this.#model.clusteringKey.some((c) => c.column === target.property)) {
      throw new QueryBuildError(`orderBy("${target.property}"): only clustering columns can be ordered by.`);
    }
    if (direction !== 'asc' && direction !== 'desc') {
      throw new QueryBuildError(`orderBy direction must be 'asc' or 'desc', got ${describeInput(direction)}.`);
    }
    return this.#with({ orderBy: Object.freeze([...this.#state.orderBy, Object.freeze({ column: target.dbName, direction })]) });
  }

  limit(n: number): Query<M, R, AnyState> {
    return this.#with({ limit: positiveInt32(n, 'limit') });
  }

  perPartitionLimit(n: number): Query<M, R, AnyState> {
    return this.#with({ perPartitionLimit: positiveInt32(n, 'perPartitionLimit') });
  }

  allowFiltering(): Query<M, R, AnyState> {
    return this.#with({ allowFiltering: true });
  }

  distinct(): Query<M, DistinctRow<M, R>, AnyState> {
    // Only the row type changes: the reads choose the partition key when nothing is selected.
    return this.#with({ distinct: true }) as unknown as Query<M, DistinctRow<M, R>, AnyState>;
  }

  orderByAnn<K extends VectorColumnsOf<M>>(column: K, vector: ColumnValue<M, K>): Query<M, R, AnyState> {
    return this.#with({ extras: withAnn(this.#model, this.#state.extras, column, vector) });
  }

  selectSimilarity<K extends VectorColumnsOf<M>, A extends string>(
    fn: SimilarityFunction,
    column: K,
    vector: ColumnValue<M, K>,
    alias: FreshAlias<M, R, A>,
  ): Query<M, WithAlias<R, A, number>, AnyState> {
    const extras = withSimilarity(this.#model, this.#state.extras, fn, column, vector, alias);
    return this.#withRow<WithAlias<R, A, number>>(extras);
  }

  selectWritetime<K extends CellColumnsOf<M>, A extends string>(column: K, alias: FreshAlias<M, R, A>): Query<M, WithAlias<R, A, bigint | null>, AnyState> {
    return this.#withRow<WithAlias<R, A, bigint | null>>(withCellMetadata(this.#model, this.#state.extras, 'writetime', column, alias));
  }

  selectTtl<K extends CellColumnsOf<M>, A extends string>(column: K, alias: FreshAlias<M, R, A>): Query<M, WithAlias<R, A, number | null>, AnyState> {
    return this.#withRow<WithAlias<R, A, number | null>>(withCellMetadata(this.#model, this.#state.extras, 'ttl', column, alias));
  }

  aggregate<A extends AggregateSelection>(build: (f: AggregateFunctions<M>) => A & FreshAggregates<M, R, A>): Query<M, AggregateRow<M, R, A>, AnyState> {
    if (typeof build !== 'function') throw new QueryBuildError(`aggregate() takes a callback (f) => ({ alias: f.count(), ... }), got ${describeInput(build)}.`);
    const aggregates: unknown = build(AGGREGATE_FUNCTIONS as unknown as AggregateFunctions<M>);
    return this.#withRow<AggregateRow<M, R, A>>(withAggregates(this.#model, this.#state.extras, aggregates));
  }

  // A new query with other extras, whose row type is `T` (the extras add to the row).
  #withRow<T>(extras: SelectExtras): Query<M, T, AnyState> {
    return new QueryImpl<M, T>(this.#model, this.#context, patchState(this.#state, { extras }), this.#where);
  }

  groupBy<K extends GroupableColumnsOf<M>>(...columns: [K, ...K[]]): Query<M, R, AnyState> {
    return this.#with({ extras: withGroupBy(this.#model, this.#state.extras, columns) });
  }

  fetchSize(n: number): Query<M, R, AnyState> {
    return this.#withOptions({ fetchSize: positiveInt32(n, 'fetchSize') });
  }

  consistency(level: Consistency): Query<M, R, AnyState> {
    return this.#withOptions({ consistency: checkConsistency(level, 'consistency') });
  }

  serialConsistency(level: Consistency): Query<M, R, AnyState> {
    return this.#withOptions({ serialConsistency: checkConsistency(level, 'serialConsistency') });
  }

  timeout(ms: number): Query<M, R, AnyState> {
    return this.#withOptions({ timeout: timeoutMs(ms, 'timeout') });
  }

  idempotent(flag: boolean): Query<M, R> {
    return this.#withOptions({ isIdempotent: idempotenceFlag(flag, 'idempotent()') });
  }

  tracing(flag = true): Query<M, R> {
    if (typeof flag !== 'boolean') throw new QueryBuildError(`tracing() takes true or false, got ${describeInput(flag)}.`);
    return this.#withOptions({ tracing: flag });
  }

  // ---- read terminals (query-reads.ts) ----

  toCQL(): CompiledStatement {
    return selectCql(this.#model, this.#context, this.#state, this.#where);
  }

  all(): Promise<R[]> {
    return readAll<R>(this.#model, this.#context, this.#state, this.#where);
  }

  first(): Promise<R | undefined> {
    return readFirst<R>(this.#model, this.#context, this.#state, this.#where);
  }

  get(): Promise<R> {
    return readOnlyRow<R>(this.#model, this.#context, this.#state, this.#where);
  }

  count(): Promise<number> {
    return readCount(this.#model, this.#context, this.#state, this.#where);
  }

  raw<T = InferRow<M>>(cql: string, params?: readonly unknown[]): Promise<T[]> {
    return readRaw<T>(this.#model, this.#context, this.#state, cql, params);
  }

  page(options: PageOptions = {}): Promise<Page<R>> {
    return readPage<R>(this.#model, this.#context, this.#state, this.#where, options);
  }

  [Symbol.asyncIterator](): AsyncIterator<R> {
    return readRows<R>(this.#model, this.#context, this.#state, this.#where);
  }

  pages(): AsyncIterableIterator<R[]> {
    return readPages<R>(this.#model, this.#context, this.#state, this.#where);
  }

  stream(options?: StreamOptions): Readable {
    return streamOf(this, options, 'stream()');
  }

  scan(options?: ScanOptions): Scan<R> {
    return new TableScan<R>(this.#model, this.#context, this.#state, this.#where, options);
  }

  // ---- writing ----

  ifNotExists(): Query<M, R, AnyState> {
    return this.#with({ condition: Object.freeze({ kind: 'ifNotExists' }) });
  }

  ifExists(): Query<M, R, AnyState> {
    return this.#with({ condition: Object.freeze({ kind: 'ifExists' }) });
  }

  // One implementation for the Query interface's if() overloads, told apart by their arity.
  if(...args: [IfConditions<M>] | [string, string, unknown]): Query<M, R, AnyState> {
    const added = args.length === 1 ? ifConditions(this.#model, args[0]) : [ifCondition(this.#model, args[0], args[1], args[2])];
    return this.#with({ condition: joinIfConditions(this.#state.condition, added) });
  }

  ttl(seconds: number): Query<M, R, AnyState> {
    return this.#with({ ttl: integerIn(seconds, 0, MAX_TTL_SECONDS, 'ttl (seconds)') });
  }

  timestamp(microseconds: bigint | number): Query<M, R, AnyState> {
    if (!isInt64Timestamp(microseconds)) {
      throw new QueryBuildError(
        `timestamp must be an integer number of microseconds (a bigint beyond 2^53), got ${describeInput(microseconds)}.`,
      );
    }
    return this.#with({ timestamp: microseconds });
  }

  createStatement(values: InsertValues<M, InferInsert<M>>): WriteStatement<M, false> {
    return this.#statement<false>(insertDraft(this.#model, this.#state, this.#where, values as InferInsert<M>, 'create', false));
  }

  saveStatement(row: InsertValues<M, InferSave<M>>): WriteStatement<M, false> {
    return this.#statement<false>(insertDraft(this.#model, this.#state, this.#where, row as InferSave<M>, 'save', true));
  }

  updateStatement(changes: UpdateChanges<M>): WriteStatement<M, IsCounterTable<M>> {
    return this.#statement<IsCounterTable<M>>(updateDraft(this.#model, this.#state, this.#where, changes));
  }

  // `columns` unknown: the Query interface types it by the query's state (or refuses it with a
  // message type), and deleteDraft checks it.
  deleteStatement(columns?: unknown): WriteStatement<M, false> {
    return this.#statement<false>(deleteDraft(this.#model, this.#state, this.#where, columns));
  }

  create(values: InsertValues<M, InferInsert<M>>): Promise<void> {
    return this.#write('create', values);
  }

  save(row: InsertValues<M, InferSave<M>>): Promise<void> {
    return this.#write('save', row);
  }

  update(changes: UpdateChanges<M>): Promise<void> {
    return this.#write('update', changes);
  }

  delete(columns?: unknown): Promise<void> {
    return this.#write('delete', columns);
  }

  // Builds and runs (or queues) a write; build errors become rejections, as from an async method.
  // Not async itself, and run from the draft: a write's only promise is its statement's, and no
  // WriteStatement is made unless the write goes into a batch. Told which write by name rather
  // than given a builder closure, so a write allocates no closure here.
  #write(method: 'create' | 'save' | 'update' | 'delete', input: unknown): Promise<void> {
    try {
      const model = this.#model;
      const state = this.#state;
      const draft =
        method === 'create' ? insertDraft(model, state, this.#where, input as InferInsert<M>, 'create', false)
        : method === 'save' ? insertDraft(model, state, this.#where, input as InferInsert<M>, 'save', true)
        : method === 'update' ? updateDraft(model, state, this.#where, input)
        : deleteDraft(model, state, this.#where, input);
      const batch = state.batch;
      if (batch === undefined) return runWrite(model, this.#context, draft, state.options);
      batch.add(this.#statement(draft));
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  // `C` is what the caller's signature promises: isCounterWrite is computed from the model and draft kind.
  #statement<C extends boolean = boolean>(draft: WriteDraft): WriteStatement<M, C> {
    return new WriteStatementImpl<M>(this.#model, this.#context, draft, this.#state.options) as WriteStatement<M> as WriteStatement<M, C>;
  }
}
