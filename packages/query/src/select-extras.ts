// Vector search and select expressions of a query: orderByAnn, similarity scores, writetime/ttl,
// aggregates and GROUP BY, checked when the builder method is called and kept in the builder's
// state as frozen plain data (database names, encoded values) that is the SELECT node's extras.
import { QueryBuildError } from '@cassia/core';
import { assertIdentifier } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { layoutOf } from '@cassia/schema/internal';
import { describeInput } from './describe-input';
import { columnOf, encodeColumnValue, type ModelColumn } from './model-columns';
import type { AggregateExpression, AggregateFunctions } from './select-expression-types';
import type { SelectExpressionNode, SelectExtrasNode, SimilarityFunction } from './statement-node';

/** Cassandra 5.0's largest LIMIT of an ANN query (its `cassandra.sai.vector_search.max_top_k`, 1000 unless a server raises it). */
export const MAX_ANN_LIMIT = 1000;

const SIMILARITY_FUNCTIONS: ReadonlySet<string> = new Set<SimilarityFunction>(['cosine', 'dot_product', 'euclidean']);

/** How one expression's result is read from a driver row: its alias, and the decoder to its JS value. */
export interface ExpressionReader {
  readonly alias: string;
  readonly decode: ((value: unknown) => unknown) | undefined;
}

/** The extras in a builder's state: the node's data and how rows are read. */
export interface SelectExtras extends SelectExtrasNode {
  /** Some expression is per row (similarity, writetime, ttl): without select() every column is read beside it. */
  readonly perRow: boolean;
  /** Some expression is an aggregate: without select() only the expressions are read. */
  readonly aggregates: boolean;
  readonly readers: readonly ExpressionReader[];
}

const NO_EXTRAS: SelectExtras = Object.freeze({
  expressions: Object.freeze([]),
  ann: undefined,
  groupBy: Object.freeze([]),
  perRow: false,
  aggregates: false,
  readers: Object.freeze([]),
});

/** The extras with `ORDER BY column ANN OF vector` (a vector column; the vector validated against its dimension and bound). */
export function withAnn(model: AnyModel, extras: SelectExtras | undefined, column: unknown, vector: unknown): SelectExtras {
  const current = extras ?? NO_EXTRAS;
  const target = vectorColumn(model, column, 'orderByAnn');
  if (current.ann !== undefined) throw new QueryBuildError('orderByAnn() was called already: a query orders by one vector.');
  const value = encodeColumnValue(target, vector, `orderByAnn("${target.property}")`);
  return Object.freeze({ ...current, ann: Object.freeze({ column: target.dbName, value }) });
}

/** The extras with `similarity_<fn>(column, ?) AS alias`. */
export function withSimilarity(model: AnyModel, extras: SelectExtras | undefined, fn: unknown, column: unknown, vector: unknown, alias: unknown): SelectExtras {
  if (typeof fn !== 'string' || !SIMILARITY_FUNCTIONS.has(fn)) {
    throw new QueryBuildError(`selectSimilarity: the function must be 'cosine', 'dot_product' or 'euclidean', got ${describeInput(fn)}.`);
  }
  const target = vectorColumn(model, column, 'selectSimilarity');
  const value = encodeColumnValue(target, vector, `selectSimilarity("${target.property}")`);
  const name = freshAlias(model, extras, alias, 'selectSimilarity');
  const node: SelectExpressionNode = Object.freeze({ kind: 'similarity', fn: fn as SimilarityFunction, column: target.dbName, value, alias: name });
  return withExpression(extras, node, { alias: name, decode: undefined }, false);
}

/** The extras with `WRITETIME(column) AS alias` or `TTL(column) AS alias`. */
export function withCellMetadata(model: AnyModel, extras: SelectExtras | undefined, kind: 'writetime' | 'ttl', column: unknown, alias: unknown): SelectExtras {
  const what = kind === 'writetime' ? 'selectWritetime' : 'selectTtl';
  const target = columnOf(model, column, what);
  if (target.isKey || target.isCounter || ((target.cql.kind === 'list' || target.cql.kind === 'set' || target.cql.kind === 'map') && !target.cql.frozen)) {
    throw new QueryBuildError(`${what}("${target.property}"): only a non-key, non-counter column of one cell (not a non-frozen collection) has a write time and TTL.`);
  }
  const name = freshAlias(model, extras, alias, what);
  const node: SelectExpressionNode = Object.freeze({ kind, column: target.dbName, alias: name });
  return withExpression(extras, node, { alias: name, decode: undefined }, false);
}

