// A small timing of syncTables on one cluster: the bench's sync models into fresh keyspaces (80
// tables by default: 20 models × 4 keyspaces), wall time per round, then the median of 5 syncs that
// find nothing to change. With
// `--compare=<dir>` each round also times another build of @cassia/management (e.g. a copy of its
// dist from before a change), the two taking turns, and prints the paired ratios.
// `node --import tsx bench/src/first-sync-timing.ts [--models=20] [--keyspaces=4] [--rounds=3] [--compare=dir]`
// after `npm run build`; CASSIA_CLUSTER1 names the cluster (default 127.0.0.1:9042).
import { resolve } from 'node:path';
import { ConnectionRegistry } from '@cassia/core';
import * as management from '@cassia/management';
import { syncModels } from './sync-models';

type SyncTables = typeof management.syncTables;

const median = (list: readonly number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

async function main(): Promise<void> {
  const flags = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=', 2) as [string, string]));
  const models = syncModels(Number(flags.get('models') ?? 20));
  const keyspaceCount = Number(flags.get('keyspaces') ?? 4);
  const rounds = Number(flags.get('rounds') ?? 3);
  const keyspaces = Array.from({ length: keyspaceCount }, (_, i) => `cassia_first_sync_${i}`);
  const builds: { label: string; syncTables: SyncTables; ms: number[]; unchangedMs: number[] }[] = [
    { label: 'this build', syncTables: management.syncTables, ms: [], unchangedMs: [] },
  ];
  const other = flags.get('compare');
  if (other !== undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(resolve(other)) as typeof management;
    builds.push({ label: other, syncTables: module.syncTables, ms: [], unchangedMs: [] });
  }
  const registry = new ConnectionRegistry();
  await registry.registerConnection('c1', { contactPoints: [process.env.CASSIA_CLUSTER1 ?? '127.0.0.1:9042'] });
  const options = { registry, connections: ['c1'] };
  try {
    for (let round = 1; round <= rounds; round++) {
      // Turns alternate which build goes first, so a drift within a round falls on both.
      const order = round % 2 === 1 ? builds : [...builds].reverse();
      for (const build of order) {
        for (const keyspace of keyspaces) {
          await management.dropKeyspace(keyspace, options);
          await management.createSimpleKeyspace(keyspace, { ...options, replicationFactor: 1 });
        }
        const started = performance.now();
        const results = await build.syncTables(models, { ...options, keyspaces });
        const ms = performance.now() - started;
        build.ms.push(ms);
        const created = results.filter((result) => result.action === 'created').length;
        const unchanged: number[] = [];
        for (let i = 0; i < 5; i++) {
          const again = performance.now();
          await build.syncTables(models, { ...options, keyspaces });
          unchanged.push(performance.now() - again);
        }
        build.unchangedMs.push(median(unchanged));
        process.stderr.write(
          `round ${round} ${build.label}: ${created} tables created in ${(ms / 1000).toFixed(2)} s, unchanged ${median(unchanged).toFixed(1)} ms\n`,
        );
      }
    }
  } finally {
    for (const keyspace of keyspaces) await management.dropKeyspace(keyspace, options);
    await registry.shutdown();
  }
  const report: Record<string, unknown> = {
    tables: models.length * keyspaces.length,
    builds: builds.map((build) => ({
      label: build.label,
      ms: build.ms.map(Math.round),
      medianMs: Math.round(median(build.ms)),
      unchangedMs: build.unchangedMs.map((ms) => Number(ms.toFixed(1))),
    })),
  };
  if (builds.length === 2) {
    const paired = (pick: (build: (typeof builds)[number]) => number[]) => pick(builds[0]).map((ms, i) => Number((pick(builds[1])[i] / ms).toFixed(2)));
    report.firstSyncRatiosOtherOverThis = paired((build) => build.ms);
    report.unchangedRatiosOtherOverThis = paired((build) => build.unchangedMs);
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
