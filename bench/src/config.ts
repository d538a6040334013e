// Benchmark sizes and where to run: defaults for a full run (≲ 10 minutes on a 2-core machine
// that also runs both Cassandra nodes), scaled down by `--quick` or CASSIA_BENCH_SCALE.
import { testClusters } from '@cassia/testkit';

/** Scenarios `--only` can pick (a run of some of them prints and writes only theirs). */
export const BENCH_SECTIONS = ['vector', 'bulk'] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];

/** Everything a run needs to know; `benchConfig()` builds it from flags and environment. */
export interface BenchConfig {
  /** The scenarios to run; undefined: every one (the full report). */
  readonly only: readonly BenchSection[] | undefined;
  /** Contact points of cluster1 (throughput, memory, sync) and cluster2 (sync). */
  readonly cluster1: string;
  readonly cluster2: string;
  /** Prefix of every keyspace the bench creates, so concurrent runs (smoke test, manual) never collide. */
  readonly keyspacePrefix: string;
  /** Where the JSON results go. */
  readonly resultsFile: string;
  /** The multiplier the sizes below were derived with (1 = full run). */
  readonly scale: number;
  /** Measured rounds; implementations are interleaved inside each round. */
  readonly rounds: number;
  readonly throughput: {
    /**
     * Rounds of this scenario: twice the others'. The server's own noise (flushes, compactions,
     * its GC) comes in bursts of seconds, so more paired rounds give steadier medians.
     */
    readonly rounds: number;
    readonly concurrencies: readonly number[];
    /**
     * A cell (operation, concurrency, round) is measured in slices of this length, the
     * implementations taking turns slice by slice. The server's throughput drifts over seconds
     * (flushes, compactions, its GC): short slices that alternate cancel more of that drift
     * (per-round spread of one implementation against itself: 0.10 with 4 × 250 ms, 0.07 with
     * 10 × 100 ms on this machine).
     */
    readonly sliceMs: number;
    /** Slices per implementation in a cell. */
    readonly slices: number;
    /** Slices per implementation in a cell at the headline concurrency (64), whose ratio is a target: more time, a narrower interval. */
    readonly headlineSlices: number;
    /** Unmeasured run of the same load right before each measured slice (see throughput-scenario.ts). */
    readonly settleMs: number;
    /** Warm-up per implementation and operation before the rounds (prepares, JIT). */
    readonly warmupMs: number;
    /** Rows loaded before the select cells, read back by primary key. */
    readonly preloadRows: number;
  };
  readonly compile: {
    /** Time each implementation compiles per statement kind and round. */
    readonly cellMs: number;
    readonly warmupMs: number;
  };
  readonly sync: {
    readonly models: number;
    /** Rounds of the unchanged (second) sync; the first sync creates and runs once. */
    readonly unchangedRounds: number;
  };
  readonly bulk: {
    /** Rows each write implementation writes per round (100 per partition). */
    readonly writeRows: number;
    /** Rows of the table the large reads and the scan read whole, in pages of `fetchSize`. */
    readonly readRows: number;
    readonly fetchSize: number;
    /** Concurrency of every write implementation (writeMany, executeConcurrent, create). */
    readonly concurrency: number;
    /** Ranges read at once by the scan. */
    readonly scanConcurrency: number;
  };
  readonly memory: {
    readonly compilations: number;
    readonly executions: number;
    /** Samples taken over each run (evenly spaced). */
    readonly samples: number;
    readonly concurrency: number;
  };
}

/** Options a caller (CLI, smoke test) can give; anything left out comes from the scale. */
export interface BenchOverrides {
  scale?: number;
  rounds?: number;
  keyspacePrefix?: string;
  resultsFile?: string;
  concurrencies?: readonly number[];
  syncModels?: number;
  memoryCompilations?: number;
  memoryExecutions?: number;
  bulkWriteRows?: number;
  bulkReadRows?: number;
  only?: readonly BenchSection[];
}

const FULL = {
  rounds: 5,
  sliceMs: 100,
  slices: 10,
  headlineSlices: 20,
  settleMs: 25,
  warmupMs: 2_000,
  preloadRows: 10_000,
  compileCellMs: 500,
  compileWarmupMs: 500,
  syncModels: 20,
  // Unchanged syncs take milliseconds (the per-model loop half a second): 9 rounds keep one slow
  // round from setting the median of the plan and syncTables cells.
  unchangedRounds: 9,
  compilations: 1_000_000,
  executions: 200_000,
  bulkWriteRows: 50_000,
  bulkReadRows: 100_000,
};

