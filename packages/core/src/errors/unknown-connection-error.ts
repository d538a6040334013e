// A connection name that is not in the registry.
import { CassiaError } from './cassia-error';

/** No connection is registered under the requested name; the message lists the registered ones. */
export class UnknownConnectionError extends CassiaError {
  readonly code = 'ERR_CASSIA_UNKNOWN_CONNECTION';
  /** The name that was asked for. */
  readonly connection: string;
  /** The names registered when the error was raised. */
  readonly registered: readonly string[];

  /** `afterShutdown`: the registry was shut down and nothing was registered since (the message says so). */
  constructor(connection: string, registered: readonly string[], afterShutdown = false) {
    const known = registered.length === 0 ? 'none' : registered.map((n) => `'${n}'`).join(', ');
    super(
      `No connection named '${connection}' is registered (registered: ${known}` +
        `${afterShutdown ? '; the registry was shut down, which removed every connection' : ''}). ` +
        `Register it with registerConnection('${connection}', ...) or use one of the registered names.`,
    );
    this.connection = connection;
    this.registered = Object.freeze([...registered]);
  }
}
