// The root of every error Cassia throws: one family, each class with a stable `code`.

/** Options every Cassia error accepts; `cause` keeps the original (usually driver) error. */
export interface CassiaErrorOptions {
  cause?: unknown;
}

/** Base class of every error thrown by Cassia; catch this to catch them all. */
export abstract class CassiaError extends Error {
  /** A stable, machine-readable identifier such as `'ERR_CASSIA_NO_DEFAULT_CONNECTION'`. */
  abstract readonly code: string;

  constructor(message: string, options: CassiaErrorOptions = {}) {
    // Passing `cause` to Error (ES2022) keeps it non-enumerable like a native cause.
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // new.target keeps subclass names without each subclass repeating this line.
    this.name = new.target.name;
  }
}
