// A table or type was to be synced into a keyspace that does not exist on that connection.
import { describeValue } from '../describe-value';
import { CassiaError } from './cassia-error';

/** The target keyspace does not exist; create it first (createSimpleKeyspace / createNetworkTopologyKeyspace). */
export class KeyspaceNotFoundError extends CassiaError {
  readonly code = 'ERR_CASSIA_KEYSPACE_NOT_FOUND';
  readonly connection: string;
  readonly keyspace: string;

  constructor(connection: string, keyspace: string) {
    const shownKeyspace = describeValue(keyspace);
    const shownConnection = describeValue(connection);
    super(
      `Keyspace ${shownKeyspace} does not exist on connection ${shownConnection}. Create it first with ` +
        `createSimpleKeyspace(${shownKeyspace}, { replicationFactor, connections: [${shownConnection}] }) ` +
        `or createNetworkTopologyKeyspace; nothing was changed on this target.`,
    );
    this.connection = connection;
    this.keyspace = keyspace;
  }
}
