// A model or user type definition that Cassandra could not accept.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** A model or user-defined type is defined incorrectly (keys, counters, static columns, names). */
export class SchemaDefinitionError extends CassiaError {
  readonly code = 'ERR_CASSIA_SCHEMA_DEFINITION';

  constructor(message: string, options?: CassiaErrorOptions) {
    super(message, options);
  }
}
