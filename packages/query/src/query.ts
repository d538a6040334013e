// Query: the immutable builder of one model's statements. Every method returns a new frozen
// Query (sharing the frozen parts that did not change); terminals resolve the target, build a
// node, compile and execute.
import { MultipleRowsError, NotFoundError, QueryBuildError, toConsistencyCode, type Consistency, type ResultSet } from '@cassia/core';
import {
  layoutOf, MAX_INSERT_BITS, rowFromDatabase, validateInsertColumns, type AnyModel, type ColumnValue, type ColumnsOf, type InferInsert, type InferRow, type MapKeyOf,
} from '@cassia/schema';
import { buildAssignments } from './assignments';
import type { Batch } from './batch';
import { compileStatement, type CompiledStatement } from './compiler';
import { ifCondition, ifConditions, tokenCondition, whereCondition, whereEquals } from './conditions';
import { countOf, mapRows, nextPageState, runStatement, type StatementOptions } from './executor';
import { columnOf, encodeParsed } from './model-columns';
import { checkTargetOptions, type QueryContext, type TargetOptions } from './query-context';
import type {
  ComparisonOperator, ConditionalColumnsOf, ContainedValue, ContainsColumnsOf, ContainsKeyColumnsOf, DeletableColumnsOf, IfConditions, IfOperator,
  OrderDirection, OrderableColumnsOf, PartitionKeyValues, SelectedRow, UpdateChanges, WhereValues,
} from './query-types';
import { resolveKeyspace, resolveTarget } from './resolve-target';
import { NO_USING, NO_WRITE_CONDITION, type ConditionNode, type SelectNode, type WriteConditionNode, type WriteUsingNode } from './statement-node';
import { runWrite, WriteStatement, type WriteDraft } from './write-statement';

/** One page of rows and where the next one starts (undefined on the last page). */
export interface Page<R> {
  readonly rows: R[];
  readonly pageState: string | undefined;
}

/** Options of `page()`. */
export interface PageOptions {
  /** Where to resume: the `pageState` of the previous page. */
  pageState?: string;
  /** Rows per page (overrides `fetchSize()`). */
  fetchSize?: number;
}

// Cassandra's maximum TTL (20 years), in seconds.
const MAX_TTL = 630_720_000;

/** The builder's frozen state (internal; exported for the constructor's signature). */
export interface QueryState {
  /** Selected database column names; undefined selects every column. */
  readonly columns: readonly string[] | undefined;
  readonly orderBy: readonly { readonly column: string; readonly direction: OrderDirection }[];
  readonly limit: number | undefined;
  readonly perPartitionLimit: number | undefined;
  readonly allowFiltering: boolean;
  readonly distinct: boolean;
  readonly options: StatementOptions;
  readonly condition: WriteConditionNode;
  readonly ttl: number | undefined;
  readonly timestamp: bigint | number | undefined;
  readonly batch: Batch | undefined;
}

const NO_CONDITIONS: readonly ConditionNode[] = Object.freeze([]);

const EMPTY_STATE: QueryState = Object.freeze({
  columns: undefined,
  orderBy: Object.freeze([]),
  limit: undefined,
  perPartitionLimit: undefined,
  allowFiltering: false,
  distinct: false,
  options: Object.freeze({}),
  condition: NO_WRITE_CONDITION,
  ttl: undefined,
  timestamp: undefined,
  batch: undefined,
});

/** An immutable query on model `M` whose rows are `R` (narrowed by `select`). */
export class Query<M extends AnyModel, R = InferRow<M>> implements AsyncIterable<R> {
  // Immutable without Object.freeze: every field is private and read-only, the public ones are
  // getters. Freezing each new Query cost a third of a where() (one is made per builder call).
  readonly #model: M;
  readonly #context: QueryContext;
  readonly #state: QueryState;
  // Kept beside the rest of the state: where() is the one call of nearly every read, and it then
  // makes a new Query without copying the state.
  readonly #where: readonly ConditionNode[];

  /** Use `query(Model)` or `bind(Model, ...)`. */
  constructor(model: M, context: QueryContext, state: QueryState = EMPTY_STATE, where: readonly ConditionNode[] = NO_CONDITIONS) {
    this.#model = model;
    this.#context = context;
    this.#state = state;
    this.#where = where;
  }

  /** The model queried. */
  get model(): M {
    return this.#model;
  }

