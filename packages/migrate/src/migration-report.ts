// What applyMigrations and migrationStatus report per target.
import type { CassiaError } from '@cassia/core';

/** What a run did on one target. */
export type ApplyOutcome = 'applied' | 'up-to-date' | 'dry-run' | 'failed';

/** One target's part of an apply run. */
export interface TargetApplyReport {
  readonly connection: string;
  readonly keyspace: string;
  readonly outcome: ApplyOutcome;
  /** Migrations this run applied (dry run: would apply), by file name. */
  readonly applied: readonly string[];
  /** The migration a killed run left half done and this run finished, if any. */
  readonly resumed: string | undefined;
  /** Dry run: the CQL statements that would run, in order (modules are named, not run). */
  readonly statements: readonly string[];
  /** Why the target failed (outcome `failed`): e.g. MigrationChecksumError, ConnectionError, ExecutionError. */
  readonly error?: CassiaError;
}

/** The outcome of applyMigrations: one report per target; `ok` when none failed. */
export interface ApplyReport {
  readonly ok: boolean;
  readonly targets: readonly TargetApplyReport[];
}

/** One target's migrations, compared with its ledger. */
export interface TargetStatus {
  readonly connection: string;
  readonly keyspace: string;
  /** Applied and unchanged, by file name. */
  readonly applied: readonly string[];
  /** Not applied yet (a half-applied one is here too, and in `inProgress`). */
  readonly pending: readonly string[];
  /** Applied (or started), but the file's checksum differs from the ledger's. */
  readonly changed: readonly string[];
  /** Started by a run that did not finish: name and statements (or steps) done. */
  readonly inProgress: readonly { readonly name: string; readonly statementsDone: number }[];
  /** In the ledger, but no file of that version is in the folder. */
  readonly missing: readonly string[];
  /** Why the target could not be read, if it could not. */
  readonly error?: CassiaError;
}

/** The outcome of migrationStatus; `ok` when every target was read and none has a changed file. */
export interface StatusReport {
  readonly ok: boolean;
  readonly targets: readonly TargetStatus[];
}
