// An applied migration file changed after it was applied: refuse to run anything on that target.
import { CassiaError } from '@cassia/core';

/** Where an applied migration's file no longer matches the checksum the ledger recorded. */
export interface ChangedMigration {
  readonly file: string;
  readonly connection: string;
  readonly keyspace: string;
  /** The checksum recorded when it was applied. */
  readonly recorded: string;
  /** The checksum of the file now. */
  readonly actual: string;
}

/** A migration already applied to a target was changed afterwards; nothing is run on that target. */
export class MigrationChecksumError extends CassiaError {
  readonly code = 'ERR_CASSIA_MIGRATION_CHECKSUM';
  readonly file: string;
  readonly connection: string;
  readonly keyspace: string;
  readonly recorded: string;
  readonly actual: string;

  constructor(changed: ChangedMigration) {
    super(
      `Migration ${JSON.stringify(changed.file)} was changed after it was applied to ${changed.connection}/${changed.keyspace} ` +
        `(checksum recorded ${changed.recorded.slice(0, 12)}…, file now ${changed.actual.slice(0, 12)}…). Nothing was run on this ` +
        `target: restore the file as it was applied and put the change in a new migration (cassia migrate new).`,
    );
    this.file = changed.file;
    this.connection = changed.connection;
    this.keyspace = changed.keyspace;
    this.recorded = changed.recorded;
    this.actual = changed.actual;
  }
}
