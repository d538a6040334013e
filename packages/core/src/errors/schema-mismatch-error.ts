// A column whose type in the database differs from the model; sync leaves that target unchanged.
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** Where and how a table in the database disagrees with its model. */
export interface SchemaMismatch {
  connection: string;
  keyspace: string;
  table: string;
  column: string;
  expected: string;
  actual: string;
}

/** A column's type in the database differs from the model's; the target was left unchanged. */
export class SchemaMismatchError extends CassiaError {
  readonly code = 'ERR_CASSIA_SCHEMA_MISMATCH';
  readonly connection: string;
  readonly keyspace: string;
  readonly table: string;
  readonly column: string;
  /** The CQL type the model declares. */
  readonly expected: string;
  /** The CQL type found in the database. */
  readonly actual: string;

  constructor(mismatch: SchemaMismatch, options?: CassiaErrorOptions) {
    super(
      `Column '${mismatch.column}' of ${mismatch.keyspace}.${mismatch.table} on connection ` +
        `'${mismatch.connection}' is ${mismatch.actual} in the database but ${mismatch.expected} ` +
        `in the model. Cassandra cannot change a column's type: migrate the data to a new column ` +
        `or table, or change the model. Nothing was changed on this target.`,
      options,
    );
    this.connection = mismatch.connection;
    this.keyspace = mismatch.keyspace;
    this.table = mismatch.table;
    this.column = mismatch.column;
    this.expected = mismatch.expected;
    this.actual = mismatch.actual;
  }
}
