// How safe a statement is to send again, read off its node (or write draft): the compiler works
// it out once per shape (the kinds and conditions it reads are part of the shape) and keeps it
// beside the shape's text, so running a statement costs no extra work.
import type { StatementSafety } from '@cassia/core';
import type { AssignmentNode, StatementNode, WriteConditionNode } from './statement-node';

/** What statementSafety reads of a node: its kind, its condition, its assignments, whether it inserts a list. */
export interface SafetyParts {
  readonly kind: StatementNode['kind'];
  readonly condition?: WriteConditionNode;
  readonly assignments?: readonly AssignmentNode[];
  readonly writesList?: boolean;
}

/**
 * A SELECT reads; a conditional write (IF, IF EXISTS, IF NOT EXISTS) is a lightweight transaction;
 * a write with a counter change, a list append or prepend, or a whole non-frozen list (INSERT or
 * `SET l = ?`: a retry keeps the first try's timestamp and its elements get new cell names, so
 * they double) is not idempotent; every other write (plain values, frozen collections, set and
 * map changes, list remove and set-at-index, DELETE) is.
 */
export function statementSafety(node: SafetyParts): StatementSafety {
  if (node.kind === 'select') return 'read';
  if (node.condition !== undefined && node.condition.kind !== 'none') return 'conditional-write';
  if (node.writesList === true) return 'non-idempotent-write';
  const assignments = node.assignments;
  if (assignments !== undefined) {
    for (let i = 0; i < assignments.length; i++) {
      const kind = assignments[i].kind;
      if (kind === 'append' || kind === 'prepend' || kind === 'subtract' || kind === 'replaceList') return 'non-idempotent-write';
    }
  }
  return 'idempotent-write';
}
