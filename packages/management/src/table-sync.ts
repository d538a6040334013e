// syncTable, planSync and dropTable over connections × keyspaces.
import type { ResolvedTarget } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import { applyStatements } from './ddl-stages';
import { dropTableCql } from './keyspace-cql';
import type { SyncOptions } from './management-options';
import { describeKeyspace, describeTable } from './schema-introspection';
import type { SyncResult } from './sync-result';
import { registryOf, resolveTargets } from './sync-targets';
import { applyUntilSettled } from './settling-apply';
import { planTable } from './table-plan';
import { describeAction, runOnTargets } from './target-runner';

/**
 * Creates or updates the model's table (and its user types and indexes) on every target; safe to run
 * from many processes at once (IF NOT EXISTS, then checked again until the target matches the model).
 * When any target fails, rejects after all ran with the first failure's typed error; syncReportOf(error) says which failed and why.
 */
export function syncTable(model: AnyModel, options: SyncOptions = {}): Promise<SyncResult[]> {
  return syncOrPlan('syncTable', model, options, true);
}

/** The results syncTable would report, with the statements it would run; runs no DDL (reads system_schema only). */
export function planSync(model: AnyModel, options: SyncOptions = {}): Promise<SyncResult[]> {
  return syncOrPlan('planSync', model, options, false);
}

/** Drops the model's table on every target where it exists (its user types are kept). */
export async function dropTable(model: AnyModel, options: SyncOptions = {}): Promise<void> {
  await runOnTargets(
    targetsOf(model, options),
    async (target) => {
      if ((await describeTable(target.connection, target.keyspace, model.table)) === undefined) {
        return { progress: 'did not exist' };
      }
      await applyStatements(target, [dropTableCql(model, target.keyspace)], options.schemaAgreementTimeoutMs);
      return { progress: 'dropped' };
    },
    { operation: 'dropTable', subject: model.table, onProgress: options.onProgress },
  );
}

async function syncOrPlan(operation: string, model: AnyModel, options: SyncOptions, execute: boolean): Promise<SyncResult[]> {
  return runOnTargets(
    targetsOf(model, options),
    async (target) => {
      const names = { connection: target.connection.name, keyspace: target.keyspace };
      const planNow = async () => planTable(model, names, await describeKeyspace(target.connection, target.keyspace, model.table));
      const plan = await planNow();
      const outcome = execute
        ? await applyUntilSettled(target, plan, planNow, options.schemaAgreementTimeoutMs)
        : { statements: [...plan.statements], warnings: [...plan.warnings] };
      const result: SyncResult = { ...names, table: model.table, action: plan.action, ...outcome };
      const action = execute ? plan.action : `would be ${plan.action}`;
      return { result, progress: describeAction(action, outcome.statements.length) };
    },
    { operation, subject: model.table, onProgress: options.onProgress },
  );
}

function targetsOf(model: AnyModel, options: SyncOptions): ResolvedTarget[] {
  return resolveTargets(registryOf(options), {
    connections: options.connections,
    keyspaces: options.keyspaces,
    defaultConnection: model.connection,
    defaultKeyspace: model.keyspace,
  });
}