  /** Registry, bind/withContext and using targets. */
  get context(): QueryContext {
    return this.#context;
  }

  // ---- clone helpers: the only way a Query changes is by making a new one ----

  #with(patch: Partial<QueryState>): Query<M, R> {
    // Field by field rather than `{ ...state, ...patch }`: spreading the whole state was most of a
    // where()'s cost in the profile, and where() runs for every read.
    const state = this.#state;
    const next: QueryState = {
      columns: 'columns' in patch ? patch.columns : state.columns,
      orderBy: 'orderBy' in patch ? patch.orderBy! : state.orderBy,
      limit: 'limit' in patch ? patch.limit : state.limit,
      perPartitionLimit: 'perPartitionLimit' in patch ? patch.perPartitionLimit : state.perPartitionLimit,
      allowFiltering: 'allowFiltering' in patch ? patch.allowFiltering! : state.allowFiltering,
      distinct: 'distinct' in patch ? patch.distinct! : state.distinct,
      options: 'options' in patch ? patch.options! : state.options,
      condition: 'condition' in patch ? patch.condition! : state.condition,
      ttl: 'ttl' in patch ? patch.ttl : state.ttl,
      timestamp: 'timestamp' in patch ? patch.timestamp : state.timestamp,
      batch: 'batch' in patch ? patch.batch : state.batch,
    };
    return new Query<M, R>(this.model, this.context, Object.freeze(next), this.#where);
  }

