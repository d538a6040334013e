// Summaries of repeated measurements: median with min–max and interquartile range, and for
// paired ratios a bootstrap interval of the median (how far another run's median may land).

/** Median and spread of a set of samples (one per round). */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly q1: number;
  readonly q3: number;
  readonly samples: readonly number[];
}

/** Summarises samples; an empty set is an error (every cell must have been measured). */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarise');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    samples: [...samples],
  };
}

/** A summary of per-round ratios, with a 95 % bootstrap interval of their median. */
export interface RatioSummary extends Summary {
  readonly interval95: readonly [low: number, high: number];
}

/** Per-round ratios a[i] / b[i] summarised: rounds interleave implementations, so a round's noise cancels. */
export function pairedRatio(a: readonly number[], b: readonly number[]): RatioSummary {
  if (a.length !== b.length) throw new Error(`paired samples differ in length (${a.length} vs ${b.length})`);
  const ratios = a.map((value, i) => value / b[i]);
  return { ...summarize(ratios), interval95: bootstrapMedianInterval(ratios, 0.95) };
}

/**
 * Percentile bootstrap interval of the median: the samples are redrawn with replacement many
 * times and the middle `level` of the redrawn medians kept. Seeded, so a run's JSON and its
 * printed report always agree.
 */
export function bootstrapMedianInterval(samples: readonly number[], level: number, resamples = 4000): [number, number] {
  if (samples.length === 0) throw new Error('no samples to bootstrap');
  if (!(level > 0 && level < 1)) throw new Error(`level must be in (0, 1), got ${level}`);
  const random = seededRandom(0x5eed);
  const medians = new Float64Array(resamples);
  const drawn = new Array<number>(samples.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < samples.length; i++) drawn[i] = samples[Math.floor(random() * samples.length)];
    drawn.sort((x, y) => x - y);
    medians[r] = quantile(drawn, 0.5);
  }
  medians.sort();
  const tail = (1 - level) / 2;
  return [quantile(medians, tail), quantile(medians, 1 - tail)];
}

// mulberry32: small, fast and good enough to draw resampling indices.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Linear interpolation between closest ranks.
function quantile(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
