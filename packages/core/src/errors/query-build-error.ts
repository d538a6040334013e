// A query builder used in a way that cannot produce valid CQL.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** Invalid builder usage, e.g. an unknown column or an empty `in` list. */
export class QueryBuildError extends CassiaError {
  readonly code = 'ERR_CASSIA_QUERY_BUILD';

  constructor(message: string, options?: CassiaErrorOptions) {
    super(message, options);
  }
}
