// `npm run bench -- --fleet [--fleet-keyspaces=N]`: the tenant-fleet scenario on its own (creating
// its keyspaces takes many minutes the first time, so the main run leaves it out); its keyspaces
// (fleet_bench_*) stay for the next run, which creates only what is missing. Prints the report and
// writes bench/results/fleet.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensureTestClusters, testClusters } from '@cassia/testkit';
import { formatFleetReport } from './fleet-report';
import { fleetConfig, runFleet } from './fleet-scenario';
import { stderrProgress } from './progress';

/** Runs the fleet scenario; `argv` may hold `--fleet-keyspaces=N` (the 1-table layout's size; the 20-table one is N / 10). */
export async function fleetMain(argv: readonly string[]): Promise<void> {
  let keyspaces = 1_000;
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    if (flag === '--fleet-keyspaces') keyspaces = Number(value);
    else if (flag !== '--fleet') throw new Error(`unknown flag ${arg} with --fleet; try --fleet-keyspaces=N`);
  }
  if (!Number.isInteger(keyspaces) || keyspaces < 1) throw new Error(`--fleet-keyspaces needs a positive integer, got ${keyspaces}`);
  const clusters = await ensureTestClusters((line) => stderrProgress(`clusters: ${line}`));
  try {
    const config = fleetConfig(testClusters().cluster1, {
      layouts: [{ keyspaces, tables: 1 }, { keyspaces: Math.max(1, Math.round(keyspaces / 10)), tables: 20 }],
    });
    const results = await runFleet(config, stderrProgress);
    const file = 'bench/results/fleet.json';
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify({ config, results }, null, 2)}\n`);
    process.stdout.write(`\n${formatFleetReport(results)}\n\nResults: ${file}\n`);
  } finally {
    await clusters.release();
  }
}
