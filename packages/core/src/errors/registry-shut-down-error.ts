// A registration that was still connecting when its registry was shut down.
import { CassiaError } from './cassia-error';

/**
 * The registry was shut down while this connection was being registered: it was not added, and
 * its client was shut down. The registry itself stays usable (empty) after `shutdown()`.
 */
export class RegistryShutDownError extends CassiaError {
  readonly code = 'ERR_CASSIA_REGISTRY_SHUT_DOWN';
  /** The name that was being registered. */
  readonly connection: string;

  constructor(connection: string) {
    super(
      `Connection '${connection}' was still connecting when shutdown() was called, so it was not ` +
        `registered and its client was shut down. Register it again after shutdown() if it is still needed.`,
    );
    this.connection = connection;
  }
}
