// Statement nodes: plain read-only data describing one CQL statement, made by the builders and
// read by the compiler. A node is made for one compile and dropped, so it is not frozen; the
// builder state it shares parts with is. Column names here are database names; values are
// already encoded for the driver. Every bound value sits under a property named `value` (an
// INSERT's under `values`), so a node's shape (what the compiler's cache is keyed by) is the node
// without those properties.
import type { ComparisonOperator, IfOperator, OrderDirection } from './query-types';

/** A bound value (already encoded for the driver). */
export interface BoundValue {
  readonly value: unknown;
}

/** One WHERE or IF restriction. */
export type ConditionNode =
  | { readonly kind: 'compare'; readonly column: string; readonly op: ComparisonOperator | Exclude<IfOperator, 'in'>; readonly value: unknown }
  | { readonly kind: 'in'; readonly column: string; readonly value: readonly unknown[] }
  | { readonly kind: 'contains'; readonly column: string; readonly value: unknown }
  | { readonly kind: 'containsKey'; readonly column: string; readonly value: unknown }
  | { readonly kind: 'token'; readonly columns: readonly string[]; readonly op: ComparisonOperator; readonly value: readonly unknown[] };

/** One SET clause of an UPDATE. */
export type AssignmentNode =
  /** `col = ?` */
  | { readonly kind: 'set'; readonly column: string; readonly value: unknown }
  /** `col = ?` for a whole non-frozen list: its elements get new cell names on every write, so a
   * retry (same timestamp) doubles them: not idempotent */
  | { readonly kind: 'replaceList'; readonly column: string; readonly value: unknown }
  /** `col = col + ?` that adds again when run again (list append, counter increment): not idempotent */
  | { readonly kind: 'append'; readonly column: string; readonly value: unknown }
  /** `col = col + ?` that changes nothing when run again (set add, map put): idempotent */
  | { readonly kind: 'merge'; readonly column: string; readonly value: unknown }
  /** `col = ? + col` (list prepend): not idempotent */
  | { readonly kind: 'prepend'; readonly column: string; readonly value: unknown }
  /** `col = col - ?` that subtracts again when run again (counter decrement): not idempotent */
  | { readonly kind: 'subtract'; readonly column: string; readonly value: unknown }
  /** `col = col - ?` that changes nothing when run again (list/set remove, map key removal): idempotent */
  | { readonly kind: 'discard'; readonly column: string; readonly value: unknown }
  /** `col[?] = ?`; value is [index, element] */
  | { readonly kind: 'setAt'; readonly column: string; readonly value: readonly [unknown, unknown] };

/** What a conditional write checks. */
export type WriteConditionNode =
  | { readonly kind: 'none' }
  | { readonly kind: 'ifExists' }
  | { readonly kind: 'ifNotExists' }
  | { readonly kind: 'if'; readonly conditions: readonly ConditionNode[] };

/** The table a statement addresses, keyspace already resolved. */
export interface TableNode {
  readonly keyspace: string;
  readonly table: string;
}

/** A SELECT. `columns` undefined selects `*`; `count` selects `COUNT(*)`. */
export interface SelectNode {
  readonly kind: 'select';
  readonly table: TableNode;
  readonly columns: readonly string[] | undefined;
  readonly count: boolean;
  readonly distinct: boolean;
  readonly where: readonly ConditionNode[];
  readonly orderBy: readonly { readonly column: string; readonly direction: OrderDirection }[];
  readonly perPartitionLimit: BoundValue | undefined;
  readonly limit: BoundValue | undefined;
  readonly allowFiltering: boolean;
  /** Expressions, ANN ordering and GROUP BY (select-extras.ts); undefined for a plain SELECT. */
  readonly extras?: SelectExtrasNode | undefined;
}

/** The similarity functions of Cassandra 5 (`similarity_cosine`, ...). */
export type SimilarityFunction = 'cosine' | 'dot_product' | 'euclidean';

/** One aliased selector beside the selected columns; a similarity's vector is its bound `value`. */
export type SelectExpressionNode =
  | { readonly kind: 'writetime' | 'ttl' | 'min' | 'max' | 'sum' | 'avg'; readonly column: string; readonly alias: string }
  /** `COUNT(*)` when column is undefined. */
  | { readonly kind: 'count'; readonly column: string | undefined; readonly alias: string }
  | { readonly kind: 'similarity'; readonly fn: SimilarityFunction; readonly column: string; readonly value: unknown; readonly alias: string };

/** What a SELECT has beyond columns: aliased expressions, `ORDER BY col ANN OF ?`, `GROUP BY`. */
export interface SelectExtrasNode {
  readonly expressions: readonly SelectExpressionNode[];
  /** The vector column ordered by and the bound query vector. */
  readonly ann: { readonly column: string; readonly value: unknown } | undefined;
  readonly groupBy: readonly string[];
}

/** TTL and timestamp of a write (`USING TTL ? AND TIMESTAMP ?`). */
export interface WriteUsingNode {
  readonly ttl: BoundValue | undefined;
  readonly timestamp: BoundValue | undefined;
}

/** An INSERT. */
export interface InsertNode {
  readonly kind: 'insert';
  readonly table: TableNode;
  readonly columns: readonly string[];
  /** One bound value per column, in the same order. */
  readonly values: readonly unknown[];
  /** It writes a whole non-frozen list (elements get new cell names per write: not idempotent). */
  readonly writesList: boolean;
  readonly condition: WriteConditionNode;
  readonly using: WriteUsingNode;
}

/** An UPDATE. */
export interface UpdateNode {
  readonly kind: 'update';
  readonly table: TableNode;
  readonly assignments: readonly AssignmentNode[];
  readonly where: readonly ConditionNode[];
  readonly condition: WriteConditionNode;
  readonly using: WriteUsingNode;
}

/** A DELETE of rows or (with `columns`) of some columns. */
export interface DeleteNode {
  readonly kind: 'delete';
  readonly table: TableNode;
  readonly columns: readonly string[];
  readonly where: readonly ConditionNode[];
  readonly condition: WriteConditionNode;
  readonly timestamp: BoundValue | undefined;
}

/** The condition of an unconditional write (shared: nodes are read-only). */
export const NO_WRITE_CONDITION: WriteConditionNode = Object.freeze({ kind: 'none' });

/** The USING of a write with neither TTL nor timestamp (shared). */
export const NO_USING: WriteUsingNode = Object.freeze({ ttl: undefined, timestamp: undefined });

/** A write statement node. */
export type WriteNode = InsertNode | UpdateNode | DeleteNode;
/** Any statement node. */
export type StatementNode = SelectNode | WriteNode;
