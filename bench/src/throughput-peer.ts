// What every implementation in the throughput scenario provides: one prepared single-row insert
// and one primary-key select, on the same table shape.
import type { BenchRow } from './bench-table';

/** The implementations compared on the network, in report order. */
export const THROUGHPUT_PEERS = ['cassia', 'raw', 'mapper', 'expressCassandra'] as const;
export type ThroughputPeerName = (typeof THROUGHPUT_PEERS)[number];

/** Labels used in the printed table. */
export const PEER_LABELS: Record<ThroughputPeerName, string> = {
  cassia: 'Cassia',
  raw: 'cassandra-driver (raw, prepared)',
  mapper: 'cassandra-driver Mapper',
  expressCassandra: 'express-cassandra',
};

/** One implementation, connected and with its table ready. */
export interface ThroughputPeer {
  readonly name: ThroughputPeerName;
  /** Inserts one row (prepared, bound). */
  insert(row: BenchRow): Promise<void>;
  /** Reads one row by primary key; resolves to the row as the implementation returns it. */
  select(id: number): Promise<unknown>;
  /** Shuts down what the peer opened. */
  close(): Promise<void>;
}
