// How a management call that failed on some of its targets reports it. Every target is tried
// first; then the call rejects with the first failed target's own typed error (so a type change
// is a SchemaMismatchError, as API.md promises), and the outcome of every target is kept beside
// that error, read with syncReportOf(error).
import type { CassiaError } from '@cassia/core';
import { escapeInput } from '@cassia/core/internal';
import type { SyncResult } from './sync-result';

/** One target that failed, with the typed error that stopped it. */
export interface SyncFailure {
  readonly connection: string;
  readonly keyspace: string;
  /** The table or type concerned; undefined for keyspace operations. */
  readonly table: string | undefined;
  /** E.g. SchemaMismatchError, KeyspaceNotFoundError, ConnectionError, ExecutionError. */
  readonly error: CassiaError;
}

/** Every target's outcome of a management call that failed somewhere; `R` is the call's result type. */
export interface SyncReport<R = SyncResult> {
  /** The operation, e.g. `'syncTable'`. */
  readonly operation: string;
  /** How many targets the call had. */
  readonly total: number;
  /** Every failed target, in target order. */
  readonly failures: readonly SyncFailure[];
  /** Results of the targets that succeeded: SyncResult for syncTable/planSync/syncType, KeyspaceResult for keyspace creation, none for drops. */
  readonly results: readonly R[];
}

const reports = new WeakMap<object, SyncReport<unknown>>();

/**
 * The outcome of every target, for an error a management call rejected with; else undefined.
 * `R` is the call's result type: `syncReportOf<KeyspaceResult>(error)` after createSimpleKeyspace.
 */
export function syncReportOf<R = SyncResult>(error: unknown): SyncReport<R> | undefined {
  return typeof error === 'object' && error !== null ? (reports.get(error) as SyncReport<R> | undefined) : undefined;
}

/** Rejects with the first failure's error, naming every failed target in its message. */
export function throwSyncFailure<R>(report: SyncReport<R>): never {
  const first = report.failures[0].error;
  if (report.total > 1) {
    const lines = report.failures.map((failure) => `- ${describeTarget(failure)}: ${failure === report.failures[0] ? '(above)' : failure.error.message}`);
    first.message +=
      `\n${report.operation} failed on ${report.failures.length} of ${report.total} target(s); the other targets completed ` +
      `(syncReportOf(error) has every outcome):\n${lines.join('\n')}`;
  }
  attachSyncReport(first, report);
  throw first;
}

/** Keeps `report` as the outcome syncReportOf(error) returns (replacing one attached before). */
export function attachSyncReport<R>(error: object, report: SyncReport<R>): void {
  reports.set(error, { ...report, failures: Object.freeze([...report.failures]), results: Object.freeze([...report.results]) });
}

function describeTarget(failure: SyncFailure): string {
  const where = `${escapeInput(failure.connection)}/${failure.keyspace}`;
  return failure.table === undefined ? where : `${where} ${failure.table}`;
}
