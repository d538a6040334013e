// A smoke run of the whole bench at tiny sizes on the real clusters: every scenario and every
// peer runs, and the JSON holds positive figures and computed ratios. Speed is not asserted here.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResults } from '../src/bench-results';
import { OBSERVABILITY_VARIANTS } from '../src/observability-scenario';
import { COMPILE_STATEMENTS, COMPILERS } from '../src/compile-implementations';
import { benchConfig } from '../src/config';
import { formatReport, writeResults } from '../src/report';
import { runBench } from '../src/run-bench';
import { THROUGHPUT_PEERS } from '../src/throughput-peer';
import { THROUGHPUT_OPERATIONS } from '../src/throughput-scenario';

const positive = (value: number) => Number.isFinite(value) && value > 0;

describe('bench smoke run', () => {
  let dir: string;
  let results: BenchResults;
  let report: string;
  const progress: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cassia-bench-'));
    const config = benchConfig({
      scale: 0.02,
      rounds: 2,
      keyspacePrefix: 'cassia_bench_smoke',
      resultsFile: join(dir, 'latest.json'),
      syncModels: 2,
      memoryCompilations: 3_000,
      memoryExecutions: 300,
    });
    await writeResults(config.resultsFile, await runBench(config, (line) => progress.push(line)));
    results = JSON.parse(await readFile(config.resultsFile, 'utf8')) as BenchResults;
    report = formatReport(results);
  }, 300_000);

  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('measures every peer at every concurrency, with Cassia ratios against each', () => {
    for (const operation of THROUGHPUT_OPERATIONS) {
      expect(Object.keys(results.throughput.opsPerSecond[operation]).sort()).toEqual(['1', '16', '64']);
      for (const [concurrency, byPeer] of Object.entries(results.throughput.opsPerSecond[operation])) {
        for (const peer of THROUGHPUT_PEERS) {
          expect(positive(results.throughput.clientCpuMicrosPerOp[operation][concurrency][peer]!.median)).toBe(true);
          expect({ operation, concurrency, peer, median: byPeer[peer]?.median }).toEqual({
            operation, concurrency, peer, median: expect.any(Number),
          });
          expect(positive(byPeer[peer]!.median)).toBe(true);
          // Throughput runs twice the rounds of the other scenarios.
          expect(byPeer[peer]!.samples).toHaveLength(4);
        }
        const ratios = results.ratios.throughput[operation][concurrency];
        for (const ratio of [ratios.cassiaVsRaw, ratios.cassiaVsMapper, ratios.cassiaVsExpressCassandra]) {
          expect(positive(ratio.median)).toBe(true);
        }
      }
    }
  });

  it('measures what Cassia adds to a bare driver call on a stub client, per operation', () => {
    for (const operation of THROUGHPUT_OPERATIONS) {
      const figure = results.overhead[operation];
      expect(positive(figure.cassiaNanos.median) && positive(figure.bareNanos.median)).toBe(true);
      expect(figure.addedNanos.samples).toHaveLength(2);
      // Cassia validates, compiles and resolves around the same call: it cannot cost less than the call alone.
      expect(figure.cassiaNanos.median).toBeGreaterThan(figure.bareNanos.median);
    }
    expect(report).toContain('1b. Client overhead without the network');
  });

  it('compiles every statement with every implementation, with ratios', () => {
    for (const statement of COMPILE_STATEMENTS) {
      for (const compiler of COMPILERS) expect(positive(results.compile[statement][compiler].median)).toBe(true);
      expect(positive(results.ratios.compile[statement].cassiaVsCassanknex.median)).toBe(true);
      expect(positive(results.ratios.compile[statement].cassiaVsHandWritten.median)).toBe(true);
    }
  });

  it('syncs every target: created first, unchanged after', () => {
    const { sync } = results;
    expect(sync.targets).toBe(2 * 2 * 2);
    expect(sync.firstActions).toEqual({ created: sync.targets });
    expect(sync.unchangedActions).toEqual({ unchanged: sync.targets });
    expect(positive(sync.firstSyncMs)).toBe(true);
    expect(positive(sync.unchangedSyncMs.median)).toBe(true);
    expect(sync.syncTables.firstActions).toEqual({ created: sync.targets });
    expect(sync.syncTables.unchangedActions).toEqual({ unchanged: sync.targets });
    expect(positive(sync.syncTables.unchangedSyncMs.median)).toBe(true);
    expect(sync.planSyncTables.unchangedActions).toEqual({ unchanged: sync.targets });
    expect(positive(sync.planSyncTables.coldMs.median)).toBe(true);
    expect(report).toContain('planSyncTables, schema cache emptied');
    // cqlengine's loop over the same targets, or the reason it could not run, in the report either way.
    if ('skipped' in sync.cqlengine) {
      expect(sync.cqlengine.skipped).toMatch(/cqlengine is not installed/);
      expect(report).toContain('cqlengine rows skipped');
    } else {
      expect(sync.cqlengine.tablesFound).toBe(sync.targets);
      expect(positive(sync.cqlengine.firstSyncMs)).toBe(true);
      expect(report).toContain("beside cqlengine's sync_table loop");
      expect(report).toMatch(/[✓✗] syncTables first sync \(creates\): [\d.]+ of cqlengine's time/);
    }
  });

  it('measures ANN top-10 queries/s of Cassia and the raw driver with the same CQL', () => {
    const vector = results.vector!;
    expect(vector.dimension).toBe(64);
    expect(vector.opsPerSecond.cassia.samples).toHaveLength(vector.opsPerSecond.raw.samples.length);
    expect(positive(vector.opsPerSecond.cassia.median) && positive(vector.opsPerSecond.raw.median)).toBe(true);
    expect(positive(vector.cassiaVsRaw.median)).toBe(true);
    // The raw minimum (rows left as the driver gives them) runs in the same rounds.
    expect(vector.opsPerSecond.rawMinimum.samples).toHaveLength(vector.opsPerSecond.raw.samples.length);
    expect(positive(vector.cassiaVsRawMinimum.median)).toBe(true);
  });

  it('reads the bulk table with Cassia, the raw driver reading every row, and the raw minimum, in the same rounds', () => {
    const { read, ratios } = results.bulk;
    expect(read.rawMinimum.samples).toHaveLength(read.cassia.samples.length);
    expect(read.raw.samples).toHaveLength(read.cassia.samples.length);
    expect(positive(ratios.cassiaVsRawRead.median) && positive(ratios.cassiaVsRawMinimumRead.median)).toBe(true);
    expect(report).toContain('driver paged execute, rows only counted');
  });

  it('measures Cassia with @cassia/otel installed (API only, and with an SDK) against without, with ratios to it', () => {
    const observability = results.observability!;
    for (const operation of THROUGHPUT_OPERATIONS) {
      for (const variant of OBSERVABILITY_VARIANTS) {
        expect(observability.opsPerSecond[operation][variant].samples).toHaveLength(2);
        expect(positive(observability.opsPerSecond[operation][variant].median)).toBe(true);
      }
      expect(positive(observability.ratios[operation].apiOnlyVsOff.median) && positive(observability.ratios[operation].sdkVsOff.median)).toBe(true);
    }
    expect(report).toContain('7. @cassia/otel installed vs not');
  });

  it('samples memory across both runs', () => {
    for (const run of [results.memory.compilations, results.memory.executions]) {
      expect(run.samples.length).toBeGreaterThanOrEqual(3);
      for (const sample of run.samples) expect(positive(sample.heapUsed) && positive(sample.rss)).toBe(true);
      expect(Number.isFinite(run.secondHalfGrowth.heapUsed)).toBe(true);
    }
    expect(results.memory.compilations.operations).toBe(3_000);
    expect(results.memory.executions.operations).toBe(300);
  });

  it('checks the targets and prints every section', () => {
    expect(Object.keys(results.targets.cassiaVsRawAtConcurrency64.ratios).sort()).toEqual(['insert', 'select']);
    expect(Object.keys(results.targets.cassiaVsCassanknexCompile.ratios).sort()).toEqual(['insert', 'select', 'update']);
    expect(typeof results.targets.cassiaVsRawAtConcurrency64.met).toBe('boolean');
    for (const heading of ['1. Throughput', '2. Compile only', '3. syncTable', '4. Memory', '5. ANN top-10', 'Targets']) expect(report).toContain(heading);
    expect(progress.some((line) => line.startsWith('throughput round 4/4'))).toBe(true);
    expect(progress.some((line) => line.startsWith('compile round 2/2'))).toBe(true);
  });
});