/** The extras with each aggregate of `aggregates` as `FN(column) AS alias`, in the object's key order. */
export function withAggregates(model: AnyModel, extras: SelectExtras | undefined, aggregates: unknown): SelectExtras {
  if (typeof aggregates !== 'object' || aggregates === null || Array.isArray(aggregates)) {
    throw new QueryBuildError(`aggregate() takes a callback returning an object of aggregates by alias, got ${describeInput(aggregates)}.`);
  }
  const entries = Object.entries(aggregates);
  if (entries.length === 0) throw new QueryBuildError('aggregate() needs at least one aggregate.');
  let current = extras;
  for (const [alias, expression] of entries) {
    if (!isAggregate(expression)) {
      throw new QueryBuildError(`aggregate(): "${alias}" must be made by the callback's functions (f.count(), f.sum('col'), ...), got ${describeInput(expression)}.`);
    }
    const target = expression.column === undefined ? undefined : columnOf(model, expression.column, `aggregate() ${expression.kind}`);
    checkAggregateColumn(expression.kind, target);
    const name = freshAlias(model, current, alias, 'aggregate');
    const node: SelectExpressionNode = Object.freeze({ kind: expression.kind, column: target?.dbName, alias: name }) as SelectExpressionNode;
    current = withExpression(current, node, { alias: name, decode: aggregateDecoder(expression.kind, target) }, true);
  }
  return current!;
}

/** The extras with `GROUP BY columns`: primary key columns, a prefix of the key in key order. */
export function withGroupBy(model: AnyModel, extras: SelectExtras | undefined, columns: readonly unknown[]): SelectExtras {
  const current = extras ?? NO_EXTRAS;
  if (columns.length === 0) throw new QueryBuildError('groupBy() needs at least one column.');
  if (current.groupBy.length > 0) throw new QueryBuildError('groupBy() was called already.');
  const key = layoutOf(model).primaryKey;
  const dbNames = columns.map((column, i) => {
    const target = columnOf(model, column, 'groupBy');
    if (key[i]?.property !== target.property) {
      throw new QueryBuildError(
        `groupBy() takes a prefix of the primary key in order (${key.map((c) => c.property).join(', ')}); "${target.property}" cannot come at position ${i + 1}.`,
      );
    }
    return target.dbName;
  });
  return Object.freeze({ ...current, groupBy: Object.freeze(dbNames) });
}

/** The functions `aggregate()` hands its callback (one object for every model: columns are checked when the aggregates are added). */
export const AGGREGATE_FUNCTIONS: AggregateFunctions<AnyModel> = Object.freeze({
  count: (column?: string) => aggregate('count', column),
  min: (column: string) => aggregate('min', column),
  max: (column: string) => aggregate('max', column),
  sum: (column: string) => aggregate('sum', column),
  avg: (column: string) => aggregate('avg', column),
}) as AggregateFunctions<AnyModel>;

/**
 * Refuses what the server would refuse or what the row type cannot describe, before anything is
 * sent: ANN without a LIMIT from 1 to MAX_ANN_LIMIT, ANN beside a clustering ORDER BY, DISTINCT
 * with expressions.
 */
export function checkExtrasRead(extras: SelectExtras, limit: number | undefined, orderBy: number, distinct: boolean): void {
  if (extras.ann !== undefined) {
    if (limit === undefined || limit > MAX_ANN_LIMIT) {
      throw new QueryBuildError(
        `orderByAnn() needs limit(n) with n from 1 to ${MAX_ANN_LIMIT} (Cassandra's largest ANN LIMIT), got ${limit === undefined ? 'no limit' : limit}.`,
      );
    }
    if (orderBy > 0) throw new QueryBuildError('orderByAnn() cannot be combined with orderBy(): an ANN query is ordered by similarity only.');
  }
  if (distinct && extras.expressions.length > 0) throw new QueryBuildError('distinct() cannot be combined with select expressions or aggregates.');
}

