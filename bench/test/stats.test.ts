// Paired ratios, their bootstrap interval, and the target verdict the report prints from them.
import { targetCheck } from '../src/bench-results';
import { bootstrapMedianInterval, pairedRatio, summarize } from '../src/stats';

describe('summarize', () => {
  it('gives the median, extremes and quartiles, keeping the samples in their order', () => {
    const summary = summarize([5, 1, 3, 2, 4]);
    expect(summary).toMatchObject({ median: 3, min: 1, max: 5, q1: 2, q3: 4 });
    expect(summary.samples).toEqual([5, 1, 3, 2, 4]);
  });

  it('refuses an empty set', () => {
    expect(() => summarize([])).toThrow('no samples');
  });
});

describe('pairedRatio', () => {
  it('divides round by round, so a slow round slows both sides without moving the ratio', () => {
    const ratio = pairedRatio([90, 50, 99], [100, 50, 110]);
    expect(ratio.samples).toEqual([0.9, 1, 0.9]);
    expect(ratio.median).toBe(0.9);
  });

  it('refuses samples of different lengths', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow('differ in length');
  });
});

describe('bootstrapMedianInterval', () => {
  const noisy = [0.91, 1.02, 0.97, 1.08, 0.94, 0.99, 1.05, 0.9, 1.01, 0.96];

  it('brackets the median and stays inside the samples', () => {
    const [low, high] = bootstrapMedianInterval(noisy, 0.95);
    const median = summarize(noisy).median;
    expect(low).toBeLessThan(median);
    expect(high).toBeGreaterThan(median);
    expect(low).toBeGreaterThanOrEqual(Math.min(...noisy));
    expect(high).toBeLessThanOrEqual(Math.max(...noisy));
  });

  it('is the same on every call (seeded), so the JSON and the printed report agree', () => {
    expect(bootstrapMedianInterval(noisy, 0.95)).toEqual(bootstrapMedianInterval(noisy, 0.95));
  });

  it('narrows with more rounds of the same spread, and with a lower level', () => {
    const width = ([low, high]: [number, number]) => high - low;
    const more = [...noisy, ...noisy, ...noisy, ...noisy];
    expect(width(bootstrapMedianInterval(more, 0.95))).toBeLessThan(width(bootstrapMedianInterval(noisy, 0.95)));
    expect(width(bootstrapMedianInterval(noisy, 0.5))).toBeLessThan(width(bootstrapMedianInterval(noisy, 0.95)));
  });

  it('is a point when every round agrees', () => {
    expect(bootstrapMedianInterval([1.5, 1.5, 1.5], 0.95)).toEqual([1.5, 1.5]);
  });

  it('refuses no samples and a level outside (0, 1)', () => {
    expect(() => bootstrapMedianInterval([], 0.95)).toThrow('no samples');
    expect(() => bootstrapMedianInterval([1], 1)).toThrow('level');
  });
});

describe('targetCheck', () => {
  const ratio = (median: number, low: number, high: number) => ({ ...summarize([median]), interval95: [low, high] as const });

  it('is met and clear when every median and every interval clear the target', () => {
    const check = targetCheck(0.97, { insert: ratio(0.99, 0.975, 1.01), select: ratio(1.02, 0.98, 1.05) });
    expect(check).toMatchObject({ met: true, clear: true, ratios: { insert: 0.99, select: 1.02 } });
    expect(check.intervals.insert).toEqual([0.975, 1.01]);
  });

  it('is met but not clear when an interval reaches below the target', () => {
    expect(targetCheck(0.97, { insert: ratio(0.99, 0.95, 1.01), select: ratio(1.02, 0.98, 1.05) })).toMatchObject({ met: true, clear: false });
  });

  it('is missed and clear when a median and its whole interval are below the target', () => {
    expect(targetCheck(0.97, { insert: ratio(0.93, 0.9, 0.96), select: ratio(0.98, 0.95, 1.0) })).toMatchObject({ met: false, clear: true });
  });

  it('is missed but not clear when the missed median\'s interval reaches the target', () => {
    expect(targetCheck(0.97, { insert: ratio(0.96, 0.93, 0.99), select: ratio(0.98, 0.97, 1.0) })).toMatchObject({ met: false, clear: false });
  });
});
