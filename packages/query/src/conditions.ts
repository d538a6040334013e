// WHERE and IF restrictions: builder input (property names, JS values) → condition nodes
// (database names, validated and encoded values). Every check happens here, before sending.
import { QueryBuildError } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import { describeInput } from './describe-input';
import { columnOf, encodeCollectionPart, encodeColumnValue, encodeNullableColumnValue, type ModelColumn } from './model-columns';
import type { ComparisonOperator, IfOperator, WhereOperator } from './query-types';
import { ownValue } from './own-properties';
import type { ConditionNode, WriteConditionNode } from './statement-node';

const COMPARISONS: readonly string[] = ['=', '<', '<=', '>', '>='];
const OPERATORS: readonly string[] = [...COMPARISONS, 'in', 'contains', 'containsKey'];
const IF_OPERATORS: readonly string[] = [...COMPARISONS, '!=', 'in'];

/** True for `= < <= > >=`. */
export function isComparison(op: unknown): op is ComparisonOperator {
  return typeof op === 'string' && COMPARISONS.includes(op);
}

/** One `where(column, op, value)` restriction. */
export function whereCondition(model: AnyModel, property: unknown, op: unknown, value: unknown): ConditionNode {
  const target = columnOf(model, property, 'where');
  if (typeof op !== 'string' || !OPERATORS.includes(op)) {
    throw new QueryBuildError(`Unknown where operator ${describeInput(op)}; use one of ${OPERATORS.join(', ')}.`);
  }
  const operator = op as WhereOperator;
  switch (operator) {
    case 'in': {
      if (!Array.isArray(value)) {
        throw new QueryBuildError(`where("${target.property}", 'in', values) needs an array of values.`);
      }
      // `IN ()` matches nothing and Cassandra rejects it; an empty list is almost always a bug upstream.
      if (value.length === 0) {
        throw new QueryBuildError(`where("${target.property}", 'in', []) has an empty list; it can match no row.`);
      }
      const encoded = value.map((element) => encodeColumnValue(target, element, "where 'in'"));
      return { kind: 'in', column: target.dbName, value: encoded };
    }
    case 'contains': {
      const part = target.column.cql.kind === 'map' ? 'value' : 'element';
      return { kind: 'contains', column: target.dbName, value: encodeCollectionPart(model, target, part, value, "where 'contains'") };
    }
    case 'containsKey':
      if (target.column.cql.kind !== 'map') {
        throw new QueryBuildError(`where("${target.property}", 'containsKey', ...) needs a map column.`);
      }
      return { kind: 'containsKey', column: target.dbName, value: encodeCollectionPart(model, target, 'key', value, "where 'containsKey'") };
    default:
      return compareCondition(target, operator, value);
  }
}

function compareCondition(target: ModelColumn, op: ComparisonOperator, value: unknown): ConditionNode {
  return { kind: 'compare', column: target.dbName, op, value: encodeColumnValue(target, value, 'where') };
}

/** Equality restrictions from `where({ col: value, ... })`. */
export function whereEquals(model: AnyModel, values: unknown): ConditionNode[] {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new QueryBuildError('where() needs an object of column values, or (column, operator, value).');
  }
  // A plain loop into one array: this runs for every keyed read, and entries/filter/map would
  // make three.
  const given = values as Record<string, unknown>;
  const properties = Object.keys(given);
  // Sized up front (and cut to the defined values): one allocation of the size needed.
  const conditions = new Array<ConditionNode>(properties.length);
  let count = 0;
  for (let i = 0; i < properties.length; i++) {
    const value = given[properties[i]];
    if (value !== undefined) conditions[count++] = compareCondition(columnOf(model, properties[i], 'where'), '=', value);
  }
  if (count === 0) throw new QueryBuildError('where({}) names no column.');
  // Setting an array's length is a runtime call: only when an undefined value was left out.
  if (count < conditions.length) conditions.length = count;
  return conditions;
}

/** `token(pk...) op token(?...)` from the partition key values. */
export function tokenCondition(model: AnyModel, op: unknown, key: unknown): ConditionNode {
  if (!isComparison(op)) {
    throw new QueryBuildError(`Unknown token operator ${describeInput(op)}; use one of ${COMPARISONS.join(', ')}.`);
  }
  if (typeof key !== 'object' || key === null) {
    throw new QueryBuildError(`whereToken needs the partition key as an object: { ${model.partitionKey.join(', ')} }.`);
  }
  const extra = Object.keys(key).filter((name) => !model.partitionKey.includes(name));
  if (extra.length > 0) {
    throw new QueryBuildError(
      `whereToken takes only the partition key (${model.partitionKey.join(', ')}), not ${extra.map(describeInput).join(', ')}.`,
    );
  }
  const columns = model.partitionKey.map((property) => columnOf(model, property, 'whereToken'));
  // Own properties only: a key column inherited from a prototype is a missing value.
  const value = columns.map((target) => encodeColumnValue(target, ownValue(key, target.property), 'whereToken'));
  return { kind: 'token', columns: columns.map((c) => c.dbName), op, value };
}

/** `IF col = ? AND ...` from `.if({ ... })`; null checks that the column is absent. */
export function ifConditions(model: AnyModel, conditions: unknown): ConditionNode[] {
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions)) {
    throw new QueryBuildError('if() needs an object of column values, or (column, operator, value).');
  }
  const entries = Object.entries(conditions).filter(([, value]) => value !== undefined);
  if (entries.length === 0) throw new QueryBuildError('if({}) names no column.');
  return entries.map(([property, value]) => ifCondition(model, property, '=', value));
}

/** One `IF col op ?` condition from `.if(column, op, value)`; `=`/`!=` null tests absence/presence. */
export function ifCondition(model: AnyModel, property: unknown, op: unknown, value: unknown): ConditionNode {
  const target = columnOf(model, property, 'if');
  if (target.isKey) {
    throw new QueryBuildError(`if() cannot test primary key column "${target.property}"; restrict it with where().`);
  }
  if (typeof op !== 'string' || !IF_OPERATORS.includes(op)) {
    throw new QueryBuildError(`Unknown if operator ${describeInput(op)}; use one of ${IF_OPERATORS.join(', ')}.`);
  }
  const operator = op as IfOperator;
  if (operator === 'in') {
    if (!Array.isArray(value) || value.length === 0) {
      throw new QueryBuildError(`if("${target.property}", 'in', values) needs a non-empty array of values.`);
    }
    return { kind: 'in', column: target.dbName, value: value.map((element) => encodeColumnValue(target, element, "if 'in'")) };
  }
  // Only equality tests can meaningfully compare with null (absent); Cassandra rejects `< null`.
  const encoded = operator === '=' || operator === '!=' ? encodeNullableColumnValue(target, value) : encodeColumnValue(target, value, 'if');
  return { kind: 'compare', column: target.dbName, op: operator, value: encoded };
}

/** A write condition with `added` joined (AND) to the IF conditions of `current`; frozen, like the state holding it. */
export function joinIfConditions(current: WriteConditionNode, added: readonly ConditionNode[]): WriteConditionNode {
  const previous = current.kind === 'if' ? current.conditions : [];
  return Object.freeze({ kind: 'if', conditions: Object.freeze([...previous, ...added]) });
}

/** The last where() restriction on a column (a later one on the same column is the one that counts). */
export function lastConditionOn(where: readonly ConditionNode[], dbName: string): ConditionNode | undefined {
  for (let i = where.length - 1; i >= 0; i--) {
    const condition = where[i];
    if (condition.kind !== 'token' && condition.column === dbName) return condition;
  }
  return undefined;
}
