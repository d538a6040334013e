// provisionTenant: one call that creates a tenant's keyspace on its connection and brings its
// tables (and the user types they use) up to its models. Safe to run twice or from many
// processes at once: keyspace creation is IF NOT EXISTS and a table another client created
// first counts as done (target-runner.ts), after which sync compares what is there to the model.
import { ConfigurationError, type ConnectionRegistry } from '@cassia/core';
import { assertIdentifier, assertKnownOptions, checkConnectionName, describeValue, isIntegerInRange } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { createNetworkTopologyKeyspace, createSimpleKeyspace } from './keyspace-management';
import type { KeyspaceResult } from './keyspace-result';
import type { SyncResult } from './sync-result';
import { registryOf } from './sync-targets';
import { syncTable } from './table-sync';

/** Options of `provisionTenant`: give `replicationFactor` (SimpleStrategy) or `replication` (NetworkTopologyStrategy). */
export interface ProvisionTenantOptions {
  /** The tenant's keyspace. */
  keyspace: string;
  /** The models whose tables the tenant gets (their own keyspace and connection are overridden by the tenant's). */
  models: readonly AnyModel[];
  /** The tenant's connection; default: the resolved default connection. */
  connection?: string;
  /** SimpleStrategy replication factor. */
  replicationFactor?: number;
  /** NetworkTopologyStrategy replication per data center, e.g. `{ datacenter1: 3 }`. */
  replication?: Readonly<Record<string, number>>;
  durableWrites?: boolean;
  /** How long to wait for schema agreement after each DDL step (default 10000 ms). */
  schemaAgreementTimeoutMs?: number;
  /** The registry of the connection; default: @cassia/core's default registry. */
  registry?: ConnectionRegistry;
  /** One line per step, e.g. `tenant t1: keyspace created`, `tenant t1: table orders created (1 statement)`. */
  onProgress?: (line: string) => void;
}

/** What `provisionTenant` did. */
export interface ProvisionReport {
  readonly connection: string;
  readonly keyspace: string;
  /** `created` when this call created the keyspace, `unchanged` when it existed. */
  readonly keyspaceAction: KeyspaceResult['action'];
  /** Keyspace warnings (settings that differ from the call's, replication above the node count). */
  readonly warnings: readonly string[];
  /** One result per model, in the order given. */
  readonly tables: readonly SyncResult[];
  readonly durationMs: number;
}

const OPTION_KEYS: ReadonlySet<string> = new Set([
  'keyspace', 'models', 'connection', 'replicationFactor', 'replication', 'durableWrites', 'schemaAgreementTimeoutMs', 'registry', 'onProgress',
]);

/**
 * Creates the tenant's keyspace on its connection (if missing) and syncs every model's table into
 * it (syncTable: created, or missing columns/indexes/options added), reporting each step. Idempotent:
 * running it again, or in several processes at once, ends in the same schema.
 */
export async function provisionTenant(options: ProvisionTenantOptions): Promise<ProvisionReport> {
  const started = performance.now();
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(`provisionTenant needs { keyspace, models, replicationFactor | replication, ... }, got ${describeValue(options)}.`);
  }
  assertKnownOptions(options, OPTION_KEYS, 'provisionTenant');
  const { keyspace, models, replicationFactor, replication } = options;
  assertIdentifier(keyspace, 'keyspace');
  if (!Array.isArray(models) || models.length === 0) {
    throw new ConfigurationError(`provisionTenant needs models: a non-empty list of models, got ${describeValue(models)}.`);
  }
  if ((replicationFactor === undefined) === (replication === undefined)) {
    throw new ConfigurationError('provisionTenant needs exactly one of replicationFactor (SimpleStrategy) and replication (NetworkTopologyStrategy).');
  }
  if (options.schemaAgreementTimeoutMs !== undefined && !isIntegerInRange(options.schemaAgreementTimeoutMs, 0)) {
    throw new ConfigurationError(`Option schemaAgreementTimeoutMs of provisionTenant must be a non-negative integer, got ${describeValue(options.schemaAgreementTimeoutMs)}.`);
  }
  const registry = registryOf(options);
  const connection = registry.resolveConnection(options.connection === undefined ? undefined : checkConnectionName(options.connection, 'provisionTenant')).name;
  const say = (line: string): void => {
    try {
      options.onProgress?.(`tenant ${keyspace}: ${line}`);
    } catch {
      // A failing progress callback must not fail the provisioning it reports on.
    }
  };
  const where = { registry, connections: [connection] };
  const [created] =
    replicationFactor !== undefined
      ? await createSimpleKeyspace(keyspace, { ...where, replicationFactor, durableWrites: options.durableWrites })
      : await createNetworkTopologyKeyspace(keyspace, { ...where, replication: replication!, durableWrites: options.durableWrites });
  say(created.action === 'created' ? 'keyspace created' : 'keyspace exists, unchanged');
  const tables: SyncResult[] = [];
  // One model after another: a keyspace's schema changes serialize on the server anyway.
  for (const model of models) {
    const [result] = await syncTable(model, { ...where, keyspaces: [keyspace], schemaAgreementTimeoutMs: options.schemaAgreementTimeoutMs });
    tables.push(result);
    const count = result.statements.length;
    say(`table ${result.table} ${result.action}${count === 0 ? '' : ` (${count} statement${count === 1 ? '' : 's'})`}`);
  }
  return Object.freeze({
    connection,
    keyspace,
    keyspaceAction: created.action,
    warnings: created.warnings,
    tables: Object.freeze(tables),
    durationMs: performance.now() - started,
  });
}
