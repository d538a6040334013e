// A keyspace, table, column, type or index name that is not a valid CQL identifier.
import { CassiaError } from './cassia-error';

/** A name is not a valid CQL identifier. */
export class InvalidIdentifierError extends CassiaError {
  readonly code = 'ERR_CASSIA_INVALID_IDENTIFIER';
  /** What the name was for, e.g. `'keyspace'` or `'column'`. */
  readonly what: string;
  /** The rejected name (as a string, for display). */
  readonly identifier: string;

  constructor(identifier: unknown, what: string) {
    const shown = typeof identifier === 'string' ? `'${identifier}'` : `a ${typeof identifier}`;
    super(
      `Invalid ${what} name ${shown}: use 1 to 48 characters, starting with a letter, ` +
        `followed by letters, digits or underscores.`,
    );
    this.what = what;
    this.identifier = String(identifier);
  }
}
