// A file in the migrations folder whose name is not NNNN_description.(cql|ts|js|mjs).
import { CassiaError } from '@cassia/core';

/** A file in the migrations folder is not named `NNNN_description.cql` (or `.ts`, `.js`, `.mjs`). */
export class MigrationFileNameError extends CassiaError {
  readonly code = 'ERR_CASSIA_MIGRATION_FILE_NAME';
  /** The file's path. */
  readonly file: string;

  constructor(file: string) {
    super(
      `Migration file ${JSON.stringify(file)} is not named NNNN_description.cql (or .ts, .js, .mjs): a version of ` +
        `at least 4 digits, an underscore, then letters, digits, '_' or '-'. Rename it, or move it out of the migrations folder.`,
    );
    this.file = file;
  }
}
