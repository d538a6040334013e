// A statement middleware that failed or broke the pipeline's rules.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/**
 * A middleware threw something that is not a CassiaError (kept as `cause`), returned without
 * calling `next()`, called it twice, or asked for a change its statement cannot take. The
 * statement was not sent when the middleware failed before `next()`.
 */
export class MiddlewareError extends CassiaError {
  readonly code = 'ERR_CASSIA_MIDDLEWARE';

  constructor(message: string, options?: CassiaErrorOptions) {
    super(message, options);
  }
}
