// The errors @cassia/migrate adds to Cassia's family (each a CassiaError with a stable code).
export { MigrationFolderError } from './migration-folder-error';
export { MigrationFileNameError } from './migration-file-name-error';
export { DuplicateMigrationVersionError } from './duplicate-migration-version-error';
export { MigrationSyntaxError } from './migration-syntax-error';
export { MigrationChecksumError, type ChangedMigration } from './migration-checksum-error';
export { MigrationLeaseError } from './migration-lease-error';
export { MigrationModuleError } from './migration-module-error';
