// createSimpleKeyspace, createNetworkTopologyKeyspace and dropKeyspace over a list of connections.
import { assertIdentifier } from '@cassia/core';
import { createNetworkTopologyKeyspaceCql, createSimpleKeyspaceCql, dropKeyspaceCql } from './keyspace-cql';
import type { KeyspaceTargetOptions, NetworkTopologyKeyspaceOptions, SimpleKeyspaceOptions } from './management-options';
import { keyspaceExists } from './schema-introspection';
import { registryOf, resolveConnections, type SyncTarget } from './sync-targets';
import { applyStatements, runOnTargets } from './target-runner';

/** Creates a SimpleStrategy keyspace on each connection where it does not exist; an existing one is left as it is. */
export async function createSimpleKeyspace(name: string, options: SimpleKeyspaceOptions): Promise<void> {
  const cql = createSimpleKeyspaceCql(name, options?.replicationFactor, options?.durableWrites);
  await createKeyspace('createSimpleKeyspace', name, cql, options);
}

/** Creates a NetworkTopologyStrategy keyspace on each connection where it does not exist; an existing one is left as it is. */
export async function createNetworkTopologyKeyspace(name: string, options: NetworkTopologyKeyspaceOptions): Promise<void> {
  const cql = createNetworkTopologyKeyspaceCql(name, options?.replication, options?.durableWrites);
  await createKeyspace('createNetworkTopologyKeyspace', name, cql, options);
}

/** Drops the keyspace (and everything in it) on each connection where it exists. */
export async function dropKeyspace(name: string, options: KeyspaceTargetOptions = {}): Promise<void> {
  const cql = dropKeyspaceCql(name);
  await runOnTargets(
    targetsOf(name, options),
    async (target) => {
      if (!(await keyspaceExists(target.connection, name))) return { progress: 'keyspace did not exist' };
      await applyStatements(target, [cql]);
      return { progress: 'keyspace dropped' };
    },
    { operation: 'dropKeyspace', subject: undefined, onProgress: options.onProgress },
  );
}

async function createKeyspace(operation: string, name: string, cql: string, options: KeyspaceTargetOptions): Promise<void> {
  await runOnTargets(
    targetsOf(name, options),
    async (target) => {
      // Checked first only to report it; IF NOT EXISTS still covers a concurrent creation.
      if (await keyspaceExists(target.connection, name)) return { progress: 'keyspace exists, unchanged' };
      await applyStatements(target, [cql]);
      return { progress: 'keyspace created' };
    },
    { operation, subject: undefined, onProgress: options.onProgress },
  );
}

function targetsOf(name: string, options: KeyspaceTargetOptions): SyncTarget[] {
  assertIdentifier(name, 'keyspace');
  return resolveConnections(registryOf(options), options.connections).map((connection) => ({ connection, keyspace: name }));
}
