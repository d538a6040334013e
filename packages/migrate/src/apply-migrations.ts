// applyMigrations: runs the pending migrations of a folder on every target (connection × keyspace).
// Per target: take the lease (others wait, then find the work done), read the ledger, refuse a
// changed file, then run each pending migration statement by statement, recording each in the
// ledger and waiting for schema agreement after DDL. Targets run concurrently and independently:
// one that fails (unreachable, a refused statement) is reported and does not stop the others.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { CassiaError, ConfigurationError, ExecutionError, KeyspaceNotFoundError, type ResolvedTarget } from '@cassia/core';
import { defaultRegistry, escapeInput, isIntegerInRange } from '@cassia/core/internal';
import { DEFAULT_SCHEMA_AGREEMENT_TIMEOUT_MS, isAlreadyExists, waitForSchemaAgreement } from '@cassia/management/internal';
import { MigrationChecksumError } from './errors/migration-checksum-error';
import { MigrationModuleError } from './errors/migration-module-error';
import { keyspaceExists } from './keyspace-exists';
import { openKeyspaceConnection, type KeyspaceConnection } from './keyspace-connection';
import { DEFAULT_LEASE_SETTINGS, MigrationLease, type LeaseSettings } from './lease';
import { ensureLedger, readLedger, recordLedgerEntry, type LedgerEntry } from './ledger';
import { compareWithLedger, type LedgerComparison } from './ledger-comparison';
import { createMigrationContext } from './migration-context';
import type { MigrationFile } from './migration-file';
import { readMigrationFolder } from './migration-folder';
import type { ApplyMigrationsOptions } from './migration-options';
import type { ApplyReport, TargetApplyReport } from './migration-report';
import { resolveMigrationTargets } from './migration-targets';
import { exportOf, importUserModule } from './module-loader';

const DDL = /^\s*(create|alter|drop)\s/i;

/**
 * Applies the folder's pending migrations to every target; each migration runs exactly once per
 * target even when many processes run this at once. Resolves a report per target (a failed target
 * does not stop the others); rejects only for a bad folder or bad options, before anything runs.
 */
export async function applyMigrations(options: ApplyMigrationsOptions = {}): Promise<ApplyReport> {
  const files = await readMigrationFolder(options.folder);
  const targets = resolveMigrationTargets(options);
  const run: RunSettings = {
    owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    lease: checkLeaseSettings({ ...DEFAULT_LEASE_SETTINGS, ...options.lease }),
    agreementMs: options.schemaAgreementTimeoutMs ?? DEFAULT_SCHEMA_AGREEMENT_TIMEOUT_MS,
    registry: options.registry ?? defaultRegistry,
    progress: options.onProgress ?? (() => undefined),
  };
  const reports = await Promise.all(
    targets.map(async (target): Promise<TargetApplyReport> => {
      const say = (line: string): void => {
        try {
          run.progress(`${escapeInput(target.connection.name)}/${target.keyspace}: ${line}`);
        } catch {
          // A failing progress callback must not fail the target.
        }
      };
      try {
        const report = options.dryRun === true ? await dryRunTarget(target, files) : await applyOnTarget(target, files, run, say);
        say(describeReport(report));
        return report;
      } catch (error) {
        const failure = asCassiaError(error, target);
        say(`failed: ${failure.message}`);
        return { connection: target.connection.name, keyspace: target.keyspace, outcome: 'failed', applied: [], resumed: undefined, statements: [], error: failure };
      }
    }),
  );
  return { ok: reports.every((report) => report.outcome !== 'failed'), targets: reports };
}

interface RunSettings {
  readonly owner: string;
  readonly lease: LeaseSettings;
  readonly agreementMs: number;
  readonly registry: NonNullable<ApplyMigrationsOptions['registry']>;
  readonly progress: (line: string) => void;
}

async function dryRunTarget(target: ResolvedTarget, files: readonly MigrationFile[]): Promise<TargetApplyReport> {
  const comparison = await compareTarget(target, files);
  const statements: string[] = [];
  for (const file of comparison.pending) {
    const done = comparison.entries.get(file.version)?.statementsDone ?? 0;
    if (file.kind === 'module') statements.push(`-- ${file.name}: up(ctx) of the module${done > 0 ? `, after step ${done}` : ''}`);
    else statements.push(...file.statements.slice(done).map((statement) => statement.cql));
  }
  return {
    connection: target.connection.name,
    keyspace: target.keyspace,
    outcome: 'dry-run',
    applied: comparison.pending.map((file) => file.name),
    resumed: undefined,
    statements,
  };
}

async function applyOnTarget(
  target: ResolvedTarget,
  files: readonly MigrationFile[],
  run: RunSettings,
  say: (line: string) => void,
): Promise<TargetApplyReport> {
  const { connection, keyspace } = target;
  const upToDate: TargetApplyReport = { connection: connection.name, keyspace, outcome: 'up-to-date', applied: [], resumed: undefined, statements: [] };
  // Most runs find nothing to do: that needs no lease and writes nothing.
  if ((await compareTarget(target, files)).pending.length === 0) return upToDate;
  await ensureLedger(connection, keyspace);
  const lease = await MigrationLease.acquire(connection, keyspace, run.owner, run.lease, (holder) =>
    say(`waiting: ${holder} holds the migration lease`),
  );
  let session: KeyspaceConnection | undefined;
  try {
    // Read again under the lease: a holder before us may have applied everything meanwhile.
    const comparison = await compareTarget(target, files);
    if (comparison.pending.length === 0) return upToDate;
    session = await openKeyspaceConnection(connection, keyspace);
    const applied: string[] = [];
    let resumed: string | undefined;
    for (const file of comparison.pending) {
      const entry = comparison.entries.get(file.version);
      if (entry !== undefined && entry.statementsDone > 0) {
        resumed = file.name;
        say(`${file.name}: resuming after ${entry.statementsDone} ${file.kind === 'cql' ? 'statement(s)' : 'step(s)'} done by ${entry.appliedBy}`);
      }
      await applyFile(target, session, file, entry, lease, run, say);
      applied.push(file.name);
    }
    return { ...upToDate, outcome: 'applied', applied, resumed };
  } finally {
    await session?.close();
    await lease.release().catch(() => undefined);
  }
}

