// The only place identifier text is made: every keyspace, table, column, type and index name
// is checked with assertIdentifier and written with quoteIdentifier.
import { InvalidIdentifierError } from './errors/invalid-identifier-error';

// Unquoted CQL identifier syntax, capped at Cassandra's 48-character limit for schema names.
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

// Names already found valid: statements check their keyspace on every run, and programs use a
// handful of names, so a set lookup replaces the regex. Bounded against programs that don't.
const MAX_REMEMBERED = 1_000;
const valid = new Set<string>();

/** Whether `name` is a valid CQL identifier. */
export function isIdentifier(name: unknown): name is string {
  if (typeof name !== 'string') return false;
  if (valid.has(name)) return true;
  if (!IDENTIFIER.test(name)) return false;
  if (valid.size >= MAX_REMEMBERED) valid.clear();
  valid.add(name);
  return true;
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
