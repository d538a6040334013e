// The (connection × keyspace) targets of a management call, resolved with core's one rule
// (explicit → model → withConnection scope → default connection → connection's keyspace).
import { ConfigurationError, type Connection, type ConnectionRegistry, type ResolvedTarget } from '@cassia/core';
import { assertIdentifier, checkConnectionName, defaultRegistry, describeValue } from '@cassia/core/internal';

/** What the caller asked for and what the model (or type) names itself. */
export interface TargetRequest {
  connections?: readonly string[];
  keyspaces?: readonly string[];
  /** The model's own connection, used when `connections` is left out. */
  defaultConnection?: string;
  /** The model's own keyspace, used when `keyspaces` is left out. */
  defaultKeyspace?: string;
}

/** The registry to use: the caller's, else core's default one. */
export function registryOf(options: { registry?: ConnectionRegistry }): ConnectionRegistry {
  return options.registry ?? defaultRegistry;
}

/**
 * Every (connection, keyspace) pair, connections in the order given, duplicates removed.
 * Throws before anything is sent: unknown connection, invalid keyspace name, no keyspace.
 */
export function resolveTargets(registry: ConnectionRegistry, request: TargetRequest): ResolvedTarget[] {
  const connections = listOrDefault(request.connections, request.defaultConnection, 'connections');
  const keyspaces = listOrDefault(request.keyspaces, request.defaultKeyspace, 'keyspaces');
  for (const keyspace of keyspaces) if (keyspace !== undefined) assertIdentifier(keyspace, 'keyspace');
  const seen = new Set<string>();
  const targets: ResolvedTarget[] = [];
  for (const connection of connections) {
    for (const keyspace of keyspaces) {
      const resolved = registry.resolve({ connection, keyspace });
      const key = `${resolved.connection.name}\u0000${resolved.keyspace}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push(resolved);
    }
  }
  return targets;
}

/** The connections of a keyspace operation: the listed ones, else the resolved default. */
export function resolveConnections(registry: ConnectionRegistry, connections: readonly string[] | undefined): Connection[] {
  const names = listOrDefault(connections, undefined, 'connections');
  const result: Connection[] = [];
  for (const name of names) {
    const connection = registry.resolveConnection(name);
    if (!result.includes(connection)) result.push(connection);
  }
  return result;
}

function listOrDefault(
  list: readonly string[] | undefined,
  fallback: string | undefined,
  what: 'connections' | 'keyspaces',
): (string | undefined)[] {
  if (list === undefined) return [fallback];
  if (!Array.isArray(list) || list.length === 0) {
    // An empty list most likely comes from a bug upstream; syncing "nowhere" silently would hide it.
    throw new ConfigurationError(
      `${what} must be a non-empty list of names, got ${describeValue(list)}; leave it out to use the default.`,
    );
  }
  for (const name of list) {
    if (what === 'connections') {
      checkConnectionName(name, what);
    } else if (typeof name !== 'string' || name === '') {
      throw new ConfigurationError(`${what} must contain non-empty strings, got ${describeValue(name)}.`);
    }
  }
  return [...list];
}
