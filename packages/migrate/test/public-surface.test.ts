// @cassia/migrate's root exports the functions and errors its README documents.
import { CassiaError } from '@cassia/core';
import * as migrate from '@cassia/migrate';

describe('@cassia/migrate runtime exports', () => {
  it('are the migration functions, the folder reader and splitter, and the errors', () => {
    expect(Object.keys(migrate).sort()).toEqual(
      [
        'DEFAULT_MIGRATIONS_FOLDER', 'DuplicateMigrationVersionError', 'LEASE_TABLE', 'LEDGER_TABLE', 'MigrationChecksumError', 'MigrationFileNameError',
        'MigrationFolderError', 'MigrationLeaseError', 'MigrationModuleError', 'MigrationSyntaxError', 'applyMigrations', 'defineConfig', 'migrationStatus',
        'readMigrationFolder', 'runCli', 'splitCqlStatements',
      ].sort(),
    );
  });

  it('errors are CassiaErrors with stable codes', () => {
    const error = new migrate.MigrationChecksumError({ file: 'f.cql', connection: 'c', keyspace: 'k', recorded: 'a'.repeat(64), actual: 'b'.repeat(64) });
    expect(error).toBeInstanceOf(CassiaError);
    expect(error.code).toBe('ERR_CASSIA_MIGRATION_CHECKSUM');
    expect(error.message).toContain('f.cql');
    expect(error.message).toContain('c/k');
  });
});
