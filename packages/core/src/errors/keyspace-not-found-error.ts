// A table or type was to be synced into a keyspace that does not exist on that connection.
import { CassiaError } from './cassia-error';

/** The target keyspace does not exist; create it first (createSimpleKeyspace / createNetworkTopologyKeyspace). */
export class KeyspaceNotFoundError extends CassiaError {
  readonly code = 'ERR_CASSIA_KEYSPACE_NOT_FOUND';
  readonly connection: string;
  readonly keyspace: string;

  constructor(connection: string, keyspace: string) {
    super(
      `Keyspace '${keyspace}' does not exist on connection '${connection}'. Create it first with ` +
        `createSimpleKeyspace('${keyspace}', { replicationFactor, connections: ['${connection}'] }) ` +
        `or createNetworkTopologyKeyspace; nothing was changed on this target.`,
    );
    this.connection = connection;
    this.keyspace = keyspace;
  }
}
