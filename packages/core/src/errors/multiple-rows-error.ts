// `get()` found more than one row.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** A query that needs exactly one row found several. */
export class MultipleRowsError extends CassiaError {
  readonly code = 'ERR_CASSIA_MULTIPLE_ROWS';

  constructor(message: string, options?: CassiaErrorOptions) {
    super(message, options);
  }
}
