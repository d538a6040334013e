// Summaries of repeated measurements: median with min–max and interquartile range.

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

/** Per-round ratios a[i] / b[i] summarised: rounds interleave implementations, so a round's noise cancels. */
export function pairedRatio(a: readonly number[], b: readonly number[]): Summary {
  if (a.length !== b.length) throw new Error(`paired samples differ in length (${a.length} vs ${b.length})`);
  return summarize(a.map((value, i) => value / b[i]));
}

// Linear interpolation between closest ranks.
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
