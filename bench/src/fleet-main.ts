// `npm run bench -- --fleet [--fleet-keyspaces=N] [--fleet-wide-keyspaces=M]`: the tenant-fleet
// scenario on its own (creating its keyspaces takes minutes the first time, so the main run leaves
// it out); its keyspaces (fleet_bench_*) stay for the next run, which creates only what is missing.
// Prints the report and writes bench/results/fleet.json. `--fleet-drop` drops them instead.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensureTestClusters, testClusters } from '@cassia/testkit';
import { formatFleetReport } from './fleet-report';
import { dropKeptFleetKeyspaces, fleetConfig, runFleet } from './fleet-scenario';
import { stderrProgress } from './progress';

/**
 * Runs the fleet scenario; `argv` may hold `--fleet-keyspaces=N` (the 1-table layout's size,
 * default 100) and `--fleet-wide-keyspaces=M` (the 20-table layout's, default N / 20). A node
 * keeps every keyspace and table in its heap (about 0.2 MiB per keyspace and 0.4 MiB per table
 * measured on Cassandra 5.0, before any data): testkit's nodes have 768 MiB, and 300 keyspaces
 * with 585 tables under this load ran one out of memory. The 1,000 keyspaces and 100 × 20
 * need a node started with several GiB (CASSIA_NODE_HEAP) of its own, not the shared cluster1.
 */
export async function fleetMain(argv: readonly string[]): Promise<void> {
  let keyspaces = 100;
  let wideKeyspaces: number | undefined;
  let drop = false;
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    if (flag === '--fleet-keyspaces') keyspaces = Number(value);
    else if (flag === '--fleet-wide-keyspaces') wideKeyspaces = Number(value);
    else if (flag === '--fleet-drop') drop = true;
    else if (flag !== '--fleet') throw new Error(`unknown flag ${arg} with --fleet; try --fleet-keyspaces=N, --fleet-wide-keyspaces=M or --fleet-drop`);
  }
  if (drop) return dropFleetKeyspaces();
  if (!Number.isInteger(keyspaces) || keyspaces < 1) throw new Error(`--fleet-keyspaces needs a positive integer, got ${keyspaces}`);
  wideKeyspaces ??= Math.max(1, Math.round(keyspaces / 20));
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

// Every keyspace a fleet run kept (fleet_bench_<n>) on cluster1, a few at a time.
async function dropFleetKeyspaces(): Promise<void> {
  const clusters = await ensureTestClusters((line) => stderrProgress(`clusters: ${line}`));
  try {
    const dropped = await dropKeptFleetKeyspaces(testClusters().cluster1, fleetConfig(testClusters().cluster1).keyspacePrefix, stderrProgress);
    process.stdout.write(`Dropped ${dropped} fleet keyspaces\n`);
  } finally {
    await clusters.release();
  }
}
