// Cassia as an application uses it: a named connection, a model that names its keyspace and
// connection, and a fresh builder per operation (`query(M).create(row)`, `.where({ id }).get()`).
import { query } from '@cassia/query';
import type { BenchRow, BenchRowModel } from './bench-table';
import type { ThroughputPeer } from './throughput-peer';

/** A Cassia peer for `model` (its connection must be registered). */
export function cassiaPeer(model: BenchRowModel): ThroughputPeer {
  return {
    name: 'cassia',
    insert: (row: BenchRow) => query(model).create(row),
    select: (id: number) => query(model).where({ id }).get(),
    // The connection belongs to the run, which unregisters it.
    close: async () => undefined,
  };
}