/** The configuration for `scale` (1 = full), with overrides applied. */
export function benchConfig(overrides: BenchOverrides = {}): BenchConfig {
  const scale = overrides.scale ?? 1;
  if (!(scale > 0 && scale <= 10)) throw new Error(`scale must be in (0, 10], got ${scale}`);
  const clusters = testClusters();
  const scaled = (value: number, minimum: number) => Math.max(minimum, Math.round(value * scale));
  const rounds = overrides.rounds ?? (scale >= 1 ? FULL.rounds : scale >= 0.1 ? 3 : 2);
  return {
    only: overrides.only,
    cluster1: clusters.cluster1,
    cluster2: clusters.cluster2,
    keyspacePrefix: overrides.keyspacePrefix ?? 'cassia_bench',
    resultsFile: overrides.resultsFile ?? 'bench/results/latest.json',
    scale,
    rounds,
    throughput: {
      rounds: 2 * rounds,
      concurrencies: overrides.concurrencies ?? [1, 16, 64],
      sliceMs: scaled(FULL.sliceMs, 25),
      slices: scale >= 0.5 ? FULL.slices : 2,
      headlineSlices: scale >= 0.5 ? FULL.headlineSlices : 2,
      settleMs: scaled(FULL.settleMs, 10),
      warmupMs: scaled(FULL.warmupMs, 50),
      preloadRows: scaled(FULL.preloadRows, 100),
    },
    compile: { cellMs: scaled(FULL.compileCellMs, 20), warmupMs: scaled(FULL.compileWarmupMs, 20) },
    sync: {
      models: overrides.syncModels ?? scaled(FULL.syncModels, 2),
      unchangedRounds: scale >= 1 ? FULL.unchangedRounds : 1,
    },
    bulk: {
      writeRows: overrides.bulkWriteRows ?? scaled(FULL.bulkWriteRows, 500),
      readRows: overrides.bulkReadRows ?? scaled(FULL.bulkReadRows, 1_000),
      fetchSize: 5_000,
      concurrency: 64,
      scanConcurrency: 8,
    },
    memory: {
      compilations: overrides.memoryCompilations ?? scaled(FULL.compilations, 1_000),
      executions: overrides.memoryExecutions ?? scaled(FULL.executions, 200),
      samples: 10,
      concurrency: 64,
    },
  };
}

/**
 * Reads `--quick`, `--scale=x`, `--rounds=n`, `--out=file`, `--only=vector,bulk`,
 * `--bulk-write-rows=n`, `--bulk-read-rows=n` and CASSIA_BENCH_SCALE.
 */
export function overridesFromCli(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOverrides {
  const overrides: BenchOverrides = {};
  if (env.CASSIA_BENCH_SCALE !== undefined) overrides.scale = Number(env.CASSIA_BENCH_SCALE);
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    if (flag === '--quick') overrides.scale = 0.1;
    else if (flag === '--scale') overrides.scale = Number(value);
    else if (flag === '--rounds') overrides.rounds = Number(value);
    else if (flag === '--out') overrides.resultsFile = value;
    else if (flag === '--only') overrides.only = sectionsOf(value);
    else if (flag === '--bulk-write-rows') overrides.bulkWriteRows = rowCount(flag, value);
    else if (flag === '--bulk-read-rows') overrides.bulkReadRows = rowCount(flag, value);
    else if (flag === '--help' || flag === '-h') {
      throw new Error(
        'usage: npm run bench -- [--quick] [--scale=0.5] [--rounds=5] [--out=bench/results/latest.json] [--only=vector,bulk] ' +
          '[--bulk-write-rows=50000] [--bulk-read-rows=100000]  (env CASSIA_BENCH_SCALE)',
      );
    } else throw new Error(`unknown flag ${arg}; try --help`);
  }
  return overrides;
}

function sectionsOf(value: string | undefined): BenchSection[] {
  const names = (value ?? '').split(',').filter((name) => name !== '');
  const unknown = names.filter((name) => !(BENCH_SECTIONS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes some of ${BENCH_SECTIONS.join(',')}, got ${value ?? 'nothing'}`);
  return names as BenchSection[];
}

function rowCount(flag: string, value: string | undefined): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 100) throw new Error(`${flag} takes a whole number of rows ≥ 100, got ${value ?? 'nothing'}`);
  return count;
}
