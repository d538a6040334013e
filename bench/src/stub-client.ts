// A driver client that answers every statement at once with one bench row and sends nothing:
// what is left of an operation's CPU with it is Cassia's own cost, free of network and server noise.
import type { Client } from 'cassandra-driver';
import type { BenchRow } from './bench-table';

/** A stand-in for cassandra-driver's Client (connect, execute, batch, shutdown) that never does I/O. */
export function stubClient(row: BenchRow): Client {
  const result = { rows: [row], rowLength: 1, pageState: null, info: {} };
  const answered = Promise.resolve(result);
  return {
    connect: () => Promise.resolve(),
    execute: () => answered,
    batch: () => answered,
    shutdown: () => Promise.resolve(),
  } as unknown as Client;
}
