// A connection name that is not in the registry.
import { describeValue } from '../describe-value';
import { CassiaError } from './cassia-error';

// A registry may hold thousands of connections; the message names a few.
const MAX_LISTED = 20;

/** No connection is registered under the requested name; the message lists the registered ones. */
export class UnknownConnectionError extends CassiaError {
  readonly code = 'ERR_CASSIA_UNKNOWN_CONNECTION';
  /** The name that was asked for. */
  readonly connection: string;
  /** The names registered when the error was raised. */
  readonly registered: readonly string[];

  /** `afterShutdown`: the registry was shut down and nothing was registered since (the message says so). */
  constructor(connection: string, registered: readonly string[], afterShutdown = false) {
    const listed = registered.slice(0, MAX_LISTED).map((name) => describeValue(name));
    if (registered.length > MAX_LISTED) listed.push(`and ${registered.length - MAX_LISTED} more`);
    const known = registered.length === 0 ? 'none' : listed.join(', ');
    const shown = describeValue(connection);
    const register = typeof connection === 'string' ? `registerConnection(${shown}, ...)` : 'registerConnection(name, ...)';
    super(
      `No connection named ${shown} is registered (registered: ${known}` +
        `${afterShutdown ? '; the registry was shut down, which removed every connection' : ''}). ` +
        `Register it with ${register} or use one of the registered names.`,
    );
    this.connection = connection;
    this.registered = Object.freeze([...registered]);
  }
}
