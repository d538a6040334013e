// A lightweight transaction whose condition did not hold.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** Options of a LwtNotAppliedError: its cause, and what the write was of. */
export interface LwtNotAppliedErrorOptions extends CassiaErrorOptions {
  /** The model written (opaque here: core knows no models); `isLwtNotApplied(error, Model)` in @cassia/query compares it. */
  model?: object;
}

/**
 * A conditional write (IF NOT EXISTS / IF EXISTS / IF ...) was not applied. `Row` types
 * `existing`: narrow an error to a model's rows with `isLwtNotApplied(error, Model)` from
 * @cassia/query (core knows no models, hence the untyped default).
 */
export class LwtNotAppliedError<Row extends object = Record<string, unknown>> extends CassiaError {
  readonly code = 'ERR_CASSIA_LWT_NOT_APPLIED';
  /**
   * The values Cassandra returned for the existing row: the columns the condition tested (every
   * column for IF NOT EXISTS), empty when there is no row; hence each may be absent.
   */
  readonly existing: Readonly<Partial<Row>>;
  /** The model written, when the write came from a model's query or batch (undefined otherwise). */
  readonly model: object | undefined;

  constructor(message: string, existing: Readonly<Partial<Row>>, options: LwtNotAppliedErrorOptions = {}) {
    super(message, options);
    this.existing = Object.freeze({ ...existing });
    this.model = options.model;
  }
}
