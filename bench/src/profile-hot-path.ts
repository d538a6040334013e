// A steady loop of one hot path, to run under a profiler:
//   npm run build && node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/src/profile-hot-path.ts insert cassia
// paths: compile (toCQL of select/insert/update, no network) | insert | select; implementations: cassia | raw.
// Network paths run at concurrency 64 on cluster1 against the bench keyspace (run `npm run bench` once first).
import { registerConnection, shutdown } from '@cassia/core';
import { testClusters } from '@cassia/testkit';
import { benchRowModel, benchRows } from './bench-table';
import { cassiaPeer } from './cassia-peer';
import { compileSteps } from './compile-implementations';
import { runFor, runSyncFor } from './load-loop';
import { openRawDriverPeer } from './raw-driver-peer';

const KEYSPACE = 'cassia_bench';

async function main(): Promise<void> {
  const [path = 'insert', implementation = 'cassia', seconds = '8'] = process.argv.slice(2);
  const durationMs = Number(seconds) * 1000;
  const rows = benchRows(10_000);
  if (path === 'compile') {
    const steps = compileSteps(benchRowModel(KEYSPACE, 'unused'), rows).cassia;
    const kinds = [steps.select, steps.insert, steps.update];
    const result = runSyncFor((i) => kinds[i % 3](i), durationMs);
    process.stdout.write(`compile cassia: ${Math.round(result.opsPerSecond)} statements/s, ${result.cpuMicrosPerOp.toFixed(2)} µs CPU each\n`);
    return;
  }
  const { cluster1 } = testClusters();
  await registerConnection('profile', { contactPoints: [cluster1] });
  const peer = implementation === 'raw' ? await openRawDriverPeer(cluster1, KEYSPACE) : cassiaPeer(benchRowModel(KEYSPACE, 'profile'));
  try {
    const operation = path === 'select' ? (i: number) => peer.select((i * 7919) % rows.length) : (i: number) => peer.insert(rows[i % rows.length]);
    const result = await runFor(operation, 64, durationMs);
    process.stdout.write(
      `${path} ${implementation}: ${Math.round(result.opsPerSecond)} ops/s, ${result.cpuMicrosPerOp.toFixed(1)} µs client CPU per op\n`,
    );
  } finally {
    await peer.close();
    await shutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
