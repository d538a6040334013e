// The read terminals of a query (toCQL, first, get, count, page, for await, all): each builds the
// builder's SELECT node for its resolved keyspace, compiles it and runs it. QueryImpl calls them
// with its parts; they keep nothing between calls.
import { MultipleRowsError, NotFoundError, QueryBuildError, type ResolvedTarget, type ResultSet } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import { layoutOf } from '@cassia/schema/internal';
import { compileStatement, textOf, type CompiledStatement, type RunnableStatement } from './compiler';
import { lastConditionOn } from './conditions';
import { describeInput } from './describe-input';
import { countOf, nextPageState } from './executor';
import { rowOfRead, rowReaderOf, rowsOfRead } from './expression-rows';
import { runRead } from './pipeline-run';
import { frozenBag, isOptionBag, ownCopy } from './own-properties';
import { PagedRead } from './paged-read';
import { PagedRowLists } from './paged-row-lists';
import { PagedRows } from './paged-rows';
import { checkCursor, cursorBinding, openCursor, signCursor, type OpenedCursor } from './page-cursor';
import { pageCursorKeysOf } from './page-cursor-keys';
import type { Page, PageOptions } from './query';
import type { QueryContext } from './query-context';
import type { QueryState } from './query-state';
import { resolveKeyspace, resolveTarget } from './resolve-target';
import { checkExtrasRead, type SelectExtras } from './select-extras';
import type { ConditionNode, SelectNode } from './statement-node';
import { positiveInt32 } from './statement-limits';

const PAGE_OPTION_KEYS: ReadonlySet<string> = new Set(['pageState', 'fetchSize', 'rawPageState', 'includeRawPageState']);

/** The SELECT's CQL and bound values in the keyspace it would run in, without running it. */
export function selectCql(model: AnyModel, context: QueryContext, state: QueryState, where: readonly ConditionNode[]): CompiledStatement {
  return textOf(compileStatement(selectNode(model, state, where, resolveKeyspace(model, context), undefined, false)));
}

/** The first row (LIMIT 1, or the keyed read when where() names the whole primary key), or undefined. */
export function readFirst<R>(model: AnyModel, context: QueryContext, state: QueryState, where: readonly ConditionNode[]): Promise<R | undefined> {
  // Not async, as readOnlyRow: one promise per read, and a build error becomes a rejection here.
  try {
    const target = resolveTarget(model, context);
    // A read by its whole primary key matches one row at most: the keyed statement, no LIMIT.
    const compiled =
      isPlainKeyedRead(model, state, where) && namesOneRow(model, where)
        ? keyedSelect(model, where, target.keyspace)
        : compileStatement(selectNode(model, state, where, target.keyspace, 1, false));
    return runRead(model, target, compiled, state.options, state, undefined, undefined, (result) => firstRow<R>(model, state, result));
  } catch (error) {
    return Promise.reject(error);
  }
}

function firstRow<R>(model: AnyModel, state: QueryState, result: ResultSet): R | undefined {
  const rows = result.rows ?? [];
  return rows.length === 0 ? undefined : rowOfRead<R>(model, state.extras, rows[0]);
}

/** Exactly one row; NotFoundError when none, MultipleRowsError when several. */
export function readOnlyRow<R>(model: AnyModel, context: QueryContext, state: QueryState, where: readonly ConditionNode[]): Promise<R> {
  // Not async: the row is made inside the statement's own promise (one promise per keyed read),
  // and a build error becomes a rejection here.
  try {
    // Two rows are enough to know there is more than one; a read by its whole primary key can
    // match one row at most, so it goes without a LIMIT (the statement a keyed read should be).
    const oneRow = namesOneRow(model, where);
    const target = resolveTarget(model, context);
    const compiled =
      oneRow && isPlainKeyedRead(model, state, where)
        ? keyedSelect(model, where, target.keyspace)
        : compileStatement(selectNode(model, state, where, target.keyspace, oneRow ? state.limit : Math.min(state.limit ?? 2, 2), false));
    return runRead(model, target, compiled, state.options, state, undefined, undefined, (result) => onlyRow<R>(model, state, result));
  } catch (error) {
    return Promise.reject(error);
  }
}

function onlyRow<R>(model: AnyModel, state: QueryState, result: ResultSet): R {
  const rows = result.rows ?? [];
  if (rows.length === 0) throw new NotFoundError(`No row of "${model.table}" matches the query.`);
  if (rows.length > 1) {
    throw new MultipleRowsError(`More than one row of "${model.table}" matches a query that needs exactly one.`);
  }
  return rowOfRead<R>(model, state.extras, rows[0]);
}

