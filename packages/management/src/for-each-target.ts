// A fan-out for maintenance over many keyspaces or connections: a function per target, at most
// `concurrency` at a time, every target run to the end, one outcome per target.
import { ConfigurationError } from '@cassia/core';
import { describeValue, isIntegerInRange } from '@cassia/core/internal';

/** What happened for one target of `forEachTarget`. */
export type TargetOutcome<T, R> =
  | { readonly target: T; readonly status: 'ok'; readonly value: R; readonly durationMs: number }
  | { readonly target: T; readonly status: 'error'; readonly error: unknown; readonly durationMs: number };

/** Options of `forEachTarget`. */
export interface ForEachTargetOptions<T, R> {
  /** How many targets run at once; default DEFAULT_FAN_OUT_CONCURRENCY. */
  concurrency?: number;
  /** Called as each target finishes (a throwing callback is ignored). */
  onOutcome?: (outcome: TargetOutcome<T, R>, finished: number, total: number) => void;
}

/** Default of `ForEachTargetOptions.concurrency`: schema changes serialize on the server, so more rarely helps. */
export const DEFAULT_FAN_OUT_CONCURRENCY = 8;

/**
 * Runs `fn` for every target, at most `concurrency` at once, and resolves (never rejects for a
 * target's failure) with one outcome per target, in target order: `ok` with its value or `error`
 * with what it threw, and how long it took.
 */
export async function forEachTarget<T, R>(
  targets: readonly T[],
  fn: (target: T, index: number) => Promise<R>,
  options: ForEachTargetOptions<T, R> = {},
): Promise<TargetOutcome<T, R>[]> {
  if (!Array.isArray(targets)) throw new ConfigurationError(`forEachTarget needs a list of targets, got ${describeValue(targets)}.`);
  if (typeof fn !== 'function') throw new ConfigurationError(`forEachTarget needs a function as its second argument, got ${describeValue(fn)}.`);
  const concurrency = options.concurrency ?? DEFAULT_FAN_OUT_CONCURRENCY;
  if (!isIntegerInRange(concurrency, 1, 10_000)) {
    throw new ConfigurationError(`Option concurrency of forEachTarget must be an integer from 1 to 10000, got ${describeValue(concurrency)}.`);
  }
  const outcomes = new Array<TargetOutcome<T, R>>(targets.length);
  let next = 0;
  let finished = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index];
      const started = performance.now();
      let outcome: TargetOutcome<T, R>;
      try {
        const value = await fn(target, index);
        outcome = { target, status: 'ok', value, durationMs: performance.now() - started };
      } catch (error) {
        outcome = { target, status: 'error', error, durationMs: performance.now() - started };
      }
      outcomes[index] = outcome;
      finished++;
      try {
        options.onOutcome?.(outcome, finished, targets.length);
      } catch {
        // A failing progress callback must not turn a target that ran into a failure.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return outcomes;
}
