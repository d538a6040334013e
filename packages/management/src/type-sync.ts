// syncType: a user type (and the types it uses) over connections × keyspaces.
import type { UserType } from '@cassia/schema';
import { KeyspaceNotFoundError } from '@cassia/core';
import type { SyncOptions } from './management-options';
import { describePartitionKeyColumns, describeTypes, keyspaceExists } from './schema-introspection';
import { applyUntilSettled } from './settling-apply';
import type { SyncResult } from './sync-result';
import { registryOf, resolveTargets } from './sync-targets';
import { describeAction, runOnTargets } from './target-runner';
import { planUserTypes } from './type-plan';

/**
 * Creates the user type (dependencies first) or adds its missing fields on every target; `table`
 * in each result is the type's name. When any target fails, rejects after all ran with the first failure's typed error (see syncReportOf).
 */
export async function syncType(type: UserType, options: SyncOptions = {}): Promise<SyncResult[]> {
  const targets = resolveTargets(registryOf(options), {
    connections: options.connections,
    keyspaces: options.keyspaces,
    defaultKeyspace: type.keyspace,
  });
  return runOnTargets(
    targets,
    async (target) => {
      const names = { connection: target.connection.name, keyspace: target.keyspace };
      if (!(await keyspaceExists(target.connection, target.keyspace))) {
        throw new KeyspaceNotFoundError(names.connection, names.keyspace);
      }
      const planNow = async () =>
        planUserTypes(
          [...type.dependencies, type],
          names,
          await describeTypes(target.connection, target.keyspace),
          await describePartitionKeyColumns(target.connection, target.keyspace),
        );
      const plan = await planNow();
      const outcome = await applyUntilSettled(target, plan, planNow, options.schemaAgreementTimeoutMs);
      const action = plan.created.includes(type.name) ? 'created' : plan.statements.length > 0 ? 'updated' : 'unchanged';
      const result: SyncResult = { ...names, table: type.name, action, ...outcome };
      return { result, progress: describeAction(action, outcome.statements.length) };
    },
    { operation: 'syncType', subject: type.name, onProgress: options.onProgress },
  );
}
