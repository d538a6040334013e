// The compiler's entry points: statement node → { cql, params }, through the shape cache (CQL
// text depends only on a node's shape, so gocqlx-style a shape is compiled once) and the
// renderer. Values are always bound, never CQL text. A shape also fixes whether its statements
// may be sent twice (statementSafety), so that is worked out once per shape as well.
import type { StatementSafety } from '@cassia/core';
import { CqlSink, renderStatement } from './cql-renderer';
import { PlainInsertTexts } from './plain-insert-texts';
import { ShapeCache } from './shape-cache';
import { isSharedNameList } from './shared-name-list';
import { NO_USING, NO_WRITE_CONDITION, type StatementNode } from './statement-node';
import { statementSafety } from './statement-safety';

/** CQL with `?` markers and the values bound to them, in order. */
export interface CompiledStatement {
  readonly cql: string;
  readonly params: readonly unknown[];
}

/** A compiled statement ready to run: also whether it reads and whether it may be sent twice. */
export interface RunnableStatement extends CompiledStatement {
  readonly safety: StatementSafety;
}

/** The text and values of a runnable statement, as `toCQL()` hands them out. */
export function textOf(statement: CompiledStatement): CompiledStatement {
  return { cql: statement.cql, params: statement.params };
}

const shapes = new ShapeCache(2_000);
const plainInserts = new PlainInsertTexts();
// Compiling is synchronous, so one non-textual sink serves every cache hit.
const hits = new CqlSink(false);
// What the hit sink holds between compiles (it must not keep the last statement's values alive).
const NO_PARAMS: unknown[] = [];

/** Compiles a statement node, reusing the CQL text of an earlier node of the same shape. */
export function compileStatement(node: StatementNode): RunnableStatement {
  const entry = shapes.entryOf(node);
  if (entry.cql !== undefined) {
    hits.collect(entry.bound);
    renderStatement(node, hits);
    const params = hits.params;
    hits.params = NO_PARAMS;
    return { cql: entry.cql, params, safety: entry.safety };
  }
  const out = new CqlSink(true);
  renderStatement(node, out);
  const cql = out.joined();
  const safety = statementSafety(node);
  shapes.remember(node, entry, cql, out.params.length, safety);
  return { cql, params: out.params, safety };
}

/**
 * Compiles `INSERT INTO keyspace.table (columns) VALUES (?, ...)` binding `values` as they are
 * (the caller hands the array over). Same text as compileStatement gives its node; remembered per
 * column list when the list is a shared one.
 */
export function compilePlainInsert(keyspace: string, table: string, columns: readonly string[], values: readonly unknown[], writesList: boolean): RunnableStatement {
  // A plain INSERT sets values, so running it twice leaves what running it once does, unless it
  // writes a whole non-frozen list (see statementSafety).
  const safety = writesList ? 'non-idempotent-write' : 'idempotent-write';
  const shared = isSharedNameList(columns);
  const known = shared ? plainInserts.get(columns, keyspace, table) : undefined;
  if (known !== undefined) return { cql: known, params: values, safety };
  const { cql } = compileStatement({ kind: 'insert', table: { keyspace, table }, columns, values, writesList, condition: NO_WRITE_CONDITION, using: NO_USING });
  if (shared) plainInserts.set(columns, keyspace, table, cql);
  return { cql, params: values, safety };
}

/** How many plain-INSERT texts are held for a shared column list (for tests and diagnostics). */
export function plainInsertTextCount(columns: readonly string[]): number {
  return isSharedNameList(columns) ? plainInserts.countFor(columns) : 0;
}

/** How many shapes are cached (for tests and diagnostics). */
export function compiledShapeCount(): number {
  return shapes.size;
}

/** Empties the shape cache and the plain-INSERT texts (for tests). */
export function clearCompiledShapes(): void {
  shapes.clear();
  plainInserts.clear();
}
