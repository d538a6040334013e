// migrationStatus: per target, which migrations of the folder are applied, pending, changed or half done.
import { CassiaError, ExecutionError, KeyspaceNotFoundError } from '@cassia/core';
import { escapeInput } from '@cassia/core/internal';
import { keyspaceExists } from './keyspace-exists';
import { readLedger } from './ledger';
import { compareWithLedger } from './ledger-comparison';
import { readMigrationFolder } from './migration-folder';
import type { MigrationOptions } from './migration-options';
import type { StatusReport, TargetStatus } from './migration-report';
import { resolveMigrationTargets } from './migration-targets';

/** Reads every target's ledger (writes nothing) and compares it with the folder; a target that cannot be read is reported with its error. */
export async function migrationStatus(options: MigrationOptions = {}): Promise<StatusReport> {
  const files = await readMigrationFolder(options.folder);
  const targets = resolveMigrationTargets(options);
  const statuses = await Promise.all(
    targets.map(async (target): Promise<TargetStatus> => {
      const names = { connection: target.connection.name, keyspace: target.keyspace };
      let status: TargetStatus;
      try {
        if (!(await keyspaceExists(target.connection, target.keyspace))) throw new KeyspaceNotFoundError(names.connection, names.keyspace);
        const comparison = compareWithLedger(files, await readLedger(target.connection, target.keyspace));
        status = {
          ...names,
          applied: comparison.applied.map((file) => file.name),
          pending: comparison.pending.map((file) => file.name),
          changed: comparison.changed.map((changed) => changed.file.name),
          inProgress: comparison.pending
            .map((file) => ({ name: file.name, entry: comparison.entries.get(file.version) }))
            .filter((item) => item.entry !== undefined)
            .map((item) => ({ name: item.name, statementsDone: item.entry?.statementsDone ?? 0 })),
          missing: comparison.missing.map((entry) => entry.name),
        };
      } catch (error) {
        const failure =
          error instanceof CassiaError
            ? error
            : new ExecutionError(`Could not read the ledger of ${escapeInput(names.connection)}/${names.keyspace}`, { connection: names.connection, cause: error });
        status = { ...names, applied: [], pending: [], changed: [], inProgress: [], missing: [], error: failure };
      }
      options.onProgress?.(`${escapeInput(names.connection)}/${names.keyspace}: ${describeStatus(status)}`);
      return status;
    }),
  );
  return { ok: statuses.every((status) => status.error === undefined && status.changed.length === 0), targets: statuses };
}

/** `2 applied, 1 pending, 0 changed` (or the error). */
export function describeStatus(status: TargetStatus): string {
  if (status.error !== undefined) return `failed: ${status.error.message}`;
  const parts = [`${status.applied.length} applied`, `${status.pending.length} pending`, `${status.changed.length} changed`];
  if (status.inProgress.length > 0) parts.push(`half done: ${status.inProgress.map((item) => `${item.name} (${item.statementsDone} done)`).join(', ')}`);
  if (status.missing.length > 0) parts.push(`no file for: ${status.missing.join(', ')}`);
  return parts.join(', ');
}
