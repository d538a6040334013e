// The migrations folder is missing, is not a folder, or cannot be read.
import { CassiaError, type CassiaErrorOptions } from '@cassia/core';

/** The migrations folder cannot be used; the message names the folder and what to do. */
export class MigrationFolderError extends CassiaError {
  readonly code = 'ERR_CASSIA_MIGRATION_FOLDER';
  /** The folder as given. */
  readonly folder: string;

  constructor(folder: string, reason: string, options: CassiaErrorOptions = {}) {
    super(`Migrations folder ${JSON.stringify(folder)} ${reason}`, options);
    this.folder = folder;
  }
}
