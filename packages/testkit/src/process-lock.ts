// A lock folder so that only one process at a time starts or stops local clusters.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lockDir } from './paths';
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

/** Runs `fn` holding the clusters lock; a lock left by a dead process is taken over. */
export async function withClustersLock<T>(progress: ProgressSink, fn: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  const dir = lockDir();
  mkdirSync(dirname(dir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'owner'), String(process.pid));
      break;
    } catch {
      if (!ownerAlive(dir)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new TestkitError('ERR_TESTKIT_LOCKED', `Another process holds ${dir}; it is starting or stopping local clusters.`);
      if (!told) progress('waiting for another process that is starting or stopping local clusters');
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
