// Shared helpers of the reliability suite: raw driver clients (independent of Cassia, to check
// what Cassia did), bounded concurrency, polling, dedicated clusters and the figures it prints.
import { Client, type ClientOptions } from 'cassandra-driver';
import { localNode, resolveClasspath, cassandraVersion, startClusters, stopClusters, stderrProgress, type LocalNode } from '@cassia/testkit';

/** A plain driver client for setting up and verifying, never used by the code under test. */
export function rawClient(contactPoints: string[], options: Partial<ClientOptions> = {}): Client {
  return new Client({
    contactPoints,
    localDataCenter: 'datacenter1',
    encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true },
    ...options,
  });
}

/** Runs `task(i)` for i in [0, count) with at most `limit` in flight; rejects with the first failure. */
export async function runBounded(count: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/** Polls `attempt` until it resolves or `timeoutMs` passes; returns the value and how long it took. */
export async function pollUntil<T>(attempt: () => Promise<T>, timeoutMs: number, intervalMs = 500): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      return { value: await attempt(), ms: Date.now() - started };
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  throw new Error(`still failing after ${timeoutMs} ms: ${last instanceof Error ? last.message : String(last)}`);
}

/** Captures what a call threw (sync or async); undefined when it did not throw. */
export async function thrownBy(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return error;
  }
}

/**
 * A cluster of the fault topologies (cluster3, faulty, secure), started by this file if it was
 * not running. `release` stops it only if this file started it; otherwise it restarts any node
 * the test stopped, so a cluster someone else runs is left as it was found.
 */
export interface DedicatedCluster {
  readonly startedHere: boolean;
  /** Stops one node (SIGTERM, data kept); returns how long it took. */
  stop(name: string): Promise<number>;
  node(name: string): LocalNode;
  /** Relaunches a stopped node with its data kept and waits until it answers CQL. */
  restart(name: string): Promise<number>;
  release(): Promise<void>;
}

export async function dedicatedCluster(cluster: string): Promise<DedicatedCluster> {
  const { started } = await startClusters([cluster], stderrProgress);
  const stopped = new Set<string>();
  const handle: DedicatedCluster = {
    startedHere: started.length > 0,
    node(name) {
      return localNode(cluster, name);
    },
    async stop(name) {
      const began = Date.now();
      stopped.add(name);
      await localNode(cluster, name).stop({ keepData: true });
      return Date.now() - began;
    },
    async restart(name) {
      const began = Date.now();
      const node = localNode(cluster, name);
      node.launch(await resolveClasspath(cassandraVersion(), stderrProgress), { keepData: true });
      await node.waitReady(stderrProgress);
      stopped.delete(name);
      return Date.now() - began;
    },
    async release() {
      if (handle.startedHere) {
        await stopClusters([cluster], stderrProgress);
        return;
      }
      for (const name of [...stopped]) {
        if (localNode(cluster, name).runningPid() === undefined) await handle.restart(name);
      }
    },
  };
  return handle;
}

/** Prints one summary line of figures, for the report (visible in jest's output). */
export function report(title: string, figures: Record<string, string | number>): void {
  const text = Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  console.log(`[reliability] ${title}: ${text}`);
}
