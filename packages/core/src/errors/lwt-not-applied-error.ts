// A lightweight transaction whose condition did not hold.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** A conditional write (IF NOT EXISTS / IF EXISTS / IF ...) was not applied. */
export class LwtNotAppliedError extends CassiaError {
  readonly code = 'ERR_CASSIA_LWT_NOT_APPLIED';
  /** The values Cassandra returned for the existing row (empty when there is none). */
  readonly existing: Readonly<Record<string, unknown>>;

  constructor(message: string, existing: Record<string, unknown>, options?: CassiaErrorOptions) {
    super(message, options);
    this.existing = Object.freeze({ ...existing });
  }
}
