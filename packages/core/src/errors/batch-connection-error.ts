// Statements of one batch that resolve to different connections.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** A batch's statements do not all run on the batch's connection. */
export class BatchConnectionError extends CassiaError {
  readonly code = 'ERR_CASSIA_BATCH_CONNECTION';

  constructor(message: string, options?: CassiaErrorOptions) {
    super(message, options);
  }
}
