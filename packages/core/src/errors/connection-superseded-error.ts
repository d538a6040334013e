// A registration that a later call on the same name overtook before it finished connecting.
import { CassiaError } from './cassia-error';

/** What overtook a registration: a later registration of the name, or its unregistering. */
export type SupersededBy = 'registration' | 'unregistration';

/**
 * A registration was still connecting when a later call on the same name took effect (a later
 * `registerConnection(name, { replace: true })` or `unregisterConnection(name)`). Calls on one name
 * take effect in call order, so this one changed nothing and its client was shut down.
 */
export class ConnectionSupersededError extends CassiaError {
  readonly code = 'ERR_CASSIA_CONNECTION_SUPERSEDED';
  /** The name that was being registered. */
  readonly connection: string;
  /** The later call that took effect first. */
  readonly supersededBy: SupersededBy;

  constructor(connection: string, supersededBy: SupersededBy) {
    const later =
      supersededBy === 'registration'
        ? `a later registerConnection('${connection}', { replace: true }) took effect first`
        : `unregisterConnection('${connection}') was called after it`;
    super(
      `Registering connection '${connection}' was superseded: ${later}. Calls on one name take effect in ` +
        `call order, so this registration changed nothing and its client was shut down. ` +
        `getConnection('${connection}') gives the connection in effect.`,
    );
    this.connection = connection;
    this.supersededBy = supersededBy;
  }
}
