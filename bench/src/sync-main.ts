// `npm run bench -- --sync [--sync-models=N] [--sync-rounds=N]`: the sync scenario alone (Cassia's
// syncTable loop, syncTables and planSyncTables beside cqlengine's loop), its part of the report and
// its targets; writes bench/results/sync.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { registerConnection, unregisterConnection } from '@cassia/core';
import { ensureTestClusters } from '@cassia/testkit';
import { benchConfig } from './config';
import { stderrProgress } from './progress';
import { syncSection, syncTargetLines } from './report';
import { BENCH_CONNECTIONS } from './run-bench';
import { runSync } from './sync-scenario';

/** Runs the sync scenario; `argv` may hold `--sync-models=N` (default 20) and `--sync-rounds=N` (unchanged rounds, default the full run's 9). */
export async function syncMain(argv: readonly string[]): Promise<void> {
  let models = 20;
  let rounds: number | undefined;
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    if (flag === '--sync-models') models = Number(value);
    else if (flag === '--sync-rounds') rounds = Number(value);
    else if (flag !== '--sync') throw new Error(`unknown flag ${arg} with --sync; try --sync-models=N or --sync-rounds=N`);
  }
  for (const [name, n] of [['--sync-models', models], ['--sync-rounds', rounds ?? 1]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive integer, got ${n}`);
  }
  const clusters = await ensureTestClusters((line) => stderrProgress(`clusters: ${line}`));
  try {
    const base = benchConfig({ syncModels: models });
    // The full run's rounds unless --sync-rounds says otherwise.
    const config = { ...base, sync: { ...base.sync, unchangedRounds: rounds ?? base.sync.unchangedRounds } };
    await registerConnection(BENCH_CONNECTIONS[0], { contactPoints: [config.cluster1], replace: true });
    await registerConnection(BENCH_CONNECTIONS[1], { contactPoints: [config.cluster2], replace: true });
    try {
      const sync = await runSync(BENCH_CONNECTIONS, [config.cluster1, config.cluster2], config, stderrProgress);
      const file = 'bench/results/sync.json';
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify({ sync }, null, 2)}\n`);
      process.stdout.write(`\n${[...syncSection(sync), '', 'Targets', ...syncTargetLines(sync)].join('\n')}\n\nResults: ${file}\n`);
    } finally {
      for (const name of BENCH_CONNECTIONS) await unregisterConnection(name);
    }
  } finally {
    await clusters.release();
  }
}