async function applyFile(
  target: ResolvedTarget,
  session: KeyspaceConnection,
  file: MigrationFile,
  entry: LedgerEntry | undefined,
  lease: MigrationLease,
  run: RunSettings,
  say: (line: string) => void,
): Promise<void> {
  const { connection, keyspace } = target;
  const startedAt = new Date();
  const record = (statementsDone: number, status: LedgerEntry['status']): Promise<void> =>
    recordLedgerEntry(connection, keyspace, {
      version: file.version,
      name: file.name,
      checksum: file.checksum,
      appliedAt: status === 'applied' ? new Date() : startedAt,
      appliedBy: run.owner,
      statementsDone,
      status,
    });
  const alreadyDone = entry?.statementsDone ?? 0;
  lease.assertHeld();
  await record(alreadyDone, 'running');
  if (file.kind === 'module') {
    const up = await loadUp(file);
    let stepsDone = alreadyDone;
    const ctx = createMigrationContext({
      connection: connection.name,
      keyspace,
      registry: run.registry,
      execute: (cql, params, options) => {
        lease.assertHeld();
        return session.connection.execute(cql, params, options);
      },
      stepsDone: alreadyDone,
      onStepDone: (done) => {
        lease.assertHeld();
        stepsDone = done;
        return record(done, 'running');
      },
      log: (line) => say(`${file.name}: ${line}`),
    });
    await up(ctx);
    await record(stepsDone, 'applied');
    say(`${file.name} applied`);
    return;
  }
  for (let index = alreadyDone; index < file.statements.length; index++) {
    const statement = file.statements[index];
    lease.assertHeld();
    try {
      await session.connection.execute(statement.cql);
    } catch (error) {
      // The statement a killed run was on may have run before the ledger recorded it.
      if (!(index === alreadyDone && alreadyDone > 0 && isAlreadyExists(error))) throw describeStatement(error, file, statement.line);
      say(`${file.name}:${statement.line}: already done by the interrupted run, counted as done`);
    }
    if (DDL.test(statement.cql)) await waitForSchemaAgreement(connection, run.agreementMs);
    await record(index + 1, index + 1 === file.statements.length ? 'applied' : 'running');
  }
  if (file.statements.length === 0) await record(0, 'applied');
  say(`${file.name} applied (${file.statements.length - alreadyDone} statement${file.statements.length - alreadyDone === 1 ? '' : 's'})`);
}

async function loadUp(file: MigrationFile): Promise<(ctx: ReturnType<typeof createMigrationContext>) => Promise<void>> {
  const up = exportOf(await importUserModule(file.path), 'up');
  if (typeof up !== 'function') throw new MigrationModuleError(file.path, 'exports no up(ctx) function: export async function up(ctx) { … }.');
  return up as (ctx: ReturnType<typeof createMigrationContext>) => Promise<void>;
}

/** The ledger comparison of a target; throws MigrationChecksumError for the first changed file. */
async function compareTarget(target: ResolvedTarget, files: readonly MigrationFile[]): Promise<LedgerComparison> {
  if (!(await keyspaceExists(target.connection, target.keyspace))) throw new KeyspaceNotFoundError(target.connection.name, target.keyspace);
  const comparison = compareWithLedger(files, await readLedger(target.connection, target.keyspace));
  const changed = comparison.changed[0];
  if (changed !== undefined) {
    throw new MigrationChecksumError({
      file: changed.file.path,
      connection: target.connection.name,
      keyspace: target.keyspace,
      recorded: changed.entry.checksum,
      actual: changed.file.checksum,
    });
  }
  return comparison;
}

function describeStatement(error: unknown, file: MigrationFile, line: number): unknown {
  if (error instanceof CassiaError) error.message = `${file.path}:${line}: ${error.message}`;
  return error;
}

function describeReport(report: TargetApplyReport): string {
  switch (report.outcome) {
    case 'up-to-date':
      return 'up to date';
    case 'dry-run':
      return report.applied.length === 0 ? 'up to date (dry run)' : `would apply ${report.applied.join(', ')} (dry run)`;
    default:
      return `${report.outcome}: ${report.applied.join(', ')}`;
  }
}

function asCassiaError(error: unknown, target: ResolvedTarget): CassiaError {
  if (error instanceof CassiaError) return error;
  const reason = error instanceof Error ? escapeInput(error.message, 1000) : 'a non-Error was thrown';
  return new ExecutionError(`Migration failed on ${escapeInput(target.connection.name)}/${target.keyspace}: ${reason}`, {
    connection: target.connection.name,
    cause: error,
  });
}

// Cassandra expires cells at whole seconds, so a 1-second lease can lapse between two renewals.
function checkLeaseSettings(settings: LeaseSettings): LeaseSettings {
  if (!isIntegerInRange(settings.ttlSeconds, 2, 86_400)) throw new ConfigurationError('lease.ttlSeconds must be a whole number of seconds from 2 to 86400.');
  if (!isIntegerInRange(settings.waitMs, 0)) throw new ConfigurationError('lease.waitMs must be a whole number of milliseconds, 0 or more.');
  if (!isIntegerInRange(settings.pollMs, 10, 60_000)) throw new ConfigurationError('lease.pollMs must be a whole number of milliseconds from 10 to 60000.');
  return settings;
}
