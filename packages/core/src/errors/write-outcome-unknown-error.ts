// A statement that was sent but whose answer never came: it may or may not have been applied.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/**
 * A write was sent and its answer never came: a non-idempotent write (a counter change, a list
 * append or prepend, a lightweight transaction) timed out or lost its connection, or a statement
 * was cut off when a connection's drain timeout ran out. It may or may not have been applied.
 * Retrying it blindly can apply it twice unless it is idempotent; read back to find out.
 */
export class WriteOutcomeUnknownError extends CassiaError {
  readonly code = 'ERR_CASSIA_WRITE_OUTCOME_UNKNOWN';
  /** The registered name of the connection that ran the statement. */
  readonly connection: string;
  /** The CQL text (never contains values: they are always bound). */
  readonly cql: string | undefined;
  /** Whether it was a lightweight transaction (then its condition's outcome is unknown too). */
  readonly conditional: boolean;

  constructor(message: string, options: CassiaErrorOptions & { connection: string; cql?: string; conditional?: boolean }) {
    super(message, options);
    this.connection = options.connection;
    this.cql = options.cql;
    this.conditional = options.conditional === true;
  }
}
