// Options of applyMigrations and migrationStatus.
import type { LeaseSettings } from './lease';
import type { TargetSelection } from './migration-targets';

/** Options every migration function takes. */
export interface MigrationOptions extends TargetSelection {
  /** The migrations folder (default `migrations`, relative to the working directory). */
  folder?: string;
  /** Called with progress lines, e.g. `c1/app: 0002_add_email.cql applied (3 statements)`. */
  onProgress?: (line: string) => void;
}

/** Options of applyMigrations. */
export interface ApplyMigrationsOptions extends MigrationOptions {
  /** Report what would run, run nothing and write nothing (not even the ledger table). */
  dryRun?: boolean;
  /** How the per-target lease is held and waited for (tests shorten the TTL). */
  lease?: Partial<LeaseSettings>;
  /** How long to wait for schema agreement after each DDL statement (default 10000 ms). */
  schemaAgreementTimeoutMs?: number;
}
