// createSimpleKeyspace, createNetworkTopologyKeyspace and dropKeyspace over a list of connections.
import type { ResolvedTarget } from '@cassia/core';
import { assertIdentifier } from '@cassia/core/internal';
import { nodesByDatacenter } from './cluster-topology';
import { applyStatements } from './ddl-stages';
import { createKeyspaceCql, dropKeyspaceCql, networkTopologyKeyspace, simpleKeyspace, type WantedKeyspace } from './keyspace-cql';
import type { KeyspaceResult } from './keyspace-result';
import { factorsAboveNodes, keyspaceDifferences } from './keyspace-settings-diff';
import type { KeyspaceTargetOptions, NetworkTopologyKeyspaceOptions, SimpleKeyspaceOptions } from './management-options';
import { describeKeyspaceSettings, keyspaceExists } from './schema-introspection';
import { registryOf, resolveConnections } from './sync-targets';
import { runOnTargets } from './target-runner';

/**
 * Creates a SimpleStrategy keyspace on each connection where it does not exist; an existing one is left
 * as it is, and how it differs from the call (or a factor above the node count) comes back as warnings.
 */
export async function createSimpleKeyspace(name: string, options: SimpleKeyspaceOptions): Promise<KeyspaceResult[]> {
  const wanted = simpleKeyspace(name, options?.replicationFactor, options?.durableWrites);
  return createKeyspace('createSimpleKeyspace', name, wanted, options);
}

/**
 * Creates a NetworkTopologyStrategy keyspace on each connection where it does not exist; an existing one is
 * left as it is, and how it differs from the call (or a factor above a data center's nodes) comes back as warnings.
 */
export async function createNetworkTopologyKeyspace(name: string, options: NetworkTopologyKeyspaceOptions): Promise<KeyspaceResult[]> {
  const wanted = networkTopologyKeyspace(name, options?.replication, options?.durableWrites);
  return createKeyspace('createNetworkTopologyKeyspace', name, wanted, options);
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

async function createKeyspace(operation: string, name: string, wanted: WantedKeyspace, options: KeyspaceTargetOptions): Promise<KeyspaceResult[]> {
  const cql = createKeyspaceCql(name, wanted);
  return runOnTargets(
    targetsOf(name, options),
    async (target) => {
      const existing = await describeKeyspaceSettings(target.connection, name);
      const statements = existing === undefined ? [cql] : [];
      const warnings = await applyStatements(target, statements);
      // Read again after creating: a concurrent creation with other settings wins over IF NOT EXISTS.
      const settings = existing ?? (await describeKeyspaceSettings(target.connection, name));
      if (settings !== undefined) warnings.push(...keyspaceDifferences(name, wanted, settings));
      const nodes = await nodesByDatacenter(target.connection);
      if (nodes !== undefined) warnings.push(...factorsAboveNodes(name, wanted, nodes));
      const action = existing === undefined ? 'created' : 'unchanged';
      const result: KeyspaceResult = { connection: target.connection.name, keyspace: name, action, statements, warnings };
      const progress = action === 'created' ? 'keyspace created' : 'keyspace exists, unchanged';
      return { result, progress: warnings.length === 0 ? progress : `${progress} (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` };
    },
    { operation, subject: undefined, onProgress: options.onProgress },
  );
}

function targetsOf(name: string, options: KeyspaceTargetOptions): ResolvedTarget[] {
  assertIdentifier(name, 'keyspace');
  return resolveConnections(registryOf(options), options.connections).map((connection) => ({ connection, keyspace: name }));
}
