// A table or type in the database that sync cannot bring to the model (a column type that differs,
// a change Cassandra refuses); sync leaves that target unchanged.
import { describeValue, escapeInput } from '../describe-value';
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

/** Options of a SchemaMismatchError: `reason` words a mismatch other than two column types. */
export interface SchemaMismatchErrorOptions extends CassiaErrorOptions {
  /**
   * What disagrees and what to do, in place of the default (the column's type differs and
   * Cassandra cannot change it); the message always ends by saying the target was left unchanged.
   */
  reason?: string;
}

/** A column's type in the database differs from the model's (or `reason` says what else); the target was left unchanged. */
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

  constructor(mismatch: SchemaMismatch, options: SchemaMismatchErrorOptions = {}) {
    super(`${options.reason ?? typesDiffer(mismatch)} Nothing was changed on this target.`, options);
    this.connection = mismatch.connection;
    this.keyspace = mismatch.keyspace;
    this.table = mismatch.table;
    this.column = mismatch.column;
    this.expected = mismatch.expected;
    this.actual = mismatch.actual;
  }
}

// Type texts can be long (nested collections, tuples); they are still cut, but later than names.
const MAX_TYPE_IN_MESSAGE = 300;

function typesDiffer(mismatch: SchemaMismatch): string {
  return (
    `Column ${describeValue(mismatch.column)} of ${escapeInput(mismatch.keyspace)}.${escapeInput(mismatch.table)} on connection ` +
    `${describeValue(mismatch.connection)} is ${escapeInput(mismatch.actual, MAX_TYPE_IN_MESSAGE)} in the database but ${escapeInput(mismatch.expected, MAX_TYPE_IN_MESSAGE)} ` +
    `in the model. Cassandra cannot change a column's type: migrate the data to a new column or table, or change the model.`
  );
}
