// Scenario 1: prepared single-row inserts and primary-key selects at each concurrency, every
// implementation time-boxed in turn inside each round, in slices that take turns in a balanced
// order (balanced-order.ts), so the machine's noise lands on all of them alike and per-round ratios
// stay meaningful. Each measured slice starts after a short unmeasured settle run.
import { balancedOrder } from './balanced-order';
import type { BenchRow } from './bench-table';
import type { BenchConfig } from './config';
import { runFor, type Operation } from './load-loop';
import type { Progress } from './progress';
import { summarize, type Summary } from './stats';
import type { ThroughputPeer, ThroughputPeerName } from './throughput-peer';

/** The concurrency whose Cassia/raw ratio is the target. */
export const HEADLINE_CONCURRENCY = 64;

/** The two operations measured. */
export const THROUGHPUT_OPERATIONS = ['insert', 'select'] as const;
export type ThroughputOperation = (typeof THROUGHPUT_OPERATIONS)[number];

/** A figure per operation → concurrency → implementation: a summary over rounds (samples in round order). */
export type ThroughputTable = Record<ThroughputOperation, Record<string, Partial<Record<ThroughputPeerName, Summary>>>>;

/** Operations per second, and the bench process's CPU microseconds per operation (the client's cost). */
export interface ThroughputResults {
  readonly opsPerSecond: ThroughputTable;
  readonly clientCpuMicrosPerOp: ThroughputTable;
}

/** The load each operation puts on a peer: inserts walk the prepared rows, selects read loaded keys. */
function operationOf(peer: ThroughputPeer, operation: ThroughputOperation, rows: readonly BenchRow[], readable: number): Operation {
  if (operation === 'insert') return (i) => peer.insert(rows[i % rows.length]);
  // A stride that is coprime with typical sizes spreads reads over the loaded keys.
  return (i) => peer.select((i * 7919) % readable);
}

/** Checks once that every peer writes and reads back a row, so a broken peer fails loudly instead of measuring errors. */
export async function verifyPeers(peers: readonly ThroughputPeer[], rows: readonly BenchRow[]): Promise<void> {
  for (const peer of peers) {
    await peer.insert(rows[0]);
    const row = (await peer.select(rows[0].id)) as { name?: unknown } | undefined | null;
    if (row === undefined || row === null || row.name !== rows[0].name) {
      throw new Error(`${peer.name}: reading back row ${rows[0].id} gave ${JSON.stringify(row)}`);
    }
  }
}

/** Runs the throughput scenario; `readable` rows (ids 0..readable-1) must exist in every peer's table. */
export async function runThroughput(
  peers: readonly ThroughputPeer[],
  rows: readonly BenchRow[],
  readable: number,
  config: BenchConfig,
  progress: Progress,
): Promise<ThroughputResults> {
  const { concurrencies, sliceMs, warmupMs, settleMs } = config.throughput;
  progress(`throughput: warm-up (${warmupMs} ms per implementation and operation, concurrency 16)`);
  for (const operation of THROUGHPUT_OPERATIONS) {
    for (const peer of peers) await runFor(operationOf(peer, operation, rows, readable), 16, warmupMs);
  }

  const samples = new Map<string, number[]>();
  const cpuSamples = new Map<string, number[]>();
  const key = (operation: string, concurrency: number, peer: string) => `${operation}/${concurrency}/${peer}`;
  let order = 0;
  const { rounds } = config.throughput;
  for (let round = 1; round <= rounds; round++) {
    for (const operation of THROUGHPUT_OPERATIONS) {
      for (const concurrency of concurrencies) {
        // A cell is cut into slices that take turns (A B C D, then B C A D, ...): a burst of the
        // server's noise then falls on every implementation of the cell instead of on one.
        const totals = new Map(peers.map((peer) => [peer, { operations: 0, elapsedMs: 0, cpuMicros: 0 }]));
        const slices = concurrency === HEADLINE_CONCURRENCY ? config.throughput.headlineSlices : config.throughput.slices;
        for (let slice = 0; slice < slices; slice++) {
          for (const peer of balancedOrder(peers, order++)) {
            const load = operationOf(peer, operation, rows, readable);
            // A settle run of its own first, so what the last slice left behind (driver code
            // optimised for another library's calls, server work) is not measured. Garbage left by
            // the one before (express-cassandra's is several times anyone else's) falls on every
            // implementation alike through the balanced turns. No forced GC here: one before each
            // slice cost every implementation about 70 % more CPU per operation in that slice
            // (31 against 18 µs per select at c=64 on this machine), a cost of the harness, not
            // of the implementations.
            await runFor(load, concurrency, settleMs);
            const result = await runFor(load, concurrency, sliceMs);
            const total = totals.get(peer)!;
            total.operations += result.operations;
            total.elapsedMs += result.elapsedMs;
            total.cpuMicros += result.cpuMicrosPerOp * result.operations;
          }
        }
        const line: string[] = [];
        for (const [peer, total] of totals) {
          const id = key(operation, concurrency, peer.name);
          const opsPerSecond = (total.operations * 1000) / total.elapsedMs;
          samples.set(id, [...(samples.get(id) ?? []), opsPerSecond]);
          cpuSamples.set(id, [...(cpuSamples.get(id) ?? []), total.cpuMicros / total.operations]);
          line.push(`${peer.name} ${Math.round(opsPerSecond)}/s`);
        }
        progress(`throughput round ${round}/${rounds} ${operation} c=${concurrency}: ${line.join(', ')}`);
      }
    }
  }

  // Samples back in round order per implementation, so ratios pair the same round.
  const table = (from: Map<string, number[]>): ThroughputTable => {
    const out = { insert: {}, select: {} } as ThroughputTable;
    for (const operation of THROUGHPUT_OPERATIONS) {
      for (const concurrency of concurrencies) {
        const byPeer: Partial<Record<ThroughputPeerName, Summary>> = {};
        for (const peer of peers) byPeer[peer.name] = summarize(from.get(key(operation, concurrency, peer.name)) ?? []);
        out[operation][String(concurrency)] = byPeer;
      }
    }
    return out;
  };
  return { opsPerSecond: table(samples), clientCpuMicrosPerOp: table(cpuSamples) };
}
