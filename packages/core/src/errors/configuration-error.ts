// Invalid options given to Cassia (registration, scopes, execution options).
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** Options passed to Cassia are invalid or contradict each other. */
export class ConfigurationError extends CassiaError {
  readonly code = 'ERR_CASSIA_CONFIGURATION';

  constructor(message: string, options?: CassiaErrorOptions) {
    super(message, options);
  }
}