  #withOptions(patch: StatementOptions): Query<M, R> {
    return this.#with({ options: Object.freeze({ ...this.#state.options, ...patch }) });
  }

  #withWhere(conditions: ConditionNode[]): Query<M, R> {
    // `conditions` is always a fresh array; the first where() (nearly every read) keeps it as it is.
    // Not frozen: the list is private, only read (a later where() copies it), and a freeze cost
    // as much as the rest of a where().
    const where = this.#where.length === 0 ? conditions : [...this.#where, ...conditions];
    return new Query<M, R>(this.model, this.context, this.#state, where);
  }

  // ---- context ----

  /** Runs on another connection and/or keyspace (cqlengine's `using`). */
  using(options: TargetOptions): Query<M, R> {
    const target = checkTargetOptions(options, 'using');
    const using = Object.freeze({ ...this.context.using, ...target });
    return new Query<M, R>(this.model, Object.freeze({ ...this.context, using }), this.#state, this.#where);
  }

  /** Queues this query's writes into `batch` instead of running them (cqlengine's `.batch(b)`). */
  batch(batch: Batch): Query<M, R> {
    return this.#with({ batch });
  }

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
  where(columnOrValues: unknown, op?: unknown, value?: unknown): Query<M, R> {
    if (typeof columnOrValues === 'string') return this.#withWhere([whereCondition(this.model, columnOrValues, op, value)]);
    return this.#withWhere(whereEquals(this.model, columnOrValues));
  }

  /** A token range: `token(partition key) op token(values)`, e.g. `whereToken('>', { id: 'a' })`. */
  whereToken(op: ComparisonOperator, partitionKey: PartitionKeyValues<M>): Query<M, R> {
    return this.#withWhere([tokenCondition(this.model, op, partitionKey)]);
  }

  /** Reads only these columns; the row type narrows to them. */
  select<K extends ColumnsOf<M>>(...columns: K[]): Query<M, SelectedRow<M, K>> {
    if (columns.length === 0) throw new QueryBuildError('select() needs at least one column.');
    const dbNames = columns.map((column) => columnOf(this.model, column, 'select').dbName);
    return new Query<M, SelectedRow<M, K>>(this.model, this.context, Object.freeze({ ...this.#state, columns: Object.freeze(dbNames) }), this.#where);
  }

  /** Orders by a clustering column (`'asc'` default). */
  orderBy(column: OrderableColumnsOf<M>, direction: OrderDirection = 'asc'): Query<M, R> {
    const target = columnOf(this.model, column, 'orderBy');
    if (!this.model.clusteringKey.some((c) => c.column === target.property)) {
      throw new QueryBuildError(`orderBy("${target.property}"): only clustering columns can be ordered by.`);
    }
    if (direction !== 'asc' && direction !== 'desc') {
      throw new QueryBuildError(`orderBy direction must be 'asc' or 'desc', got ${JSON.stringify(direction)}.`);
    }
    return this.#with({ orderBy: Object.freeze([...this.#state.orderBy, Object.freeze({ column: target.dbName, direction })]) });
  }

  /** At most `n` rows (no limit unless asked: paging handles big results). */
  limit(n: number): Query<M, R> {
    return this.#with({ limit: positiveInteger(n, 'limit') });
  }

  /** At most `n` rows per partition. */
  perPartitionLimit(n: number): Query<M, R> {
    return this.#with({ perPartitionLimit: positiveInteger(n, 'perPartitionLimit') });
  }

  /** Adds ALLOW FILTERING. */
  allowFiltering(): Query<M, R> {
    return this.#with({ allowFiltering: true });
  }

  /** SELECT DISTINCT (of the selected columns, else of the partition key). */
  distinct(): Query<M, R> {
    return this.#with({ distinct: true });
  }

  /** Rows per page when reading. */
  fetchSize(n: number): Query<M, R> {
    return this.#withOptions({ fetchSize: positiveInteger(n, 'fetchSize') });
  }

  /** Consistency level of the statements. */
  consistency(level: Consistency): Query<M, R> {
    toConsistencyCode(level);
    return this.#withOptions({ consistency: level });
  }

  /** Serial consistency of lightweight transactions (and of reads at SERIAL). */
  serialConsistency(level: Consistency): Query<M, R> {
    toConsistencyCode(level, 'serialConsistency');
    return this.#withOptions({ serialConsistency: level });
  }

  /** Client-side timeout in milliseconds. */
  timeout(ms: number): Query<M, R> {
    return this.#withOptions({ timeout: positiveInteger(ms, 'timeout') });
  }

  /** The SELECT's CQL and bound values, without running it. */
  toCQL(): CompiledStatement {
    return compileStatement(this.#selectNode(resolveKeyspace(this.model, this.context), undefined, false));
  }

  /** Every matching row, reading page after page. */
  async all(): Promise<R[]> {
    const rows: R[] = [];
    for await (const row of this) rows.push(row);
    return rows;
  }

  /** The first row (LIMIT 1), or undefined. */
  async first(): Promise<R | undefined> {
    const rows = (await this.#read(1, undefined, undefined)).rows ?? [];
    return rows.length === 0 ? undefined : (rowFromDatabase(this.model, rows[0]) as R);
  }

  /** Exactly one row; NotFoundError when none, MultipleRowsError when several. */
  get(): Promise<R> {
    // Two rows are enough to know there is more than one; a read by its whole primary key can
    // match one row at most, so it goes without a LIMIT (the statement a keyed read should be).
    // Not async: the row is made in the statement's own promise (one promise per keyed read).
    try {
      const limit = this.#namesOneRow() ? this.#state.limit : Math.min(this.#state.limit ?? 2, 2);
      return this.#read(limit, undefined, undefined, (result) => this.#onlyRow(result));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #onlyRow(result: ResultSet): R {
    const rows = result.rows ?? [];
    if (rows.length === 0) throw new NotFoundError(`No row of "${this.model.table}" matches the query.`);
    if (rows.length > 1) {
      throw new MultipleRowsError(`More than one row of "${this.model.table}" matches a query that needs exactly one.`);
    }
    return rowFromDatabase(this.model, rows[0]) as R;
  }

  /** SELECT COUNT(*) of the matching rows. */
  async count(): Promise<number> {
    const target = resolveTarget(this.model, this.context);
    const compiled = compileStatement(this.#selectNode(target.keyspace, undefined, true));
    return countOf(await runStatement(target, compiled, this.#state.options));
  }

  /** One page of rows and the state to resume from (undefined after the last page). */
  async page(options: PageOptions = {}): Promise<Page<R>> {
    const fetchSize = options.fetchSize === undefined ? undefined : positiveInteger(options.fetchSize, 'fetchSize');
    return this.#page(await this.#read(undefined, options.pageState, fetchSize));
  }

  /** Iterates every matching row, fetching pages as it goes. */
  async *[Symbol.asyncIterator](): AsyncIterator<R> {
    let pageState: string | undefined;
    do {
      const page = this.#page(await this.#read(undefined, pageState, undefined));
      yield* page.rows;
      pageState = page.pageState;
    } while (pageState !== undefined);
  }

  // Not async itself: its callers await it or hand it on; build errors are thrown, not rejected.
  #read(limit: number | undefined, pageState: string | undefined, fetchSize: number | undefined): Promise<ResultSet>;
  #read<T>(limit: number | undefined, pageState: string | undefined, fetchSize: number | undefined, map: (result: ResultSet) => T): Promise<T>;
  #read<T>(
    limit: number | undefined,
    pageState: string | undefined,
    fetchSize: number | undefined,
    map?: (result: ResultSet) => T,
  ): Promise<T | ResultSet> {
    const target = resolveTarget(this.model, this.context);
    const compiled = compileStatement(this.#selectNode(target.keyspace, limit, false));
    const options = fetchSize === undefined ? this.#state.options : { ...this.#state.options, fetchSize };
    return map === undefined ? runStatement(target, compiled, options, pageState) : runStatement(target, compiled, options, pageState, map);
  }

  // Whether where() restricts every primary key column with `=` (so at most one row matches).
  #namesOneRow(): boolean {
    const { primaryKey, dbNames } = this.model;
    for (let i = 0; i < primaryKey.length; i++) {
      const condition = lastConditionOn(this.#where, dbNames[primaryKey[i]]);
      if (condition === undefined || condition.kind !== 'compare' || condition.op !== '=') return false;
    }
    return true;
  }

  #page(result: ResultSet): Page<R> {
    return { rows: mapRows<R>(this.model, result), pageState: nextPageState(result) };
  }

  #selectNode(keyspace: string, limitOverride: number | undefined, count: boolean): SelectNode {
    const state = this.#state;
    const limit = limitOverride ?? state.limit;
    const columns = state.columns ?? (state.distinct && !count ? this.model.partitionKey.map((p) => this.model.dbNames[p]) : undefined);
    // Made for one compile and dropped (the compiler keeps text, never nodes), so not frozen: the
    // builder's own state, which the node shares, is.
    return {
      kind: 'select',
      table: { keyspace, table: this.model.table },
      columns: count ? undefined : columns,
      count,
      distinct: state.distinct && !count,
      where: this.#where,
      orderBy: count ? [] : state.orderBy,
      perPartitionLimit: state.perPartitionLimit === undefined ? undefined : { value: state.perPartitionLimit },
      limit: limit === undefined ? undefined : { value: limit },
      allowFiltering: state.allowFiltering,
    };
  }

  // ---- writing ----

  /** Makes the write conditional on the row not existing (IF NOT EXISTS; inserts only). */
  ifNotExists(): Query<M, R> {
    return this.#with({ condition: Object.freeze({ kind: 'ifNotExists' }) });
  }

  /** Makes the write conditional on the row existing (IF EXISTS; updates and deletes). */
  ifExists(): Query<M, R> {
    return this.#with({ condition: Object.freeze({ kind: 'ifExists' }) });
  }

  /** Makes the write conditional on column values (IF col = ? AND ...; null: the column is absent). */
  if(conditions: IfConditions<M>): Query<M, R>;
  /** Makes the write conditional on one column: `= != < <= > >=` a value, or `in` a list. */
  if<K extends ConditionalColumnsOf<M>>(column: K, op: IfOperator, value: ColumnValue<M, K> | null | readonly ColumnValue<M, K>[]): Query<M, R>;
  if(...args: [IfConditions<M>] | [string, IfOperator, unknown]): Query<M, R> {
    const added = args.length === 1 ? ifConditions(this.model, args[0]) : [ifCondition(this.model, args[0], args[1], args[2])];
    const previous = this.#state.condition.kind === 'if' ? this.#state.condition.conditions : [];
    return this.#with({ condition: freezeCondition({ kind: 'if', conditions: [...previous, ...added] }) });
  }

  /** Time to live of written values, in seconds (0: none). */
  ttl(seconds: number): Query<M, R> {
    if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > MAX_TTL) {
      throw new QueryBuildError(`ttl must be an integer number of seconds from 0 to ${MAX_TTL}, got ${String(seconds)}.`);
    }
    return this.#with({ ttl: seconds });
  }

  /** Write timestamp in microseconds since the epoch. */
  timestamp(microseconds: bigint | number): Query<M, R> {
    const valid =
      typeof microseconds === 'number'
        ? Number.isSafeInteger(microseconds)
        : typeof microseconds === 'bigint' && microseconds >= -(2n ** 63n) && microseconds < 2n ** 63n;
    if (!valid) {
      throw new QueryBuildError(`timestamp must be an integer number of microseconds (a bigint beyond 2^53), got ${String(microseconds)}.`);
    }
    return this.#with({ timestamp: microseconds });
  }

  /** INSERT of `values` (validated, defaults applied). */
  createStatement(values: InferInsert<M>): WriteStatement<M> {
    return this.#statement(this.#insertDraft(values, 'create', false));
  }

  /** INSERT of a whole row: columns left out get their default, else null (the stored row becomes `row`). */
  saveStatement(row: InferInsert<M>): WriteStatement<M> {
    return this.#statement(this.#insertDraft(row, 'save', true));
  }

  /** UPDATE of the row the where() names by its full primary key. */
  updateStatement(changes: UpdateChanges<M>): WriteStatement<M> {
    return this.#statement(this.#updateDraft(changes));
  }

  /** DELETE of the rows the where() names, or (given columns) of those columns only. */
  deleteStatement(columns?: readonly DeletableColumnsOf<M>[]): WriteStatement<M> {
    return this.#statement(this.#deleteDraft(columns));
  }

  /** Inserts `values` (or queues the insert in the batch given with `.batch(b)`). */
  create(values: InferInsert<M>): Promise<void> {
    return this.#write('create', values);
  }

  /** Upserts a whole row (or queues it in the batch). */
  save(row: InferInsert<M>): Promise<void> {
    return this.#write('save', row);
  }

  /** Updates the row named by where() (or queues the update in the batch). */
  update(changes: UpdateChanges<M>): Promise<void> {
    return this.#write('update', changes);
  }

  /** Deletes the rows named by where(), or some of their columns (or queues it in the batch). */
  delete(columns?: readonly DeletableColumnsOf<M>[]): Promise<void> {
    return this.#write('delete', columns);
  }

  // Builds and runs (or queues) a write; build errors become rejections, as from an async method.
  // Not async itself, and run from the draft: a write makes no statement object and one promise
  // fewer than an async method would (both showed in the bench's profile). Told which write by
  // name rather than given a builder closure: one allocation fewer per write.
  #write(method: 'create' | 'save' | 'update' | 'delete', input: unknown): Promise<void> {
    try {
      const draft =
        method === 'create' ? this.#insertDraft(input as InferInsert<M>, 'create', false)
        : method === 'save' ? this.#insertDraft(input as InferInsert<M>, 'save', true)
        : method === 'update' ? this.#updateDraft(input as UpdateChanges<M>)
        : this.#deleteDraft(input as readonly DeletableColumnsOf<M>[] | undefined);
      const batch = this.#state.batch;
      if (batch === undefined) return runWrite(this.model, this.context, draft, this.#state.options);
      batch.add(this.#statement(draft));
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #updateDraft(changes: UpdateChanges<M>): WriteDraft {
    const state = this.#state;
    if (state.condition.kind === 'ifNotExists') throw new QueryBuildError('ifNotExists() applies to create/save, not update.');
    this.#requireKey('update', this.model.primaryKey);
    const assignments = buildAssignments(this.model, changes);
    return { kind: 'update', assignments, where: this.#where, condition: state.condition, using: this.#using() };
  }

  #deleteDraft(columns: readonly DeletableColumnsOf<M>[] = []): WriteDraft {
    const state = this.#state;
    if (state.condition.kind === 'ifNotExists') throw new QueryBuildError('ifNotExists() applies to create/save, not delete.');
    if (state.ttl !== undefined) throw new QueryBuildError('ttl() does not apply to delete.');
    if (!Array.isArray(columns)) throw new QueryBuildError('delete(columns) takes an array of column names.');
    const dbColumns = columns.map((column) => {
      const target = columnOf(this.model, column, 'delete');
      if (target.isKey) {
        throw new QueryBuildError(`delete(["${target.property}"]): a primary key column cannot be deleted on its own; delete the row.`);
      }
      return target.dbName;
    });
    this.#requireKey('delete', columns.length > 0 ? this.model.primaryKey : this.model.partitionKey);
    return { kind: 'delete', columns: dbColumns, where: this.#where, condition: state.condition, timestamp: this.#using().timestamp };
  }

  #insertDraft(values: InferInsert<M>, what: 'create' | 'save', wholeRow: boolean): WriteDraft {
    const state = this.#state;
    const model = this.model;
    if (model.isCounterTable) {
      throw new QueryBuildError(`"${model.table}" is a counter table: change it with update({ col: increment(n) }), not ${what}().`);
    }
    if (this.#where.length > 0) throw new QueryBuildError(`${what}() takes the key in its values; drop the where().`);
    if (state.condition.kind === 'ifExists' || state.condition.kind === 'if') {
      throw new QueryBuildError(`${what}() can only be conditional with ifNotExists(); use update() for IF EXISTS / IF conditions.`);
    }
    const parsed = validateInsertColumns(model, values);
    const layout = layoutOf(model);
    const { insertable } = layout;
    // Where no column has an encoder, the values are packed within the (fresh) parsed list: a
    // value is read before anything is written at or after its place. Otherwise sized for every
    // column (and cut to what was written).
    const bound = layout.insertNeedsNoEncoder ? parsed : new Array<unknown>(insertable.length);
    let count = 0;
    // Which columns are written, as bits (a shared name list per set) or, past 30 columns, as names.
    let present = 0;
    const names: string[] | undefined = insertable.length > MAX_INSERT_BITS ? [] : undefined;
    // Model column order keeps one shape per set of columns, whatever order the caller used.
    for (let i = 0; i < insertable.length; i++) {
      const target = insertable[i];
      const value = parsed[target.index];
      if (value === undefined && !wholeRow) continue;
      present |= 1 << i;
      names?.push(target.dbName);
      bound[count++] = value === undefined || value === null ? null : encodeParsed(target, value);
    }
    // Setting an array's length is a runtime call: only when something was left out.
    if (count < bound.length) bound.length = count;
    const columns = names ?? layout.insertNames(present);
    return { kind: 'insert', columns, values: bound, condition: state.condition, using: this.#using() };
  }

  #requireKey(what: string, required: readonly string[]): void {
    const where = this.#where;
    for (const condition of where) {
      if (condition.kind === 'token' || condition.kind === 'contains' || condition.kind === 'containsKey') {
        throw new QueryBuildError(`${what}() addresses rows by their key; a ${condition.kind} restriction cannot be used.`);
      }
      const property = this.model.propertyNames[condition.column];
      if (!this.model.primaryKey.includes(property)) {
        throw new QueryBuildError(`${what}() can only restrict primary key columns; "${property}" is not one.`);
      }
    }
    // Plain loops over the (short) key and where lists: this runs for every update and delete.
    let missing: string[] | undefined;
    let ranged: string[] | undefined;
    for (const property of required) {
      const condition = lastConditionOn(where, this.model.dbNames[property]);
      if (condition === undefined) (missing ??= []).push(property);
      else if (condition.kind === 'compare' && condition.op !== '=') (ranged ??= []).push(property);
    }
    if (missing !== undefined) {
      throw new QueryBuildError(
        `${what}() of "${this.model.table}" needs where() to name ${required.join(', ')}; missing: ${missing.join(', ')}.`,
      );
    }
    if (what === 'update' && ranged !== undefined) {
      throw new QueryBuildError(`update() needs = or in on every key column, not a range (${ranged.join(', ')}).`);
    }
  }

  #using(): WriteUsingNode {
    const { ttl, timestamp } = this.#state;
    if (ttl === undefined && timestamp === undefined) return NO_USING;
    return {
      ttl: ttl === undefined ? undefined : { value: ttl },
      // Bound like a bigint column's value (the codec's mapping: JS bigint, useBigIntAsLong clients).
      timestamp: timestamp === undefined ? undefined : { value: BigInt(timestamp) },
    };
  }

  #statement(draft: WriteDraft): WriteStatement<M> {
    return new WriteStatement<M>(this.model, this.context, draft, this.#state.options);
  }
}

/** The last where() restriction on a column (a later one on the same column is the one that counts here). */
function lastConditionOn(where: readonly ConditionNode[], dbName: string): ConditionNode | undefined {
  for (let i = where.length - 1; i >= 0; i--) {
    const condition = where[i];
    if (condition.kind !== 'token' && condition.column === dbName) return condition;
  }
  return undefined;
}

function positiveInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new QueryBuildError(`${what} must be a positive integer, got ${String(value)}.`);
  return value;
}

function freezeCondition(condition: WriteConditionNode): WriteConditionNode {
  if (condition.kind === 'if') return Object.freeze({ kind: 'if', conditions: Object.freeze([...condition.conditions]) });
  return Object.freeze(condition);
}
