// The one error a management call rejects with when some of its targets failed: every target is
// tried first, so the error carries each failure and each target that did succeed.
import { CassiaError } from '@cassia/core';
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

/** Some targets of a management call failed; the others completed (see `results`). */
export class SyncError extends CassiaError {
  readonly code = 'ERR_CASSIA_SYNC';
  /** The operation, e.g. `'syncTable'`. */
  readonly operation: string;
  /** Every failed target, in target order. */
  readonly failures: readonly SyncFailure[];
  /** Results of the targets that succeeded (empty for operations that return nothing). */
  readonly results: readonly SyncResult[];

  constructor(operation: string, failures: readonly SyncFailure[], results: readonly SyncResult[], total: number) {
    const lines = failures.map((failure) => `- ${describeTarget(failure)}: ${failure.error.message}`);
    super(
      `${operation} failed on ${failures.length} of ${total} target(s); the other targets completed.\n` +
        lines.join('\n'),
      // The first failure as cause, so tools that only follow `cause` still see a typed error.
      { cause: failures[0]?.error },
    );
    this.operation = operation;
    this.failures = Object.freeze([...failures]);
    this.results = Object.freeze([...results]);
  }
}

function describeTarget(failure: SyncFailure): string {
  const where = `${failure.connection}/${failure.keyspace}`;
  return failure.table === undefined ? where : `${where} ${failure.table}`;
}
