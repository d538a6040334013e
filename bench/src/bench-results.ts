// The shape of a run's results (what bench/results/latest.json holds) and the ratios and
// target checks derived from the measurements.
import { COMPILE_STATEMENTS, type CompileStatement } from './compile-implementations';
import type { CompileResults } from './compile-scenario';
import type { BulkResults } from './bulk-scenario';
import type { BenchConfig } from './config';
import type { MemoryResults } from './memory-scenario';
import type { ObservabilityResults } from './observability-scenario';
import type { OverheadResults } from './overhead-scenario';
import { pairedRatio, type RatioSummary } from './stats';
import type { SyncResults } from './sync-scenario';
import type { VectorResults } from './vector-scenario';
import { HEADLINE_CONCURRENCY, THROUGHPUT_OPERATIONS, type ThroughputOperation, type ThroughputResults } from './throughput-scenario';

/** Headline targets of issue 8. */
export const TARGETS = { cassiaVsRawAtConcurrency64: 0.97, cassiaVsCassanknexCompile: 5 } as const;

/** Cassia's throughput over each peer's, per operation and concurrency (paired per round). */
export interface ThroughputRatios {
  readonly cassiaVsRaw: RatioSummary;
  readonly cassiaVsMapper: RatioSummary;
  readonly cassiaVsExpressCassandra: RatioSummary;
}

/** Cassia's compile throughput over the others', per statement (paired per round). */
export interface CompileRatios {
  readonly cassiaVsCassanknex: RatioSummary;
  readonly cassiaVsHandWritten: RatioSummary;
}

export interface TargetCheck {
  readonly target: number;
  /** Median ratio per operation or statement. */
  readonly ratios: Readonly<Record<string, number>>;
  /** 95 % bootstrap interval of each median. */
  readonly intervals: Readonly<Record<string, readonly [number, number]>>;
  /** Every median reaches the target. */
  readonly met: boolean;
  /**
   * Whether this run settles it: every interval lies wholly on the side of the target its median
   * is on. Otherwise the run's noise is larger than the margin, and another run may say otherwise.
   */
  readonly clear: boolean;
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
  /** ANN top-10 queries/s, Cassia vs the raw driver (absent from results of runs before it existed). */
  readonly vector?: VectorResults;
  readonly bulk: BulkResults;
  /** Cassia with @cassia/otel installed (API only, and with an SDK) over Cassia without (absent from results of runs before it existed). */
  readonly observability?: ObservabilityResults;
  readonly ratios: {
    readonly throughput: Record<ThroughputOperation, Record<string, ThroughputRatios>>;
    readonly compile: Record<CompileStatement, CompileRatios>;
  };
  readonly targets: {
    readonly cassiaVsRawAtConcurrency64: TargetCheck;
    readonly cassiaVsCassanknexCompile: TargetCheck;
  };
}

/** What a run of some scenarios (`--only`) measured: the meta and the chosen scenarios' results. */
export interface SectionResults {
  readonly meta: BenchResults['meta'];
  readonly vector?: VectorResults;
  readonly bulk?: BulkResults;
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
  const top = String(concurrencies.includes(HEADLINE_CONCURRENCY) ? HEADLINE_CONCURRENCY : Math.max(...concurrencies));
  return {
    cassiaVsRawAtConcurrency64: targetCheck(
      TARGETS.cassiaVsRawAtConcurrency64,
      Object.fromEntries(THROUGHPUT_OPERATIONS.map((op) => [op, ratios.throughput[op][top].cassiaVsRaw])),
    ),
    cassiaVsCassanknexCompile: targetCheck(
      TARGETS.cassiaVsCassanknexCompile,
      Object.fromEntries(COMPILE_STATEMENTS.map((s) => [s, ratios.compile[s].cassiaVsCassanknex])),
    ),
  };
}

/** A target against named ratios: met by the medians, clear when no interval straddles it. */
export function targetCheck(target: number, byName: Readonly<Record<string, RatioSummary>>): TargetCheck {
  const entries = Object.entries(byName);
  const met = entries.every(([, ratio]) => ratio.median >= target);
  const decided = (ratio: RatioSummary) => (ratio.median >= target ? ratio.interval95[0] >= target : ratio.interval95[1] < target);
  return {
    target,
    ratios: Object.fromEntries(entries.map(([name, ratio]) => [name, ratio.median])),
    intervals: Object.fromEntries(entries.map(([name, ratio]) => [name, ratio.interval95])),
    met,
    // A missed target is settled by one clearly missed ratio; a met one needs every ratio clear.
    clear: met ? entries.every(([, ratio]) => decided(ratio)) : entries.some(([, ratio]) => ratio.median < target && decided(ratio)),
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing measurement: ${what}`);
  return value;
}
