// The only place identifier text is made: every keyspace, table, column, type and index name
// is checked with assertIdentifier and written with quoteIdentifier.
import { InvalidIdentifierError } from './errors/invalid-identifier-error';

// Unquoted CQL identifier syntax, capped at Cassandra's 48-character limit for schema names.
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

/** Whether `name` is a valid CQL identifier. */
export function isIdentifier(name: unknown): name is string {
  return typeof name === 'string' && IDENTIFIER.test(name);
}

/** Throws InvalidIdentifierError (naming `what`) unless `name` is a valid CQL identifier. */
export function assertIdentifier(name: unknown, what: string): asserts name is string {
  if (!isIdentifier(name)) throw new InvalidIdentifierError(name, what);
}

/** Returns `name` double-quoted for CQL, doubling embedded quotes; case is kept exactly. */
export function quoteIdentifier(name: string): string {
  // Always quoting makes reserved words safe and keeps case, so "userId" stays userId.
  return `"${name.replace(/"/g, '""')}"`;
}

/** Returns `"keyspace"."name"`, the form every statement uses to name its table or type. */
export function quoteQualified(keyspace: string, name: string): string {
  return `${quoteIdentifier(keyspace)}.${quoteIdentifier(name)}`;
}
