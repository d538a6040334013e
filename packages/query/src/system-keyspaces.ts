// Cassandra's system keyspaces: query statements reach them only on a connection registered with
// `allowSystemKeyspaces: true`, so a keyspace taken from request input (a tenant name, a
// withConnection scope) can never read system_auth.roles or write to system_schema.
import { SystemKeyspaceError, type ResolvedTarget } from '@cassia/core';

const SYSTEM_KEYSPACES: ReadonlySet<string> = new Set([
  'system',
  'system_auth',
  'system_schema',
  'system_views',
  'system_traces',
  'system_distributed',
  'system_virtual_schema',
  'system_cluster_metadata',
]);

/** Whether `keyspace` is one of Cassandra's system keyspaces (names are case-sensitive, as quoted). */
export function isSystemKeyspace(keyspace: string): boolean {
  // Every system keyspace starts with 's' (115): most names are rejected by one comparison.
  return keyspace.charCodeAt(0) === 115 && SYSTEM_KEYSPACES.has(keyspace);
}

/** `target`, unless it is a system keyspace on a connection that did not opt in (SystemKeyspaceError). */
export function assertDataTarget(target: ResolvedTarget): ResolvedTarget {
  if (isSystemKeyspace(target.keyspace) && !target.connection.allowSystemKeyspaces) {
    throw new SystemKeyspaceError(target.connection.name, target.keyspace);
  }
  return target;
}
