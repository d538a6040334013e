// The targets of a migration run: every (connection, keyspace) pair of the lists given, each left
// out defaulting as for a query (the scope's or registry's default connection, its keyspace).
import { ConfigurationError, type ConnectionRegistry, type ResolvedTarget } from '@cassia/core';
import { assertIdentifier, checkConnectionName, defaultRegistry } from '@cassia/core/internal';

/** Which targets, in which registry. */
export interface TargetSelection {
  /** Connection names; default: the default connection. */
  connections?: readonly string[];
  /** Keyspaces; default: the connection's keyspace. */
  keyspaces?: readonly string[];
  /** Default: @cassia/core's default registry. */
  registry?: ConnectionRegistry;
}

/** Every (connection, keyspace) pair, in the order given, without duplicates; throws before anything runs. */
export function resolveMigrationTargets(selection: TargetSelection): ResolvedTarget[] {
  const registry = selection.registry ?? defaultRegistry;
  const connections = listOrDefault(selection.connections, 'connections');
  const keyspaces = listOrDefault(selection.keyspaces, 'keyspaces');
  for (const name of connections) if (name !== undefined) checkConnectionName(name, 'connections');
  for (const keyspace of keyspaces) if (keyspace !== undefined) assertIdentifier(keyspace, 'keyspace');
  const seen = new Set<string>();
  const targets: ResolvedTarget[] = [];
  for (const connection of connections) {
    for (const keyspace of keyspaces) {
      const target = registry.resolve({ connection, keyspace });
      const key = `${target.connection.name}\u0000${target.keyspace}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push(target);
    }
  }
  return targets;
}

function listOrDefault(list: readonly string[] | undefined, what: string): (string | undefined)[] {
  if (list === undefined) return [undefined];
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigurationError(`${what} must be a non-empty list of names; leave it out to use the default.`);
  }
  return [...list];
}
