// A statement reached Cassandra (or tried to) and failed; wraps the driver error.
import { CassiaError } from './cassia-error';

/** Executing a statement or batch failed; `cause` is the driver's error. */
export class ExecutionError extends CassiaError {
  readonly code = 'ERR_CASSIA_EXECUTION';
  /** The registered name of the connection that ran the statement. */
  readonly connection: string;
  /** The CQL text (never contains values: they are always bound). */
  readonly cql: string | undefined;
  /** The server's numeric error code when Cassandra answered with an error. */
  readonly serverCode: number | undefined;

  constructor(
    message: string,
    options: { connection: string; cql?: string; serverCode?: number; cause?: unknown },
  ) {
    super(message, options);
    this.connection = options.connection;
    this.cql = options.cql;
    this.serverCode = options.serverCode;
  }
}
