// A statement node's shape: everything its CQL text depends on (statement kind, table, column
// names, operators, which optional clauses are present) and none of its bound values, as a
// sequence of tokens. Equal token sequences must compile to equal text (the shape cache's key).
import { QueryBuildError } from '@cassia/core';
import { isSharedNameList } from './shared-name-list';
import type { ConditionNode, SelectExtrasNode, StatementNode, WriteConditionNode, WriteUsingNode } from './statement-node';

/** One token of a node's shape: an identifier, an operator or keyword, a count or flag set, or a shared name list. */
export type ShapeToken = string | number | readonly string[];

/** Receives a node's shape, token by token (see walkShape). */
export interface ShapeVisitor {
  token(token: ShapeToken): void;
}

/**
 * Visits the tokens of a node's shape. Every list is preceded by its length (a shared name list is
 * one token), so the token sequence reads one way only. Kinds, flags and operators are packed into
 * small numbers so that a shape has few tokens.
 */
export function walkShape(node: StatementNode, visit: ShapeVisitor): void {
  switch (node.kind) {
    case 'select':
      // kind 0 | flags << 2 | no column list << 7
      visit.token(
        (node.count ? 4 : 0) | (node.distinct ? 8 : 0) | (node.allowFiltering ? 16 : 0) | (node.perPartitionLimit === undefined ? 0 : 32) |
          (node.limit === undefined ? 0 : 64) | (node.columns === undefined ? 128 : 0) | (node.extras === undefined ? 0 : 256),
      );
      tableShape(node, visit);
      if (node.columns !== undefined) names(node.columns, visit);
      conditionsShape(node.where, visit);
      visit.token(node.orderBy.length);
      for (let i = 0; i < node.orderBy.length; i++) {
        visit.token(node.orderBy[i].column);
        visit.token(node.orderBy[i].direction);
      }
      if (node.extras !== undefined) extrasShape(node.extras, visit);
      return;
    case 'insert':
      // kind 1 | using << 2 | write condition << 4
      visit.token(1 | usingBits(node.using) | writeConditionBits(node.condition));
      tableShape(node, visit);
      names(node.columns, visit);
      writeConditionsShape(node.condition, visit);
      return;
    case 'update':
      visit.token(2 | usingBits(node.using) | writeConditionBits(node.condition));
      tableShape(node, visit);
      visit.token(node.assignments.length);
      for (let i = 0; i < node.assignments.length; i++) {
        visit.token(node.assignments[i].kind);
        visit.token(node.assignments[i].column);
      }
      conditionsShape(node.where, visit);
      writeConditionsShape(node.condition, visit);
      return;
    case 'delete':
      visit.token(3 | (node.timestamp === undefined ? 0 : 4) | writeConditionBits(node.condition));
      tableShape(node, visit);
      names(node.columns, visit);
      conditionsShape(node.where, visit);
      writeConditionsShape(node.condition, visit);
      return;
  }
}

/** A node's shape as one string (for tests and diagnostics; the cache itself never builds it). */
export function shapeOf(node: StatementNode): string {
  const tokens: ShapeToken[] = [];
  walkShape(node, { token: (token) => tokens.push(token) });
  return JSON.stringify(tokens);
}

// Expressions (kind, function, column, alias), the ANN column ('' for none) and the GROUP BY columns.
function extrasShape(extras: SelectExtrasNode, visit: ShapeVisitor): void {
  visit.token(extras.expressions.length);
  for (let i = 0; i < extras.expressions.length; i++) {
    const expression = extras.expressions[i];
    visit.token(expression.kind === 'similarity' ? `similarity_${expression.fn}` : expression.kind);
    visit.token(expression.column ?? '*');
    visit.token(expression.alias);
  }
  visit.token(extras.ann === undefined ? 0 : 1);
  if (extras.ann !== undefined) visit.token(extras.ann.column);
  names(extras.groupBy, visit);
}

function tableShape(node: StatementNode, visit: ShapeVisitor): void {
  visit.token(node.table.keyspace);
  visit.token(node.table.table);
}

function names(list: readonly string[], visit: ShapeVisitor): void {
  if (isSharedNameList(list)) return visit.token(list);
  visit.token(list.length);
  for (let i = 0; i < list.length; i++) visit.token(list[i]);
}

function conditionsShape(conditions: readonly ConditionNode[], visit: ShapeVisitor): void {
  visit.token(conditions.length);
  for (let i = 0; i < conditions.length; i++) {
    const condition = conditions[i];
    visit.token(conditionCode(condition));
    if (condition.kind === 'token') names(condition.columns, visit);
    else visit.token(condition.column);
  }
}

// A condition's kind and operator as one number: kind + 8 × operator.
function conditionCode(condition: ConditionNode): number {
  switch (condition.kind) {
    case 'compare':
      return 8 * operatorCode(condition.op);
    case 'in':
      return 1;
    case 'contains':
      return 2;
    case 'containsKey':
      return 3;
    case 'token':
      return 4 + 8 * operatorCode(condition.op);
  }
}

function operatorCode(op: string): number {
  switch (op) {
    case '=':
      return 0;
    case '<':
      return 1;
    case '<=':
      return 2;
    case '>':
      return 3;
    case '>=':
      return 4;
    case '!=':
      return 5;
    default:
      throw new QueryBuildError(`Unknown operator ${JSON.stringify(op)} in a statement node.`);
  }
}

function writeConditionBits(condition: WriteConditionNode): number {
  switch (condition.kind) {
    case 'none':
      return 0;
    case 'ifExists':
      return 16;
    case 'ifNotExists':
      return 32;
    case 'if':
      return 48;
  }
}

function writeConditionsShape(condition: WriteConditionNode, visit: ShapeVisitor): void {
  if (condition.kind === 'if') conditionsShape(condition.conditions, visit);
}

function usingBits(using: WriteUsingNode): number {
  return (using.ttl === undefined ? 0 : 4) | (using.timestamp === undefined ? 0 : 8);
}