/** SELECT COUNT(*) of the matching rows. */
export async function readCount(model: AnyModel, context: QueryContext, state: QueryState, where: readonly ConditionNode[]): Promise<number> {
  if (state.extras !== undefined) {
    throw new QueryBuildError('count() cannot be combined with orderByAnn(), select expressions or groupBy(): use aggregate((f) => ({ n: f.count() })).');
  }
  const target = resolveTarget(model, context);
  const compiled = compileStatement(selectNode(model, state, where, target.keyspace, undefined, true));
  return countOf(await runRead(model, target, compiled, state.options, state));
}

/** One page of rows and a signed cursor to the next (see Query.page). */
export async function readPage<R>(
  model: AnyModel,
  context: QueryContext,
  state: QueryState,
  where: readonly ConditionNode[],
  options: PageOptions,
): Promise<Page<R>> {
  const given = checkPageOptions(options);
  const keys = pageCursorKeysOf(context.registry);
  const cursor: OpenedCursor | undefined = given.pageState === undefined ? undefined : openCursor(keys, given.pageState);
  const fetchSize = given.fetchSize ?? state.options.fetchSize;
  const target = resolveTarget(model, context);
  const compiled = compileStatement(selectNode(model, state, where, target.keyspace, undefined, false));
  const binding = cursorBinding(target, { cql: compiled.cql, params: compiled.params, fetchSize, limit: state.limit }, keys);
  if (cursor !== undefined) checkCursor(cursor, binding);
  const statementOptions = given.fetchSize === undefined ? state.options : frozenBag({ ...state.options, fetchSize });
  const result = await runRead(model, target, compiled, statementOptions, state, cursor?.pagingState ?? given.rawPageState);
  const raw = nextPageState(result);
  const page: { rows: R[]; pageState: string | undefined; rawPageState?: string | undefined } = {
    rows: rowsOfRead<R>(model, state.extras, result),
    pageState: raw === undefined ? undefined : signCursor(keys, binding, Buffer.from(raw, 'hex')),
  };
  if (given.includeRawPageState === true) page.rawPageState = raw;
  return page;
}

/**
 * Every matching row, page after page, on the connection and keyspace resolved at the first
 * page (see Query[Symbol.asyncIterator]); the read starts at the first next().
 */
export function readRows<R>(model: AnyModel, context: QueryContext, state: QueryState, where: readonly ConditionNode[]): AsyncIterableIterator<R> {
  return new PagedRows<R>(() => openRead(model, context, state, where), rowReaderOf<R>(model, state.extras));
}

/** Every matching row a page at a time (see Query.pages), on the target resolved at the first page. */
export function readPages<R>(model: AnyModel, context: QueryContext, state: QueryState, where: readonly ConditionNode[]): AsyncIterableIterator<R[]> {
  return new PagedRowLists<R>(() => openRead(model, context, state, where), rowReaderOf<R>(model, state.extras));
}

/** Every matching row, reading page after page. */
export async function readAll<R>(model: AnyModel, context: QueryContext, state: QueryState, where: readonly ConditionNode[]): Promise<R[]> {
  const read = openRead(model, context, state, where);
  const readRow = rowReaderOf<R>(model, state.extras);
  const rows: R[] = [];
  try {
    for (let page = read.next(); page !== undefined; page = read.next()) {
      const driverRows = (await page).rows ?? [];
      for (let i = 0; i < driverRows.length; i++) rows.push(readRow(driverRows[i]));
    }
  } finally {
    read.close();
  }
  return rows;
}

// The builder's SELECT compiled for its resolved target, its first page requested.
function openRead(model: AnyModel, context: QueryContext, state: QueryState, where: readonly ConditionNode[]): PagedRead {
  const target: ResolvedTarget = resolveTarget(model, context);
  return new PagedRead(model, target, compileStatement(selectNode(model, state, where, target.keyspace, undefined, false)), state);
}

// A read of all columns whose where() is exactly one `=` per primary key column (namesOneRow
// holds) and nothing else: the layout's keyed SELECT is its statement.
function isPlainKeyedRead(model: AnyModel, state: QueryState, where: readonly ConditionNode[]): boolean {
  return (
    where.length === model.primaryKey.length && state.columns === undefined && !state.distinct && !state.allowFiltering &&
    state.limit === undefined && state.perPartitionLimit === undefined && state.orderBy.length === 0 && state.extras === undefined
  );
}

