// The executor: runs compiled statements on their resolved connection and turns driver results
// into Cassia results (rows through the codec, `[applied] = false` into LwtNotAppliedError).
import { LwtNotAppliedError, type Consistency, type ResolvedTarget, type ResultSet } from '@cassia/core';
import { rowFromDatabase, type AnyModel } from '@cassia/schema';
import type { RunnableStatement } from './compiler';
import { ownCopy } from './own-properties';

/** Per-statement execution options a builder carries. */
export interface StatementOptions {
  readonly consistency?: Consistency;
  readonly serialConsistency?: Consistency;
  readonly fetchSize?: number;
  readonly timeout?: number;
  /** `.idempotent(flag)`: overrides what the compiler worked out for the statement. */
  readonly isIdempotent?: boolean;
  /** `.tracing(flag)`: server-side tracing of the statement. */
  readonly tracing?: boolean;
}

/** Runs one compiled statement (prepared, bound) on its target. */
export function runStatement(target: ResolvedTarget, compiled: RunnableStatement, options: StatementOptions, pageState?: string | Buffer): Promise<ResultSet>;
/** Runs one compiled statement and resolves to `map(result)` (in the same promise: see Connection.execute). */
export function runStatement<T>(
  target: ResolvedTarget,
  compiled: RunnableStatement,
  options: StatementOptions,
  pageState: string | Buffer | undefined,
  map: (result: ResultSet) => T,
): Promise<T>;
export function runStatement<T>(
  target: ResolvedTarget,
  compiled: RunnableStatement,
  options: StatementOptions,
  pageState?: string | Buffer,
  map?: (result: ResultSet) => T,
): Promise<T | ResultSet> {
  // Every caller passes a statement it has just compiled and drops afterwards, so its params array
  // is handed over as it is, not copied. The builder's options go as they are (frozen and shared,
  // so the connection translates them once); the keyspace only labels query events; the safety
  // the compiler kept with the statement's shape becomes the driver's isIdempotent.
  const params = compiled.params as unknown[];
  const executeOptions = pageState === undefined ? options : withPageState(options, pageState);
  return target.connection.run(compiled.cql, params, executeOptions, target.keyspace, map, compiled.safety);
}

// A null-prototype copy of the builder's options with the page to resume at: the connection reads
// options by name, and one inherited from a polluted Object.prototype must not count.
function withPageState(options: StatementOptions, pageState: string | Buffer): StatementOptions & { pageState: string | Buffer } {
  const copy = ownCopy(options) as StatementOptions & { pageState: string | Buffer };
  copy.pageState = pageState;
  return copy;
}

/** Throws LwtNotAppliedError when a conditional statement (or batch) was not applied. */
export function assertApplied(result: ResultSet, model: AnyModel, what: string): void {
  const first = result.rows?.[0] as Record<string, unknown> | undefined;
  if (first === undefined || first['[applied]'] !== false) return;
  // Cassandra returns the current values of the row the condition tested (none if it is missing).
  const existing = rowFromDatabase(model, first) as Record<string, unknown>;
  throw new LwtNotAppliedError(
    `The conditional ${what} on "${model.table}" was not applied: its condition did not hold. ` +
      `The error's \`existing\` holds the values Cassandra reported.`,
    existing,
    { model },
  );
}

/** Maps driver rows to JS rows of `model`. */
export function mapRows<R>(model: AnyModel, result: ResultSet): R[] {
  return (result.rows ?? []).map((row) => rowFromDatabase(model, row as unknown as Record<string, unknown>) as R);
}

/** The driver's page state as the string `page()` hands out, if there are more pages. */
export function nextPageState(result: ResultSet): string | undefined {
  const state = result.pageState as string | null | undefined;
  return state === null || state === undefined || state === '' ? undefined : state;
}

/** A COUNT(*) result as a number. */
export function countOf(result: ResultSet): number {
  const row = result.rows?.[0] as Record<string, unknown> | undefined;
  const value = row?.count ?? row?.['system.count(*)'];
  if (typeof value === 'bigint' || typeof value === 'number') return Number(value);
  if (value !== null && typeof value === 'object' && 'toNumber' in value) return (value as { toNumber(): number }).toNumber();
  return Number(value ?? 0);
}