/** Whether `value` is an aggregate made by AGGREGATE_FUNCTIONS. */
function isAggregate(value: unknown): value is AggregateExpression<unknown> {
  return typeof value === 'object' && value !== null && MADE_AGGREGATES.has(value);
}

const MADE_AGGREGATES = new WeakSet<object>();

function aggregate(kind: AggregateExpression<unknown>['kind'], column: string | undefined): AggregateExpression<unknown> {
  const made = Object.freeze({ kind, column });
  MADE_AGGREGATES.add(made);
  return made;
}

function checkAggregateColumn(kind: AggregateExpression<unknown>['kind'], target: ModelColumn | undefined): void {
  if (target === undefined) {
    if (kind !== 'count') throw new QueryBuildError(`aggregate(): ${kind}() needs a column.`);
    return;
  }
  const cql = target.cql;
  if (kind !== 'count' && (cql.kind === 'list' || cql.kind === 'set' || cql.kind === 'map' || cql.kind === 'vector')) {
    throw new QueryBuildError(`aggregate(): ${kind}("${target.property}") needs a column that is not a collection or vector.`);
  }
  if ((kind === 'sum' || kind === 'avg') && !(cql.kind === 'native' && NUMERIC_TYPES.has(cql.name))) {
    throw new QueryBuildError(`aggregate(): ${kind}("${target.property}") needs a numeric column (int, bigint, float, double, varint, decimal, counter, ...).`);
  }
}

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['tinyint', 'smallint', 'int', 'bigint', 'varint', 'float', 'double', 'decimal', 'counter']);

// COUNT is a bigint (64-bit) on the wire, read as a number as count() reads it; the others have
// their column's type and decode as the column does.
function aggregateDecoder(kind: AggregateExpression<unknown>['kind'], target: ModelColumn | undefined): ((value: unknown) => unknown) | undefined {
  if (kind === 'count') return countValue;
  return target?.decode;
}

function countValue(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : (value as number);
}

function vectorColumn(model: AnyModel, column: unknown, what: string): ModelColumn {
  const target = columnOf(model, column, what);
  if (target.cql.kind !== 'vector') {
    throw new QueryBuildError(`${what}("${target.property}"): the column must be a vector column (t.vector), but it is ${target.cql.kind === 'native' ? target.cql.name : `a ${target.cql.kind}`}.`);
  }
  return target;
}

// The alias as given, when it is an identifier that names no column (by property or database
// name) and no earlier expression: the row holds columns and aliases side by side.
function freshAlias(model: AnyModel, extras: SelectExtras | undefined, alias: unknown, what: string): string {
  assertIdentifier(alias, `${what} alias`);
  if (Object.hasOwn(model.columns, alias) || Object.hasOwn(model.propertyNames, alias)) {
    throw new QueryBuildError(`${what}: the alias "${alias}" names a column of "${model.table}"; choose another.`);
  }
  if (extras !== undefined && extras.readers.some((reader) => reader.alias === alias)) {
    throw new QueryBuildError(`${what}: the alias "${alias}" is used twice.`);
  }
  return alias;
}

function withExpression(extras: SelectExtras | undefined, node: SelectExpressionNode, reader: ExpressionReader, isAggregate: boolean): SelectExtras {
  const current = extras ?? NO_EXTRAS;
  if (isAggregate ? current.perRow : current.aggregates) {
    throw new QueryBuildError('Aggregates cannot be combined with per-row expressions (similarity, writetime, ttl) in one query.');
  }
  return Object.freeze({
    ...current,
    expressions: Object.freeze([...current.expressions, node]),
    readers: Object.freeze([...current.readers, Object.freeze(reader)]),
    perRow: current.perRow || !isAggregate,
    aggregates: current.aggregates || isAggregate,
  });
}
