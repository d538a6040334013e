// A value read from the database that has no JS value in Cassia's mapping (e.g. a timestamp
// beyond JS Date's range written by another client).
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** A stored value cannot be represented as its column's JS value; the message says which and what to do. */
export class UnreadableValueError extends CassiaError {
  readonly code = 'ERR_CASSIA_UNREADABLE_VALUE';

  constructor(message: string, options?: CassiaErrorOptions) {
    super(message, options);
  }
}
