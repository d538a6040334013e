// `npm run bench`: brings the local clusters up (or reuses them), runs every scenario, prints
// the report, writes bench/results/latest.json, and stops only what it started. `--fleet` (or any
// `--fleet-…` flag) runs the tenant-fleet scenario instead, on its own node (fleet-main.ts), `--sync`
// the sync scenario alone (sync-main.ts); `--only=vector,bulk` runs just those scenarios, prints
// their sections and writes their JSON only with `--out`.
import { ensureTestClusters } from '@cassia/testkit';
import { benchConfig, overridesFromCli } from './config';
import { fleetMain } from './fleet-main';
import { stderrProgress } from './progress';
import { formatReport, formatSections, writeResults, writeSectionResults } from './report';
import { runBench, runSections } from './run-bench';
import { syncMain } from './sync-main';

async function main(): Promise<void> {
  if (process.argv.slice(2).some((arg) => arg.startsWith('--fleet'))) return fleetMain(process.argv.slice(2));
  if (process.argv.includes('--sync')) return syncMain(process.argv.slice(2));
  const overrides = overridesFromCli(process.argv.slice(2), process.env);
  const clusters = await ensureTestClusters((line) => stderrProgress(`clusters: ${line}`));
  try {
    // Config after the clusters: ensureTestClusters may point CASSIA_CLUSTER1/2 at Docker nodes.
    const config = benchConfig(overrides);
    if (config.only !== undefined) {
      stderrProgress(`bench: ${config.only.join(', ')} only, scale ${config.scale}, ${config.rounds} rounds`);
      const results = await runSections(config, stderrProgress);
      if (overrides.resultsFile !== undefined) await writeSectionResults(config.resultsFile, results);
      process.stdout.write(`\n${formatSections(results)}\n`);
      return;
    }
    stderrProgress(`bench: scale ${config.scale}, ${config.rounds} rounds, results to ${config.resultsFile}`);
    const results = await runBench(config, stderrProgress);
    await writeResults(config.resultsFile, results);
    process.stdout.write(`\n${formatReport(results)}\n\nResults: ${config.resultsFile}\n`);
  } finally {
    await clusters.release();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
