// A migration module (.ts/.js/.mjs) that cannot be loaded or exports no up(ctx).
import { CassiaError, type CassiaErrorOptions } from '@cassia/core';

/** A migration or models module could not be loaded, or lacks what it must export. */
export class MigrationModuleError extends CassiaError {
  readonly code = 'ERR_CASSIA_MIGRATION_MODULE';
  readonly file: string;

  constructor(file: string, reason: string, options: CassiaErrorOptions = {}) {
    super(`${JSON.stringify(file)}: ${reason}`, options);
    this.file = file;
  }
}
