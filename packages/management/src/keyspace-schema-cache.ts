// Each connection's keyspace schemas (keyspace-schema.ts), kept while its cluster's schema version is
// the one they were read under (schema-version.ts): a repeat plan reads the version, one small pair of
// rows per connection, instead of system_schema per keyspace. Any DDL, by Cassia or another client,
// changes the version; management's own DDL also drops the connection's schemas (applyStages).
import type { Connection } from '@cassia/core';
import { readKeyspaceSchemas, type KeyspaceSchema } from './keyspace-schema';
import { agreedSchemaVersion } from './schema-version';

/** Keyspaces kept per connection (the oldest read is dropped first past it). */
export const CACHED_KEYSPACES_PER_CONNECTION = 256;

interface VersionedSchemas {
  readonly version: string;
  readonly keyspaces: Map<string, KeyspaceSchema>;
}

// Keyed by the Connection object: a re-registered name is a new Connection and starts empty.
const schemasByConnection = new WeakMap<Connection, VersionedSchemas>();

/** Reads keyspace schemas of one connection for one call: the version is read once, at first use. */
export type KeyspaceSchemaReader = (keyspaces: readonly string[]) => Promise<ReadonlyMap<string, KeyspaceSchema>>;

/**
 * A reader for one call on `connection`: a keyspace read under the version the cluster agrees on now
 * comes from the cache, the others are read from system_schema together (and kept, when the nodes
 * agreed). A read that overlaps a change is kept under the version from before it, so the next call,
 * which sees the newer version, reads again; what is not caught is a change and its exact undo (a
 * table created and dropped) both within one read.
 */
export function cachedKeyspaceSchemaReader(connection: Connection): KeyspaceSchemaReader {
  let version: Promise<string | undefined> | undefined;
  return async (keyspaces) => {
    version ??= agreedSchemaVersion(connection);
    const agreed = await version;
    if (agreed === undefined) return readKeyspaceSchemas(connection, keyspaces);
    const held = schemasByConnection.get(connection);
    const found = new Map<string, KeyspaceSchema>();
    const missing: string[] = [];
    for (const keyspace of keyspaces) {
      const cached = held?.version === agreed ? held.keyspaces.get(keyspace) : undefined;
      if (cached !== undefined) found.set(keyspace, cached);
      else missing.push(keyspace);
    }
    if (missing.length === 0) return found;
    for (const schema of (await readKeyspaceSchemas(connection, missing)).values()) {
      keep(connection, agreed, schema);
      found.set(schema.name, schema);
    }
    return found;
  };
}

/** Drops every schema kept for `connection` (after DDL run through it). */
export function forgetKeyspaceSchemas(connection: Connection): void {
  schemasByConnection.delete(connection);
}

function keep(connection: Connection, version: string, schema: KeyspaceSchema): void {
  let held = schemasByConnection.get(connection);
  if (held?.version !== version) {
    held = { version, keyspaces: new Map() };
    schemasByConnection.set(connection, held);
  }
  held.keyspaces.delete(schema.name);
  if (held.keyspaces.size >= CACHED_KEYSPACES_PER_CONNECTION) {
    const oldest = held.keyspaces.keys().next();
    if (oldest.done !== true) held.keyspaces.delete(oldest.value);
  }
  held.keyspaces.set(schema.name, schema);
}
