// A data statement aimed at one of Cassandra's system keyspaces on a connection that did not opt in.
import { CassiaError } from './cassia-error';

/**
 * A query statement resolved to a system keyspace (`system`, `system_auth`, `system_schema`, ...)
 * on a connection registered without `allowSystemKeyspaces: true`; nothing was sent.
 */
export class SystemKeyspaceError extends CassiaError {
  readonly code = 'ERR_CASSIA_SYSTEM_KEYSPACE';
  /** The connection the statement resolved to. */
  readonly connection: string;
  /** The system keyspace it resolved to. */
  readonly keyspace: string;

  constructor(connection: string, keyspace: string) {
    super(
      `A statement resolved to system keyspace "${keyspace}" on connection '${connection}', which does not allow ` +
        `system keyspaces. Data statements there are refused so that a keyspace chosen from request input can ` +
        `never reach them; register the connection with allowSystemKeyspaces: true if it must read them.`,
    );
    this.connection = connection;
    this.keyspace = keyspace;
  }
}
