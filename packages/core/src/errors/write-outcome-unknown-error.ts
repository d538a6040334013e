// A statement that was sent but whose answer never came: it may or may not have been applied.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/**
 * A statement was sent and then lost its connection before the answer came (for instance cut off
 * when a connection's drain timeout ran out): the write may or may not have been applied.
 * Retrying it blindly can apply it twice unless it is idempotent; read back to find out.
 */
export class WriteOutcomeUnknownError extends CassiaError {
  readonly code = 'ERR_CASSIA_WRITE_OUTCOME_UNKNOWN';
  /** The registered name of the connection that ran the statement. */
  readonly connection: string;
  /** The CQL text (never contains values: they are always bound). */
  readonly cql: string | undefined;

  constructor(message: string, options: CassiaErrorOptions & { connection: string; cql?: string }) {
    super(message, options);
    this.connection = options.connection;
    this.cql = options.cql;
  }
}
