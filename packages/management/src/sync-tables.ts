// syncTables and planSyncTables: a list of models over connections × keyspaces, reading each target
// keyspace's schema once per round (keyspace-schema.ts) instead of once per model, the first round's
// from the cache while the cluster's schema version is unchanged (keyspace-schema-cache.ts), and running the
// DDL of all models of a target as one plan in stages (ddl-stages.ts: types shared by several models
// created once, then the tables at once, then their indexes at once).
import type { Connection, ResolvedTarget } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import { stagesOf, statementsOf } from './ddl-stages';
import { readKeyspaceSchema, keyspaceDescriptionOf, type KeyspaceSchema } from './keyspace-schema';
import { cachedKeyspaceSchemaReader } from './keyspace-schema-cache';
import type { SyncOptions } from './management-options';
import { applyUntilSettled, type PlannedChanges } from './settling-apply';
import type { SyncResult } from './sync-result';
import { attachSyncReport, syncReportOf } from './sync-report';
import { registryOf, resolveTargets } from './sync-targets';
import { planTable, type TablePlan } from './table-plan';
import { describeAction, runOnTargets } from './target-runner';

/**
 * syncTable for many models: creates or updates every model's table on each of its targets, reading
 * each target keyspace's schema once per round. Results are per model and target, in model order
 * within each target. When a target fails (e.g. SchemaMismatchError for one of its models), nothing
 * is run there, the others complete, and the call rejects as syncTable does (syncReportOf(error)).
 */
export function syncTables(models: readonly AnyModel[], options: SyncOptions = {}): Promise<SyncResult[]> {
  return syncOrPlanMany('syncTables', models, options, true);
}

/** What syncTables would run, per model and target; runs no DDL (one read of system_schema per target keyspace). */
export function planSyncTables(models: readonly AnyModel[], options: SyncOptions = {}): Promise<SyncResult[]> {
  return syncOrPlanMany('planSyncTables', models, options, false);
}

async function syncOrPlanMany(operation: string, models: readonly AnyModel[], options: SyncOptions, execute: boolean): Promise<SyncResult[]> {
  const groups = new Map<string, { target: ResolvedTarget; models: AnyModel[] }>();
  const registry = registryOf(options);
  for (const model of models) {
    const targets = resolveTargets(registry, {
      connections: options.connections,
      keyspaces: options.keyspaces,
      defaultConnection: model.connection,
      defaultKeyspace: model.keyspace,
    });
    for (const target of targets) {
      const key = `${target.connection.name}\u0000${target.keyspace}`;
      const group = groups.get(key) ?? { target, models: [] };
      if (!group.models.includes(model)) group.models.push(model);
      groups.set(key, group);
    }
  }
  const targetModels = new Map([...groups.values()].map((group) => [group.target, group.models]));
  // One read per connection for all its keyspaces (its schema version read once, system_schema
  // once per chunk of keyspaces), shared by that connection's targets.
  const keyspacesOf = new Map<Connection, string[]>();
  for (const target of targetModels.keys()) {
    const list = keyspacesOf.get(target.connection) ?? [];
    list.push(target.keyspace);
    keyspacesOf.set(target.connection, list);
  }
  const reads = new Map<Connection, Promise<ReadonlyMap<string, KeyspaceSchema>>>();
  const schemaOf = async (target: ResolvedTarget): Promise<KeyspaceSchema> => {
    let read = reads.get(target.connection);
    if (read === undefined) {
      read = cachedKeyspaceSchemaReader(target.connection)(keyspacesOf.get(target.connection) ?? [target.keyspace]);
      reads.set(target.connection, read);
    }
    return (await read).get(target.keyspace) as KeyspaceSchema;
  };
  const perTarget = await runOnTargetsFlat(
    [...targetModels.keys()],
    async (target) => {
      const targetOf = targetModels.get(target) ?? [];
      const names = { connection: target.connection.name, keyspace: target.keyspace };
      const planAll = (schema: KeyspaceSchema): TablePlan[] =>
        targetOf.map((model) => planTable(model, names, keyspaceDescriptionOf(schema, model.table)));
      const combine = (plans: readonly TablePlan[]): PlannedChanges => {
        const ddl = plans.map((plan) => plan.ddl);
        return { statements: statementsOf(ddl), warnings: [], stages: stagesOf(ddl) };
      };
      const plans = planAll(await schemaOf(target));
      let extraWarnings: string[] = [];
      let ran = 0;
      if (execute) {
        const outcome = await applyUntilSettled(target, combine(plans), async () => combine(planAll(await readKeyspaceSchema(target.connection, target.keyspace))), options.schemaAgreementTimeoutMs);
        extraWarnings = outcome.warnings;
        ran = outcome.statements.length;
      }
      const results = targetOf.map(
        (model, i): SyncResult => ({
          ...names,
          table: model.table,
          action: plans[i].action,
          statements: [...plans[i].statements],
          warnings: i === 0 ? [...new Set([...plans[i].warnings, ...extraWarnings])] : [...plans[i].warnings],
        }),
      );
      const planned = combine(plans).statements.length;
      const changed = results.filter((result) => result.action !== 'unchanged').length;
      const summary = `${changed} of ${results.length} table(s) ${execute ? 'changed' : 'would change'}`;
      return { result: results, progress: describeAction(summary, execute ? ran : planned) };
    },
    // A target's plan reads and changes only its own keyspace, so one connection's keyspaces go at once.
    { operation, subject: undefined, onProgress: options.onProgress, concurrentTargets: true },
  );
  return perTarget;
}

// runOnTargets with one result list per target, flattened, also in the report of a failure.
async function runOnTargetsFlat(...args: Parameters<typeof runOnTargets<SyncResult[]>>): Promise<SyncResult[]> {
  try {
    return (await runOnTargets(...args)).flat();
  } catch (error) {
    const report = syncReportOf<SyncResult[]>(error);
    if (report !== undefined && typeof error === 'object' && error !== null) attachSyncReport(error, { ...report, results: report.results.flat() });
    throw error;
  }
}
