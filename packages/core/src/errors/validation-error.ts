// Values rejected by a model's zod schemas before anything was sent.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** One problem with a value, shaped like a zod issue. */
export interface ValidationIssue {
  path: readonly (string | number)[];
  message: string;
  code: string;
}

/** Values failed validation; nothing was sent to the database. */
export class ValidationError extends CassiaError {
  readonly code = 'ERR_CASSIA_VALIDATION';
  /** Every problem found, with its path in the validated value. */
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, issues: readonly ValidationIssue[], options?: CassiaErrorOptions) {
    super(message, options);
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue, path: [...issue.path] })));
  }
}
