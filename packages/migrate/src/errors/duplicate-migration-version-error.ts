// Two migration files with the same version number.
import { CassiaError } from '@cassia/core';

/** Two files in the migrations folder carry the same version; each version must be unique. */
export class DuplicateMigrationVersionError extends CassiaError {
  readonly code = 'ERR_CASSIA_DUPLICATE_MIGRATION_VERSION';
  readonly version: number;
  /** The two files' paths. */
  readonly files: readonly [string, string];

  constructor(version: number, first: string, second: string) {
    super(
      `Migrations ${JSON.stringify(first)} and ${JSON.stringify(second)} both have version ${version}: ` +
        `give the newer one the next free number (cassia migrate new does).`,
    );
    this.version = version;
    this.files = [first, second];
  }
}
