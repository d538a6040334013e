// Lock folders held by one process at a time: the clusters lock (starting or stopping local
// clusters) and the load lock (test files that load the machine or time faults, run one at a time).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadLockDir, lockDir } from './paths';
import type { ProgressSink } from './progress';
import { TestkitError } from './testkit-error';

function ownerAlive(dir: string): boolean {
  try {
    process.kill(Number(readFileSync(join(dir, 'owner'), 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the lock folder `dir` (one left by a dead process is taken over); resolves to its release. */
async function acquireLock(dir: string, progress: ProgressSink, holders: string, timeoutMs: number): Promise<() => void> {
  mkdirSync(dirname(dir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'owner'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch {
      if (!ownerAlive(dir)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new TestkitError('ERR_TESTKIT_LOCKED', `Another process holds ${dir}; it is ${holders}.`);
      if (!told) progress(`waiting for another process that is ${holders}`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** Runs `fn` holding the clusters lock. */
export async function withClustersLock<T>(progress: ProgressSink, fn: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  const release = await acquireLock(lockDir(), progress, 'starting or stopping local clusters', timeoutMs);
  try {
    return await fn();
  } finally {
    release();
  }
}

/**
 * Takes the load lock, for a test file whose faults are timed (a paused node, read timeouts) or
 * whose load would make another such file's timeouts fire: two of them never run at once, whatever
 * the test runner's workers do. Resolves to its release (call it in afterAll).
 */
export function holdLoadLock(progress: ProgressSink, timeoutMs = 1_800_000): Promise<() => void> {
  return acquireLock(loadLockDir(), progress, 'running a test file that loads the machine', timeoutMs);
}
