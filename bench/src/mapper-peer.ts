// cassandra-driver's own object mapper (`mapping.Mapper`): insert a document, get by key.
import { mapping, type Client } from 'cassandra-driver';
import { BENCH_TABLE, type BenchRow } from './bench-table';
import type { ThroughputPeer } from './throughput-peer';

/** A Mapper peer on the shared `client` (shared-driver-client.ts), mapping model `BenchRow` to `keyspace`.bench_rows. */
export function mapperPeer(client: Client, keyspace: string): ThroughputPeer {
  const mapper = new mapping.Mapper(client, { models: { BenchRow: { tables: [BENCH_TABLE], keyspace } } });
  const rows = mapper.forModel<BenchRow>('BenchRow');
  return {
    name: 'mapper',
    async insert(row: BenchRow) {
      await rows.insert(row);
    },
    select: (id: number) => rows.get({ id }),
    // The client is the run's, shared with the other driver-based peers.
    close: async () => undefined,
  };
}
