// A steady loop of one hot path, to run under a profiler:
//   npm run build && node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/src/profile-hot-path.ts insert cassia
// paths: compile (toCQL of select/insert/update, no network) | insert | select | overhead-insert |
// overhead-select | overhead-strict | overhead-otel-insert | overhead-otel-select; implementations: cassia | raw. Network paths run at concurrency 64 on cluster1
// against the bench keyspace (run `npm run bench` once first). The overhead paths run Cassia at
// concurrency 64 on a stub client (stub-client.ts): its own CPU per operation, without the network;
// overhead-strict sets a tenant model's statements in withConnection beside a strict scope
// (strict-scope-scenario.ts; the third argument is rounds there, of one second per load);
// overhead-otel-* runs Cassia on the stub with and without @cassia/otel installed on the API alone;
// overhead-fleet [keyspaces] [tables] [rounds] routes statements with using() and withConnection
// over many keyspaces on the stub (fleet-overhead.ts).
import { registerConnection, shutdown } from '@cassia/core';
import { instrument } from '@cassia/otel';
import { testClusters } from '@cassia/testkit';
import { benchRowModel, benchRows } from './bench-table';
import { cassiaPeer } from './cassia-peer';
import { compileSteps } from './compile-implementations';
import { formatFleetOverhead, runFleetOverhead } from './fleet-overhead';
import { runFor, runSyncFor } from './load-loop';
import { rawDriverPeer } from './raw-driver-peer';
import { openSharedDriverClient } from './shared-driver-client';
import { openOverheadOperations, OVERHEAD_CONCURRENCY } from './overhead-scenario';
import { stderrProgress } from './progress';
import { formatStrictScopeReport, runStrictScopeOverhead } from './strict-scope-scenario';

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
  if (path === 'overhead-strict') {
    const results = await runStrictScopeOverhead(Number(seconds), 1_000, 1_000, stderrProgress);
    process.stdout.write(`${formatStrictScopeReport(results)}\n`);
    return;
  }
  if (path === 'overhead-fleet') {
    const [keyspaces = '1000', tables = '1', rounds = '4'] = process.argv.slice(3);
    const results = await runFleetOverhead(Number(keyspaces), Number(tables), Number(rounds), 500, stderrProgress);
    process.stdout.write(`${formatFleetOverhead(results).join('\n')}\n`);
    return;
  }
  if (path.startsWith('overhead-otel-')) {
    const { operations, close } = await openOverheadOperations(rows);
    const load = operations[path === 'overhead-otel-select' ? 'select' : 'insert'].cassia;
    const nanos = async () => {
      await runFor(load, OVERHEAD_CONCURRENCY, 1000);
      return (await runFor(load, OVERHEAD_CONCURRENCY, durationMs)).cpuMicrosPerOp * 1000;
    };
    const off = await nanos();
    const uninstall = instrument();
    const on = await nanos();
    uninstall();
    process.stdout.write(`${path}: ${on.toFixed(0)} ns CPU per operation with @cassia/otel (no SDK), ${off.toFixed(0)} ns without: it adds ${(on - off).toFixed(0)} ns\n`);
    await close();
    await shutdown();
    return;
  }
  if (path.startsWith('overhead-')) {
    const { operations, close } = await openOverheadOperations(rows);
    const loads = operations[path === 'overhead-select' ? 'select' : 'insert'];
    const nanos = async (load: (i: number) => Promise<unknown>) => {
      await runFor(load, OVERHEAD_CONCURRENCY, 1000);
      return (await runFor(load, OVERHEAD_CONCURRENCY, durationMs)).cpuMicrosPerOp * 1000;
    };
    const [bare, cassia] = [await nanos(loads.bare), await nanos(loads.cassia)];
    process.stdout.write(
      `${path}: ${cassia.toFixed(0)} ns CPU per operation, ${bare.toFixed(0)} ns for a bare call on the same stub: Cassia adds ${(cassia - bare).toFixed(0)} ns\n`,
    );
    await close();
    await shutdown();
    return;
  }
  const { cluster1 } = testClusters();
  const client = await openSharedDriverClient(cluster1);
  await registerConnection('profile', { client });
  const peer = implementation === 'raw' ? rawDriverPeer(client, KEYSPACE) : cassiaPeer(benchRowModel(KEYSPACE, 'profile'));
  try {
    const operation = path === 'select' ? (i: number) => peer.select((i * 7919) % rows.length) : (i: number) => peer.insert(rows[i % rows.length]);
    const result = await runFor(operation, 64, durationMs);
    process.stdout.write(
      `${path} ${implementation}: ${Math.round(result.opsPerSecond)} ops/s, ${result.cpuMicrosPerOp.toFixed(1)} µs client CPU per op\n`,
    );
  } finally {
    await peer.close();
    await shutdown();
    await client.shutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
