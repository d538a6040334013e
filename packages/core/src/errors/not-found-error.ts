// `get()` found no row.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** A query that needs exactly one row found none. */
export class NotFoundError extends CassiaError {
  readonly code = 'ERR_CASSIA_NOT_FOUND';

  constructor(message: string, options?: CassiaErrorOptions) {
    super(message, options);
  }
}
