// Scenario 3: syncTable of N models × 2 keyspaces × 2 connections, wall time. The first sync
// creates every table (fresh keyspaces); the later ones find everything unchanged. The same work
// again with syncTables (all models at once, one system_schema read per keyspace per round) and its
// planning alone (planSyncTables, what `cassia schema check` and `migrate new --from-models` run),
// also with its keyspace schema cache emptied before each round (the read a one-shot process makes);
// then cqlengine's sync_table loop over the same models and targets (cqlengine-peer.ts), in the same run.
import { getConnection } from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, planSyncTables, syncTable, syncTables, type SyncAction, type SyncResult } from '@cassia/management';
import { forgetKeyspaceSchemas } from '@cassia/management/internal';
import type { BenchConfig } from './config';
import { runCqlenginePeer } from './cqlengine-peer';
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
  /**
   * The server's floor for the first sync: syncTables' own DDL run by the raw driver on fresh
   * keyspaces, every table of a cluster at once, then its indexes, no agreement wait. A cluster
   * applies schema changes one at a time, so no client creates these tables faster.
   */
  readonly rawDdlFloorMs: number;
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
  /** planSyncTables over the same models and targets, nothing to change: the planning `schema check` and `migrate new` do. */
  readonly planSyncTables: {
    readonly unchangedMs: Summary;
    readonly unchangedActions: Partial<Record<SyncAction, number>>;
    /** The same with each connection's keyspace schemas forgotten first: system_schema read afresh, as in a new process. */
    readonly coldMs: Summary;
  };
  /** cqlengine's sync_table loop (timed inside Python), or why it did not run. */
  readonly cqlengine: CqlengineSync | { readonly skipped: string };
}

/** cqlengine's figures over the same work. */
export interface CqlengineSync {
  readonly driver: string;
  /** Tables its metadata found afterwards (every target's table). */
  readonly tablesFound: number;
  readonly firstSyncMs: number;
  readonly unchangedSyncMs: Summary;
  /** The unchanged loop after its driver read the schema afresh (refresh_schema_metadata, timed with it). */
  readonly freshUnchangedSyncMs: Summary;
}

/** The targets against cqlengine's loop: Cassia's figure over cqlengine's (lower is better for Cassia). */
export const SYNC_TARGETS = {
  /** syncTables' first sync takes at most a third of cqlengine's. */
  firstSync: 1 / 3,
  /** syncTables, schema check and migrate new with nothing to change are not slower than cqlengine's loop. */
  unchanged: 1,
} as const;

/**
 * Runs the sync scenario on `connections` (registered Cassia connection names) whose contact points
 * are `addresses` (host:port, for the Python peer), dropping its keyspaces after.
 */
export async function runSync(connections: readonly string[], addresses: readonly string[], config: BenchConfig, progress: Progress): Promise<SyncResults> {
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
    const firstManyResults: SyncResult[] = [];
    const firstMany = await timed(async () => {
      firstManyResults.push(...(await syncTables(models, { keyspaces, connections })));
      return firstManyResults;
    });
    progress(`sync: syncTables first sync ${(firstMany.ms / 1000).toFixed(2)} s ${JSON.stringify(firstMany.actions)}`);
    const unchangedMany: number[] = [];
    let unchangedManyActions: Partial<Record<SyncAction, number>> = {};
    // syncTables, a plan reading afresh and a plan from the cache take turns round by round, so
    // none of them always runs while the nodes are still settling the first sync's schema.
    const cold: number[] = [];
    const planned: number[] = [];
    let plannedActions: Partial<Record<SyncAction, number>> = {};
    for (let round = 1; round <= config.sync.unchangedRounds; round++) {
      const again = await syncAllAtOnce();
      unchangedMany.push(again.ms);
      unchangedManyActions = again.actions;
      for (const name of connections) forgetKeyspaceSchemas(getConnection(name));
      cold.push((await timed(() => planSyncTables(models, { keyspaces, connections }))).ms);
      const plan = await timed(() => planSyncTables(models, { keyspaces, connections }));
      planned.push(plan.ms);
      plannedActions = plan.actions;
    }
    const rounds = (ms: readonly number[]) => `median ${summarize(ms).median.toFixed(1)} ms (rounds: ${ms.map((x) => x.toFixed(1)).join(', ')})`;
    progress(`sync: syncTables unchanged, ${rounds(unchangedMany)}`);
    progress(`sync: planSyncTables with its schema cache emptied, ${rounds(cold)}`);
    progress(`sync: planSyncTables (schema check / migrate new) unchanged, ${rounds(planned)}`);

    progress('sync: fresh keyspaces again, for the same DDL by the raw driver (the server\'s floor)');
    await freshKeyspaces();
    const rawDdlFloorMs = await rawDdlFloor(connections, firstManyResults);
    progress(`sync: raw driver DDL floor ${(rawDdlFloorMs / 1000).toFixed(2)} s`);

    progress('sync: fresh keyspaces again, for cqlengine');
    await freshKeyspaces();
    const peer = await runCqlenginePeer(
      Object.fromEntries(connections.map((name, i) => [name, addresses[i]])),
      keyspaces,
      models.length,
      config.sync.unchangedRounds,
      progress,
    );
    if (!peer.ran) progress(`sync: cqlengine rows skipped: ${peer.skipped}`);
    return {
      models: models.length,
      keyspaces,
      connections,
      targets,
      firstSyncMs: first.ms,
      firstActions: first.actions,
      rawDdlFloorMs,
      unchangedSyncMs: summarize(unchanged),
      unchangedActions,
      syncTables: {
        firstSyncMs: firstMany.ms,
        firstActions: firstMany.actions,
        unchangedSyncMs: summarize(unchangedMany),
        unchangedActions: unchangedManyActions,
      },
      planSyncTables: { unchangedMs: summarize(planned), unchangedActions: plannedActions, coldMs: summarize(cold) },
      cqlengine: peer.ran
        ? {
            driver: peer.results.driver,
            tablesFound: peer.results.tablesFound,
            firstSyncMs: peer.results.firstSyncMs,
            unchangedSyncMs: summarize(peer.results.unchangedSyncMs),
            freshUnchangedSyncMs: summarize(peer.results.freshUnchangedSyncMs),
          }
        : { skipped: peer.skipped },
    };
  } finally {
    progress('sync: dropping its keyspaces');
    for (const keyspace of keyspaces) await dropKeyspace(keyspace, { connections });
  }
}

// syncTables' statements run by each connection's driver client: per connection every CREATE TABLE
// at once, then the rest (indexes) at once; the wall time of all connections in parallel.
async function rawDdlFloor(connections: readonly string[], results: readonly SyncResult[]): Promise<number> {
  const clients = await Promise.all(connections.map((name) => getConnection(name).getClient()));
  const started = performance.now();
  await Promise.all(
    connections.map(async (name, i) => {
      const statements = results.filter((result) => result.connection === name).flatMap((result) => result.statements);
      const isTable = (cql: string) => cql.startsWith('CREATE TABLE');
      await Promise.all(statements.filter(isTable).map((cql) => clients[i].execute(cql)));
      await Promise.all(statements.filter((cql) => !isTable(cql)).map((cql) => clients[i].execute(cql)));
    }),
  );
  return performance.now() - started;
}
