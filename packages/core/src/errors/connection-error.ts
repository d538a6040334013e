// A connection could not be opened, was closed, or lost every host.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** Connecting to a cluster failed, no host was reachable, or the connection was shut down. */
export class ConnectionError extends CassiaError {
  readonly code = 'ERR_CASSIA_CONNECTION';
  /** The registered name of the connection concerned. */
  readonly connection: string;

  constructor(message: string, options: CassiaErrorOptions & { connection: string }) {
    super(message, options);
    this.connection = options.connection;
  }
}
