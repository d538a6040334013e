// The migration lease of a target could not be taken in time, or was lost while running.
import { CassiaError } from '@cassia/core';

/** Another process held a target's migration lease for longer than the wait allowed, or this one lost it. */
export class MigrationLeaseError extends CassiaError {
  readonly code = 'ERR_CASSIA_MIGRATION_LEASE';
  readonly connection: string;
  readonly keyspace: string;

  constructor(connection: string, keyspace: string, reason: string) {
    super(`Migration lease of ${connection}/${keyspace}: ${reason}`);
    this.connection = connection;
    this.keyspace = keyspace;
  }
}
