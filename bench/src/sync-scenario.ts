// Scenario 3: syncTable of N models × 2 keyspaces × 2 connections, wall time. The first sync
// creates every table (fresh keyspaces); the later ones find everything unchanged. The same work
// again with syncTables (all models at once, one system_schema read per keyspace per round).
import { createSimpleKeyspace, dropKeyspace, syncTable, syncTables, type SyncAction, type SyncResult } from '@cassia/management';
import type { BenchConfig } from './config';
import type { Progress } from './progress';
import { summarize, type Summary } from './stats';
import { syncModels } from './sync-models';

/** Wall times and what each sync did. */
export interface SyncResults {
  readonly models: number;
  readonly keyspaces: readonly string[];
  readonly connections: readonly string[];
  /** models × keyspaces × connections. */
  readonly targets: number;
  /** The creating sync (runs once per run: it needs fresh keyspaces). */
  readonly firstSyncMs: number;
  readonly firstActions: Partial<Record<SyncAction, number>>;
  /** The unchanged sync, over its rounds. */
  readonly unchangedSyncMs: Summary;
  readonly unchangedActions: Partial<Record<SyncAction, number>>;
  /** The same first sync and unchanged rounds with syncTables(models). */
  readonly syncTables: {
    readonly firstSyncMs: number;
    readonly firstActions: Partial<Record<SyncAction, number>>;
    readonly unchangedSyncMs: Summary;
    readonly unchangedActions: Partial<Record<SyncAction, number>>;
  };
}

/** Runs the sync scenario on `connections` (registered Cassia connection names), dropping its keyspaces after. */
export async function runSync(connections: readonly string[], config: BenchConfig, progress: Progress): Promise<SyncResults> {
  const models = syncModels(config.sync.models);
  const keyspaces = [`${config.keyspacePrefix}_sync_a`, `${config.keyspacePrefix}_sync_b`];
  const targets = models.length * keyspaces.length * connections.length;
  progress(`sync: fresh keyspaces ${keyspaces.join(', ')} on ${connections.join(', ')}`);
  const freshKeyspaces = async (): Promise<void> => {
    for (const keyspace of keyspaces) {
      await dropKeyspace(keyspace, { connections });
      await createSimpleKeyspace(keyspace, { replicationFactor: 1, connections });
    }
  };
  await freshKeyspaces();

  const timed = async (sync: () => Promise<SyncResult[]>): Promise<{ ms: number; actions: Partial<Record<SyncAction, number>> }> => {
    const actions: Partial<Record<SyncAction, number>> = {};
    const started = performance.now();
    for (const result of await sync()) actions[result.action] = (actions[result.action] ?? 0) + 1;
    return { ms: performance.now() - started, actions };
  };
  // One model after another, as an application's startup does; connections run concurrently inside.
  const syncAll = () =>
    timed(async () => {
      const results: SyncResult[] = [];
      for (const model of models) results.push(...(await syncTable(model, { keyspaces, connections })));
      return results;
    });
  const syncAllAtOnce = () => timed(() => syncTables(models, { keyspaces, connections }));

  try {
    progress(`sync: first sync of ${models.length} models × ${keyspaces.length} keyspaces × ${connections.length} connections (${targets} targets)`);
    const first = await syncAll();
    progress(`sync: first sync ${(first.ms / 1000).toFixed(2)} s ${JSON.stringify(first.actions)}`);
    const unchanged: number[] = [];
    let unchangedActions: Partial<Record<SyncAction, number>> = {};
    for (let round = 1; round <= config.sync.unchangedRounds; round++) {
      const again = await syncAll();
      unchanged.push(again.ms);
      unchangedActions = again.actions;
      progress(`sync: unchanged sync round ${round}/${config.sync.unchangedRounds} ${(again.ms / 1000).toFixed(2)} s ${JSON.stringify(again.actions)}`);
    }
    progress('sync: fresh keyspaces again, for syncTables');
    await freshKeyspaces();
    const firstMany = await syncAllAtOnce();
    progress(`sync: syncTables first sync ${(firstMany.ms / 1000).toFixed(2)} s ${JSON.stringify(firstMany.actions)}`);
    const unchangedMany: number[] = [];
    let unchangedManyActions: Partial<Record<SyncAction, number>> = {};
    for (let round = 1; round <= config.sync.unchangedRounds; round++) {
      const again = await syncAllAtOnce();
      unchangedMany.push(again.ms);
      unchangedManyActions = again.actions;
    }
    progress(`sync: syncTables unchanged, median ${summarize(unchangedMany).median.toFixed(1)} ms`);
    return {
      models: models.length,
      keyspaces,
      connections,
      targets,
      firstSyncMs: first.ms,
      firstActions: first.actions,
      unchangedSyncMs: summarize(unchanged),
      unchangedActions,
      syncTables: {
        firstSyncMs: firstMany.ms,
        firstActions: firstMany.actions,
        unchangedSyncMs: summarize(unchangedMany),
        unchangedActions: unchangedManyActions,
      },
    };
  } finally {
    progress('sync: dropping its keyspaces');
    for (const keyspace of keyspaces) await dropKeyspace(keyspace, { connections });
  }
}