// The layout's keyed SELECT, binding the key values in primary key order (where() may name them in any order).
function keyedSelect(model: AnyModel, where: readonly ConditionNode[], keyspace: string): RunnableStatement {
  const layout = layoutOf(model);
  const key = layout.primaryKey;
  const params = new Array<unknown>(key.length);
  for (let i = 0; i < key.length; i++) params[i] = (lastConditionOn(where, key[i].dbName) as { readonly value: unknown }).value;
  return { cql: layout.keyedSelectCql(keyspace), params, safety: 'read' };
}

// Whether where() restricts every primary key column with `=` (so at most one row matches).
function namesOneRow(model: AnyModel, where: readonly ConditionNode[]): boolean {
  const { primaryKey, dbNames } = model;
  for (let i = 0; i < primaryKey.length; i++) {
    const condition = lastConditionOn(where, dbNames[primaryKey[i]]);
    if (condition === undefined || condition.kind !== 'compare' || condition.op !== '=') return false;
  }
  return true;
}

/** The SELECT node of a builder's state in a keyspace (also the base of a scan's statement). */
export function selectNode(
  model: AnyModel,
  state: QueryState,
  where: readonly ConditionNode[],
  keyspace: string,
  limitOverride: number | undefined,
  count: boolean,
): SelectNode {
  const limit = limitOverride ?? state.limit;
  const extras = state.extras;
  if (extras !== undefined) return selectNodeWithExtras(model, state, where, keyspace, limit, extras);
  const columns = state.columns ?? (state.distinct && !count ? model.partitionKey.map((p) => model.dbNames[p]) : undefined);
  // Not frozen: made for one compile and dropped (the compiler keeps text, never nodes); the
  // builder's state, whose frozen parts it shares, is what must not change.
  return {
    kind: 'select',
    table: { keyspace, table: model.table },
    columns: count ? undefined : columns,
    count,
    distinct: state.distinct && !count,
    where,
    orderBy: count ? [] : state.orderBy,
    perPartitionLimit: state.perPartitionLimit === undefined ? undefined : { value: state.perPartitionLimit },
    limit: limit === undefined ? undefined : { value: limit },
    allowFiltering: state.allowFiltering,
  };
}

// A SELECT with expressions, ANN ordering or GROUP BY: without select(), per-row expressions are
// read beside every column (CQL has no `*, expr`), aggregates alone, and no expression means `*`.
function selectNodeWithExtras(
  model: AnyModel,
  state: QueryState,
  where: readonly ConditionNode[],
  keyspace: string,
  limit: number | undefined,
  extras: SelectExtras,
): SelectNode {
  checkExtrasRead(extras, limit, state.orderBy.length, state.distinct);
  const columns = state.columns ?? (extras.expressions.length === 0 ? undefined : extras.perRow ? layoutOf(model).columns.map((c) => c.dbName) : []);
  return {
    kind: 'select',
    table: { keyspace, table: model.table },
    columns,
    count: false,
    distinct: false,
    where,
    orderBy: state.orderBy,
    perPartitionLimit: state.perPartitionLimit === undefined ? undefined : { value: state.perPartitionLimit },
    limit: limit === undefined ? undefined : { value: limit },
    allowFiltering: state.allowFiltering,
    extras,
  };
}

// page()'s options as a null-prototype copy of their own properties, each checked.
function checkPageOptions(options: unknown): PageOptions {
  if (!isOptionBag(options)) throw new QueryBuildError(`page() takes an options object { pageState?, fetchSize? }, got ${describeInput(options)}.`);
  const unknown = Object.keys(options).filter((key) => !PAGE_OPTION_KEYS.has(key));
  if (unknown.length > 0) {
    throw new QueryBuildError(`Unknown page() option(s) ${unknown.map(describeInput).join(', ')}: use ${[...PAGE_OPTION_KEYS].join(', ')}.`);
  }
  const given = ownCopy(options as PageOptions);
  if (given.fetchSize !== undefined) positiveInt32(given.fetchSize, 'page() fetchSize');
  if (given.pageState !== undefined && given.rawPageState !== undefined) {
    throw new QueryBuildError('page() takes a pageState cursor or a rawPageState, not both.');
  }
  const raw = given.rawPageState;
  if (raw !== undefined && !(typeof raw === 'string' && /^(?:[0-9a-f]{2})+$/i.test(raw)) && !Buffer.isBuffer(raw)) {
    throw new QueryBuildError('page(): rawPageState must be the hex string or Buffer of a paging state Cassandra returned.');
  }
  if (given.includeRawPageState !== undefined && typeof given.includeRawPageState !== 'boolean') {
    throw new QueryBuildError('page(): includeRawPageState must be a boolean.');
  }
  return given;
}
