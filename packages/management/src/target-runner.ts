// Runs one piece of work per target: connections concurrently, the targets of one connection one
// after another (or at once, when asked), every target to the end even when another fails; then
// the results, or the first failure's own error with every target's outcome attached (sync-report.ts).
import { CassiaError, ExecutionError, type ResolvedTarget } from '@cassia/core';
import { describeValue, escapeInput } from '@cassia/core/internal';
import { throwSyncFailure, type SyncFailure } from './sync-report';

// Server codes: 0x2400 AlreadyExists (tables, keyspaces), 0x2200 Invalid (types, columns, indexes say it in words).
const ALREADY_EXISTS_CODE = 0x2400;
const INVALID_CODE = 0x2200;
const ALREADY_EXISTS_TEXT = /already exists|is a duplicate of existing index/i;

/** What the work for one target reports: an optional result and its progress text. */
export interface TargetReport<R> {
  readonly result?: R;
  /** e.g. `created (2 statements)`. */
  readonly progress: string;
}

/** How a batch of targets is run. */
export interface RunOptions {
  /** e.g. `'syncTable'`, for the error message. */
  readonly operation: string;
  /** The table or type the work is about, for progress lines and failures. */
  readonly subject: string | undefined;
  readonly onProgress?: (line: string) => void;
  /** The targets of one connection run at once too: each target's work touches only its own keyspace. */
  readonly concurrentTargets?: boolean;
}

/** Runs `work` on every target; resolves the results in target order, or rejects with the first failure. */
export async function runOnTargets<R>(
  targets: readonly ResolvedTarget[],
  work: (target: ResolvedTarget) => Promise<TargetReport<R>>,
  options: RunOptions,
): Promise<R[]> {
  const reports = new Map<ResolvedTarget, TargetReport<R> | CassiaError>();
  const byConnection = new Map<string, ResolvedTarget[]>();
  for (const target of targets) {
    const list = byConnection.get(target.connection.name) ?? [];
    list.push(target);
    byConnection.set(target.connection.name, list);
  }
  const runOne = async (target: ResolvedTarget): Promise<void> => {
    let report: TargetReport<R> | CassiaError;
    try {
      report = await work(target);
    } catch (error) {
      report = asCassiaError(error, target);
    }
    reports.set(target, report);
    emit(options, target, report instanceof CassiaError ? `failed: ${report.message}` : report.progress);
  };
  await Promise.all(
    [...byConnection.values()].map(async (list) => {
      if (options.concurrentTargets === true) {
        await Promise.all(list.map(runOne));
        return;
      }
      // Otherwise in order on one connection, one keyspace's changes at a time.
      for (const target of list) await runOne(target);
    }),
  );

  const results: R[] = [];
  const failures: SyncFailure[] = [];
  for (const target of targets) {
    const report = reports.get(target);
    if (report instanceof CassiaError) {
      failures.push({ connection: target.connection.name, keyspace: target.keyspace, table: options.subject, error: report });
    } else if (report?.result !== undefined) {
      results.push(report.result);
    }
  }
  if (failures.length > 0) throwSyncFailure({ operation: options.operation, total: targets.length, failures, results });
  return results;
}

/** Whether the server refused a statement as invalid for the schema it holds (e.g. an index on a column it lacks). */
export function isInvalidForSchema(error: unknown): boolean {
  return error instanceof ExecutionError && error.serverCode === INVALID_CODE;
}

/** Whether a DDL failure only says that what it creates exists already. */
export function isAlreadyExists(error: unknown): boolean {
  if (!(error instanceof ExecutionError)) return false;
  if (error.serverCode === ALREADY_EXISTS_CODE) return true;
  const reason = error.cause instanceof Error ? error.cause.message : '';
  return error.serverCode === INVALID_CODE && ALREADY_EXISTS_TEXT.test(reason);
}

/** `created (2 statements)` / `unchanged`. */
export function describeAction(action: string, statements: number): string {
  return statements === 0 ? action : `${action} (${statements} statement${statements === 1 ? '' : 's'})`;
}

function emit(options: RunOptions, target: ResolvedTarget, text: string): void {
  if (options.onProgress === undefined) return;
  const subject = options.subject === undefined ? '' : ` ${options.subject}`;
  try {
    options.onProgress(`${escapeInput(target.connection.name)}/${target.keyspace}${subject}: ${text}`);
  } catch {
    // A failing progress callback must not turn a target that was synced into a failure.
  }
}

function asCassiaError(error: unknown, target: ResolvedTarget): CassiaError {
  if (error instanceof CassiaError) return error;
  // Not String(error): a thrown non-Error may be any object, whose conversion runs its code.
  const reason = error instanceof Error ? escapeInput(error.message, 1000) : describeValue(error);
  return new ExecutionError(`Unexpected failure on ${escapeInput(target.connection.name)}/${target.keyspace}: ${reason}`, {
    connection: target.connection.name,
    cause: error,
  });
}
