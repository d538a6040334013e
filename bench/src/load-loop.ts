// Closed-loop load: N workers each await one operation after another until the time is up, so
// concurrency is exactly N outstanding operations (what an app with N concurrent requests does).

/** What one time-boxed run achieved. */
export interface LoadResult {
  readonly operations: number;
  readonly elapsedMs: number;
  readonly opsPerSecond: number;
  /** This process's CPU time (user + system) per operation, microseconds: the client's cost, which the server's noise hardly touches. */
  readonly cpuMicrosPerOp: number;
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** An operation of the i-th call (i counts across all workers). */
export type Operation = (i: number) => Promise<unknown>;

/** Runs `operation` with `concurrency` workers for `durationMs`; the first failure aborts the run. */
export async function runFor(operation: Operation, concurrency: number, durationMs: number): Promise<LoadResult> {
  let next = 0;
  let completed = 0;
  const cpuStarted = cpuMicros();
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      await operation(next++);
      completed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return { operations: completed, elapsedMs, opsPerSecond: (completed * 1000) / elapsedMs, cpuMicrosPerOp: (cpuMicros() - cpuStarted) / completed };
}

/** Runs `operation` exactly `count` times with `concurrency` workers, calling `every` after each `interval` completions. */
export async function runCount(
  operation: Operation,
  concurrency: number,
  count: number,
  interval: number,
  every: (done: number) => void | Promise<void>,
): Promise<LoadResult> {
  let next = 0;
  let completed = 0;
  let checkpoint = interval;
  const cpuStarted = cpuMicros();
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      await operation(next++);
      completed++;
      // Workers pause at a checkpoint only in the one that crossed it; the sample is taken between ops.
      if (completed >= checkpoint) {
        checkpoint += interval;
        await every(completed);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const elapsedMs = performance.now() - started;
  return { operations: completed, elapsedMs, opsPerSecond: (completed * 1000) / elapsedMs, cpuMicrosPerOp: (cpuMicros() - cpuStarted) / completed };
}

/** Sum of what synchronous steps returned; read at the end so the optimiser cannot drop the work. */
export const checksum = { value: 0 };

/** Runs a synchronous `step` in batches until `durationMs` passed; returns calls per second. */
export function runSyncFor(step: (i: number) => number, durationMs: number): LoadResult {
  const BATCH = 256;
  let calls = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  let now = started;
  let sum = 0;
  const cpuStarted = cpuMicros();
  while (now < deadline) {
    for (let i = 0; i < BATCH; i++) {
      sum += step(calls + i);
    }
    calls += BATCH;
    now = performance.now();
  }
  checksum.value += sum;
  const elapsedMs = now - started;
  return { operations: calls, elapsedMs, opsPerSecond: (calls * 1000) / elapsedMs, cpuMicrosPerOp: (cpuMicros() - cpuStarted) / calls };
}
