/**
 * Versioned schema migrations over connections × keyspaces (a ledger and a lease per target) and the `cassia` command line.
 *
 * @packageDocumentation
 * @module @cassia/migrate
 */
export * from './errors/index';
export { applyMigrations } from './apply-migrations';
export { migrationStatus } from './migration-status';
export { readMigrationFolder, DEFAULT_MIGRATIONS_FOLDER } from './migration-folder';
export { splitCqlStatements, type CqlStatement } from './cql-splitter';
export type { MigrationFile, MigrationKind } from './migration-file';
export type { MigrationContext } from './migration-context';
export type { MigrationOptions, ApplyMigrationsOptions } from './migration-options';
export type { TargetSelection } from './migration-targets';
export type { LeaseSettings } from './lease';
export type { ApplyOutcome, ApplyReport, TargetApplyReport, StatusReport, TargetStatus } from './migration-report';
export { LEDGER_TABLE, LEASE_TABLE, type LedgerEntry, type LedgerStatus } from './ledger';
export { defineConfig, type CassiaConfig } from './cassia-config';
export { runCli } from './cli/program';
export type { CliIo } from './cli/cli-io';
