// How a management call that failed on some of its targets reports it. Every target is tried
// first; then the call rejects with the first failed target's own typed error (so a type change
// is a SchemaMismatchError, as API.md promises), and the outcome of every target is kept beside
// that error, read with syncReportOf(error).
import type { CassiaError } from '@cassia/core';
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

/** Every target's outcome of a management call that failed somewhere. */
export interface SyncReport {
  /** The operation, e.g. `'syncTable'`. */
  readonly operation: string;
  /** How many targets the call had. */
  readonly total: number;
  /** Every failed target, in target order. */
  readonly failures: readonly SyncFailure[];
  /** Results of the targets that succeeded (empty for operations that return nothing). */
  readonly results: readonly SyncResult[];
}

const reports = new WeakMap<object, SyncReport>();

/** The outcome of every target, for an error a management call rejected with; else undefined. */
export function syncReportOf(error: unknown): SyncReport | undefined {
  return typeof error === 'object' && error !== null ? reports.get(error) : undefined;
}

/** Rejects with the first failure's error, naming every failed target in its message. */
export function throwSyncFailure(report: SyncReport): never {
  const first = report.failures[0].error;
  if (report.total > 1) {
    const lines = report.failures.map((failure) => `- ${describeTarget(failure)}: ${failure === report.failures[0] ? '(above)' : failure.error.message}`);
    first.message +=
      `\n${report.operation} failed on ${report.failures.length} of ${report.total} target(s); the other targets completed ` +
      `(syncReportOf(error) has every outcome):\n${lines.join('\n')}`;
  }
  reports.set(first, { ...report, failures: Object.freeze([...report.failures]), results: Object.freeze([...report.results]) });
  throw first;
}

function describeTarget(failure: SyncFailure): string {
  const where = `${failure.connection}/${failure.keyspace}`;
  return failure.table === undefined ? where : `${where} ${failure.table}`;
}
