// Scenario 1b: what Cassia itself costs the client per operation, without the network: the Cassia
// peer on a stub driver client (stub-client.ts) against a bare call on the same stub, which is
// what the raw peer does around the driver. No server and no sockets, so this figure stays steady
// where the network ones swing with the shared machine, and it is the one Cassia controls.
import { registerConnection, unregisterConnection } from '@cassia/core';
import type { Client } from 'cassandra-driver';
import { benchRowModel, type BenchRow } from './bench-table';
import { cassiaPeer } from './cassia-peer';
import type { BenchConfig } from './config';
import { runFor, type Operation } from './load-loop';
import type { Progress } from './progress';
import { summarize, type Summary } from './stats';
import { stubClient } from './stub-client';
import { THROUGHPUT_OPERATIONS, type ThroughputOperation } from './throughput-scenario';

/** Concurrency of the overhead cells (the headline throughput concurrency). */
export const OVERHEAD_CONCURRENCY = 64;

/** CPU nanoseconds per operation over rounds: Cassia's, the bare call's, and their per-round difference. */
export interface OverheadFigure {
  readonly cassiaNanos: Summary;
  readonly bareNanos: Summary;
  readonly addedNanos: Summary;
}

export type OverheadResults = Record<ThroughputOperation, OverheadFigure>;

/** The two loads of an operation on a stub: Cassia's peer, and the bare driver call the raw peer makes. */
export interface OverheadOperations {
  readonly cassia: Operation;
  readonly bare: Operation;
}

const STUB_CONNECTION = 'bench-stub';

/** Registers the stub connection and returns each operation's pair of loads; `close` unregisters it. */
export async function openOverheadOperations(
  rows: readonly BenchRow[],
): Promise<{ operations: Record<ThroughputOperation, OverheadOperations>; close: () => Promise<void> }> {
  const client: Client = stubClient(rows[0]);
  await registerConnection(STUB_CONNECTION, { client, replace: true });
  const peer = cassiaPeer(benchRowModel('cassia_bench_stub', STUB_CONNECTION));
  const prepared = { prepare: true };
  const row = (i: number) => rows[i % rows.length];
  return {
    operations: {
      insert: {
        cassia: (i) => peer.insert(row(i)),
        bare: (i) => {
          const r = row(i);
          return client.execute('INSERT', [r.id, r.name, r.city, r.age, r.score], prepared);
        },
      },
      select: {
        cassia: (i) => peer.select(row(i).id),
        bare: (i) => client.execute('SELECT', [row(i).id], prepared),
      },
    },
    close: async () => {
      await unregisterConnection(STUB_CONNECTION);
    },
  };
}

/** Runs the overhead scenario: per round and operation, both loads in turn (order alternating). */
export async function runOverhead(rows: readonly BenchRow[], config: BenchConfig, progress: Progress): Promise<OverheadResults> {
  const { operations, close } = await openOverheadOperations(rows);
  try {
    const { cellMs, warmupMs } = config.compile;
    progress(`overhead: warm-up (${warmupMs} ms per load, stub client, concurrency ${OVERHEAD_CONCURRENCY})`);
    for (const operation of THROUGHPUT_OPERATIONS) {
      for (const load of [operations[operation].cassia, operations[operation].bare]) await runFor(load, OVERHEAD_CONCURRENCY, warmupMs);
    }
    const samples = { insert: { cassia: [] as number[], bare: [] as number[] }, select: { cassia: [] as number[], bare: [] as number[] } };
    for (let round = 1; round <= config.rounds; round++) {
      for (const operation of THROUGHPUT_OPERATIONS) {
        const order = round % 2 === 0 ? (['cassia', 'bare'] as const) : (['bare', 'cassia'] as const);
        for (const which of order) {
          // No forced GC between cells, as in throughput-scenario.ts (on the stub one changed
          // these figures by under 4 %; on the network it cost every client far more).
          const result = await runFor(operations[operation][which], OVERHEAD_CONCURRENCY, cellMs);
          samples[operation][which].push(result.cpuMicrosPerOp * 1000);
        }
        const { cassia, bare } = samples[operation];
        progress(`overhead round ${round}/${config.rounds} ${operation}: Cassia ${cassia.at(-1)!.toFixed(0)} ns, bare call ${bare.at(-1)!.toFixed(0)} ns`);
      }
    }
    const figure = (operation: ThroughputOperation): OverheadFigure => {
      const { cassia, bare } = samples[operation];
      return { cassiaNanos: summarize(cassia), bareNanos: summarize(bare), addedNanos: summarize(cassia.map((nanos, i) => nanos - bare[i])) };
    };
    return { insert: figure('insert'), select: figure('select') };
  } finally {
    await close();
  }
}
