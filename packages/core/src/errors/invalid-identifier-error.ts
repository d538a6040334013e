// A keyspace, table, column, type or index name that is not a valid CQL identifier.
import { describeValue, escapeInput } from '../describe-value';
import { CassiaError } from './cassia-error';

/** A name is not a valid CQL identifier. */
export class InvalidIdentifierError extends CassiaError {
  readonly code = 'ERR_CASSIA_INVALID_IDENTIFIER';
  /** What the name was for, e.g. `'keyspace'` or `'column'`. */
  readonly what: string;
  /** The rejected name for display: a string cut and escaped like the message's, else its description. */
  readonly identifier: string;

  constructor(identifier: unknown, what: string) {
    super(
      `Invalid ${what} name ${describeValue(identifier)}: use 1 to 48 characters, starting with a letter, ` +
        `followed by letters, digits or underscores.`,
    );
    this.what = what;
    this.identifier = typeof identifier === 'string' ? escapeInput(identifier) : describeValue(identifier);
  }
}
