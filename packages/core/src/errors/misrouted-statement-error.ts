// A statement inside a strict scope that resolved to another connection or keyspace than the scope's.
import { describeValue } from '../describe-value';
import { CassiaError } from './cassia-error';

/**
 * Inside a strict scope (a tenant scope, or `withStrictScope`), a statement resolved to another
 * connection or keyspace than the scope's, and its model is not in the scope's `allow` list;
 * nothing was sent.
 */
export class MisroutedStatementError extends CassiaError {
  readonly code = 'ERR_CASSIA_MISROUTED_STATEMENT';
  /** The table of the statement. */
  readonly table: string;
  /** Where the scope routes statements. */
  readonly expected: { readonly connection: string; readonly keyspace: string };
  /** Where the statement resolved to. */
  readonly actual: { readonly connection: string; readonly keyspace: string };

  constructor(table: string, expected: { connection: string; keyspace: string }, actual: { connection: string; keyspace: string }) {
    super(
      `A statement on table ${describeValue(table)} resolved to ${describeValue(actual.connection)}/${actual.keyspace}, ` +
        `but the strict scope it runs in routes to ${describeValue(expected.connection)}/${expected.keyspace}; nothing was sent. ` +
        `Remove the model's own keyspace/connection or the using() that sends it elsewhere, or list the model in the ` +
        `scope's allow option if it is a table shared by every tenant.`,
    );
    this.table = table;
    this.expected = Object.freeze({ connection: expected.connection, keyspace: expected.keyspace });
    this.actual = Object.freeze({ connection: actual.connection, keyspace: actual.keyspace });
  }
}
