// Nothing named a connection and the registry has no default to fall back to.
import { CassiaError } from './cassia-error';

/** A statement named no connection, no scope gave one, and no default connection is set. */
export class NoDefaultConnectionError extends CassiaError {
  readonly code = 'ERR_CASSIA_NO_DEFAULT_CONNECTION';

  /** `afterShutdown`: the registry was shut down and nothing was registered since (the message says so). */
  constructor(afterShutdown = false) {
    super(
      `No connection was given and no default connection is set` +
        `${afterShutdown ? ' (the registry was shut down, which removed every connection and the default)' : ''}. ` +
        'Call setup(...), registerConnection(name, { ..., default: true }) or setDefaultConnection(name), ' +
        'or name a connection explicitly (using, bind, the model, or withConnection).',
    );
  }
}
