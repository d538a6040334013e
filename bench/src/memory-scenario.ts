// Scenario 4: memory after many builder compilations and many executed queries. Samples are
// taken after a full GC at even intervals; growth between the middle and the last sample (the
// second half, after caches and pools have settled) is what would show a leak.
import type { BenchRow, BenchRowModel } from './bench-table';
import { collectGarbage } from './collect-garbage';
import { compileSteps } from './compile-implementations';
import type { BenchConfig } from './config';
import { runCount } from './load-loop';
import type { Progress } from './progress';
import type { ThroughputPeer } from './throughput-peer';

/** One sample after `operations` operations, bytes. */
export interface MemorySample {
  readonly operations: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
}

/** Samples of one run and their second-half growth. */
export interface MemoryRun {
  readonly operations: number;
  readonly elapsedMs: number;
  readonly samples: readonly MemorySample[];
  /** last sample − middle sample, bytes. */
  readonly secondHalfGrowth: { readonly rss: number; readonly heapUsed: number };
}

export interface MemoryResults {
  readonly compilations: MemoryRun;
  readonly executions: MemoryRun;
}


function sample(operations: number): MemorySample {
  collectGarbage();
  collectGarbage();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { operations, rss, heapUsed, external };
}

function memoryRun(operations: number, elapsedMs: number, samples: MemorySample[]): MemoryRun {
  const middle = samples[Math.floor((samples.length - 1) / 2)];
  const last = samples[samples.length - 1];
  return {
    operations,
    elapsedMs,
    samples,
    secondHalfGrowth: { rss: last.rss - middle.rss, heapUsed: last.heapUsed - middle.heapUsed },
  };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Runs both memory measurements with Cassia. */
export async function runMemory(
  model: BenchRowModel,
  peer: ThroughputPeer,
  rows: readonly BenchRow[],
  readable: number,
  config: BenchConfig,
  progress: Progress,
): Promise<MemoryResults> {
  const { compilations, executions, samples: sampleCount, concurrency } = config.memory;

  // Builder compilations: select, insert and update in turn, each from a fresh query(model).
  const steps = compileSteps(model, rows).cassia;
  const kinds = [steps.select, steps.insert, steps.update];
  const compileSamples = [sample(0)];
  const compileInterval = Math.max(1, Math.floor(compilations / sampleCount));
  let sum = 0;
  const compileStarted = performance.now();
  for (let i = 1; i <= compilations; i++) {
    sum += kinds[i % 3](i);
    if (i % compileInterval === 0 || i === compilations) {
      compileSamples.push(sample(i));
      if (compileSamples.length % 2 === 1 || i === compilations) {
        progress(`memory: ${i} compilations, heap ${mib(compileSamples[compileSamples.length - 1].heapUsed)}, rss ${mib(compileSamples[compileSamples.length - 1].rss)}`);
      }
    }
  }
  if (sum === 0) throw new Error('compilations produced nothing');
  const compileRun = memoryRun(compilations, performance.now() - compileStarted, compileSamples);

  // Executed queries: inserts and primary-key selects alternating, at the given concurrency.
  const executeSamples = [sample(0)];
  const executeInterval = Math.max(1, Math.floor(executions / sampleCount));
  const result = await runCount(
    (i) => (i % 2 === 0 ? peer.insert(rows[i % rows.length]) : peer.select((i * 7919) % readable)),
    concurrency,
    executions,
    executeInterval,
    (done) => {
      executeSamples.push(sample(done));
      const last = executeSamples[executeSamples.length - 1];
      if (executeSamples.length % 2 === 1) progress(`memory: ${done} executed queries, heap ${mib(last.heapUsed)}, rss ${mib(last.rss)}`);
    },
  );
  if (executeSamples[executeSamples.length - 1].operations < result.operations) executeSamples.push(sample(result.operations));
  return { compilations: compileRun, executions: memoryRun(result.operations, result.elapsedMs, executeSamples) };
}
