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

/**
 * Runs the fleet scenario; `argv` may hold `--fleet-keyspaces=N` (the 1-table layout's size,
 * default 1,000) and `--fleet-wide-keyspaces=M` (the 20-table layout's, default N / 10). The node
 * holds every keyspace and table in its heap (about 0.2 MiB per keyspace and 0.4 MiB per table
 * measured on Cassandra 5.0): the defaults need a node heap of several GiB, not testkit's 768 MiB.
 */
export async function fleetMain(argv: readonly string[]): Promise<void> {
  let keyspaces = 1_000;
  let wideKeyspaces: number | undefined;
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    if (flag === '--fleet-keyspaces') keyspaces = Number(value);
    else if (flag === '--fleet-wide-keyspaces') wideKeyspaces = Number(value);
    else if (flag !== '--fleet') throw new Error(`unknown flag ${arg} with --fleet; try --fleet-keyspaces=N or --fleet-wide-keyspaces=M`);
  }
  if (!Number.isInteger(keyspaces) || keyspaces < 1) throw new Error(`--fleet-keyspaces needs a positive integer, got ${keyspaces}`);
  wideKeyspaces ??= Math.max(1, Math.round(keyspaces / 10));
  if (!Number.isInteger(wideKeyspaces) || wideKeyspaces < 1) throw new Error(`--fleet-wide-keyspaces needs a positive integer, got ${wideKeyspaces}`);
  const clusters = await ensureTestClusters((line) => stderrProgress(`clusters: ${line}`));
  try {
    const config = fleetConfig(testClusters().cluster1, {
      layouts: [{ keyspaces, tables: 1 }, { keyspaces: wideKeyspaces, tables: 20 }],
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
