// Resolution found a connection but no keyspace anywhere.
import { describeValue } from '../describe-value';
import { CassiaError } from './cassia-error';

/** No keyspace was given explicitly, by the scope, or by the resolved connection. */
export class UndefinedKeyspaceError extends CassiaError {
  readonly code = 'ERR_CASSIA_UNDEFINED_KEYSPACE';
  /** The connection the statement resolved to. */
  readonly connection: string;

  constructor(connection: string) {
    super(
      `No keyspace is defined for a statement on connection ${describeValue(connection)}. Give one with ` +
        `using({ keyspace }), bind/withContext, the model's keyspace, withConnection({ keyspace }), ` +
        `or the connection's keyspace option.`,
    );
    this.connection = connection;
  }
}
