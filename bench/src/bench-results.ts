// The shape of a run's results (what bench/results/latest.json holds) and the ratios and
// target checks derived from the measurements.
import { COMPILE_STATEMENTS, type CompileStatement } from './compile-implementations';
import type { CompileResults } from './compile-scenario';
import type { BenchConfig } from './config';
import type { MemoryResults } from './memory-scenario';
import type { OverheadResults } from './overhead-scenario';
import { pairedRatio, type Summary } from './stats';
import type { SyncResults } from './sync-scenario';
import { THROUGHPUT_OPERATIONS, type ThroughputOperation, type ThroughputResults } from './throughput-scenario';

/** Headline targets of issue 8. */
export const TARGETS = { cassiaVsRawAtConcurrency64: 0.97, cassiaVsCassanknexCompile: 5 } as const;

/** Cassia's throughput over each peer's, per operation and concurrency (paired per round). */
export interface ThroughputRatios {
  readonly cassiaVsRaw: Summary;
  readonly cassiaVsMapper: Summary;
  readonly cassiaVsExpressCassandra: Summary;
}

/** Cassia's compile throughput over the others', per statement (paired per round). */
export interface CompileRatios {
  readonly cassiaVsCassanknex: Summary;
  readonly cassiaVsHandWritten: Summary;
}

export interface TargetCheck {
  readonly target: number;
  /** Median ratio per operation or statement. */
  readonly ratios: Readonly<Record<string, number>>;
  readonly met: boolean;
}

/** Everything a run measured. */
export interface BenchResults {
  readonly meta: {
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly durationMs: number;
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
    readonly config: BenchConfig;
  };
  readonly throughput: ThroughputResults;
  readonly overhead: OverheadResults;
  readonly compile: CompileResults;
  readonly sync: SyncResults;
  readonly memory: MemoryResults;
  readonly ratios: {
    readonly throughput: Record<ThroughputOperation, Record<string, ThroughputRatios>>;
    readonly compile: Record<CompileStatement, CompileRatios>;
  };
  readonly targets: {
    readonly cassiaVsRawAtConcurrency64: TargetCheck;
    readonly cassiaVsCassanknexCompile: TargetCheck;
  };
}

/** Per-round ratios of Cassia over every peer. */
export function ratiosOf(throughput: ThroughputResults, compile: CompileResults): BenchResults['ratios'] {
  const ratios = { throughput: { insert: {}, select: {} }, compile: {} } as BenchResults['ratios'];
  for (const operation of THROUGHPUT_OPERATIONS) {
    for (const [concurrency, byPeer] of Object.entries(throughput.opsPerSecond[operation])) {
      const cassia = required(byPeer.cassia, `throughput ${operation} c=${concurrency} cassia`).samples;
      const over = (peer: 'raw' | 'mapper' | 'expressCassandra') =>
        pairedRatio(cassia, required(byPeer[peer], `throughput ${operation} c=${concurrency} ${peer}`).samples);
      ratios.throughput[operation][concurrency] = {
        cassiaVsRaw: over('raw'),
        cassiaVsMapper: over('mapper'),
        cassiaVsExpressCassandra: over('expressCassandra'),
      };
    }
  }
  for (const statement of COMPILE_STATEMENTS) {
    const byCompiler = compile[statement];
    ratios.compile[statement] = {
      cassiaVsCassanknex: pairedRatio(byCompiler.cassia.samples, byCompiler.cassanknex.samples),
      cassiaVsHandWritten: pairedRatio(byCompiler.cassia.samples, byCompiler.handWritten.samples),
    };
  }
  return ratios;
}

/** The targets against the median ratios (concurrency 64 or the highest measured). */
export function targetsOf(ratios: BenchResults['ratios']): BenchResults['targets'] {
  const concurrencies = Object.keys(ratios.throughput.insert).map(Number);
  const top = String(concurrencies.includes(64) ? 64 : Math.max(...concurrencies));
  const throughputRatios = Object.fromEntries(THROUGHPUT_OPERATIONS.map((op) => [op, ratios.throughput[op][top].cassiaVsRaw.median]));
  const compileRatios = Object.fromEntries(COMPILE_STATEMENTS.map((s) => [s, ratios.compile[s].cassiaVsCassanknex.median]));
  return {
    cassiaVsRawAtConcurrency64: {
      target: TARGETS.cassiaVsRawAtConcurrency64,
      ratios: throughputRatios,
      met: Object.values(throughputRatios).every((r) => r >= TARGETS.cassiaVsRawAtConcurrency64),
    },
    cassiaVsCassanknexCompile: {
      target: TARGETS.cassiaVsCassanknexCompile,
      ratios: compileRatios,
      met: Object.values(compileRatios).every((r) => r >= TARGETS.cassiaVsCassanknexCompile),
    },
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing measurement: ${what}`);
  return value;
}
