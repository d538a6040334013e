// How safe a statement is to send again, read off its node (or write draft): the compiler works
// it out once per shape (the kinds and conditions it reads are part of the shape) and keeps it
// beside the shape's text, so running a statement costs no extra work.
import type { StatementSafety } from '@cassia/core';
import type { AssignmentNode, StatementNode, WriteConditionNode } from './statement-node';

/** What statementSafety reads of a node: its kind, its condition and its assignments. */
export interface SafetyParts {
  readonly kind: StatementNode['kind'];
  readonly condition?: WriteConditionNode;
  readonly assignments?: readonly AssignmentNode[];
}

/**
 * A SELECT reads; a conditional write (IF, IF EXISTS, IF NOT EXISTS) is a lightweight transaction;
 * an UPDATE with a counter change or a list append or prepend is not idempotent; every other
 * write (INSERT, DELETE, plain values, set and map changes, list remove and set-at-index) is.
 */
export function statementSafety(node: SafetyParts): StatementSafety {
  if (node.kind === 'select') return 'read';
  if (node.condition !== undefined && node.condition.kind !== 'none') return 'conditional-write';
  const assignments = node.assignments;
  if (assignments !== undefined) {
    for (let i = 0; i < assignments.length; i++) {
      const kind = assignments[i].kind;
      if (kind === 'append' || kind === 'prepend' || kind === 'subtract') return 'non-idempotent-write';
    }
  }
  return 'idempotent-write';
}
