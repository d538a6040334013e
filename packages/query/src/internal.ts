/**
 * What `@cassia/query` shares with sibling packages (`@cassia/query/internal`): the statement
 * nodes a builder holds and the compiled text and parameters they become. No sibling imports
 * anything else from it today. It may change in any release; import the root `@cassia/query` instead.
 *
 * @module @cassia/query/internal
 */
export type { CompiledStatement } from './compiler';
export type {
  StatementNode, SelectNode, InsertNode, UpdateNode, DeleteNode, WriteNode, ConditionNode, AssignmentNode,
  WriteConditionNode, TableNode, BoundValue, WriteUsingNode,
} from './statement-node';
