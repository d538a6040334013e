// Registering a name twice; cqlengine silently replaced (and leaked) the old cluster.
import { describeValue } from '../describe-value';
import { CassiaError } from './cassia-error';

/** A connection with this name is already registered. */
export class ConnectionExistsError extends CassiaError {
  readonly code = 'ERR_CASSIA_CONNECTION_EXISTS';
  /** The name that is already taken. */
  readonly connection: string;

  constructor(connection: string) {
    const shown = describeValue(connection);
    super(
      `A connection named ${shown} is already registered. ` +
        `Pass { replace: true } to replace it, or call unregisterConnection(${shown}) first.`,
    );
    this.connection = connection;
  }
}
