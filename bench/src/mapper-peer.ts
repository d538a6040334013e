// cassandra-driver's own object mapper (`mapping.Mapper`): insert a document, get by key.
import { Client, mapping } from 'cassandra-driver';
import { BENCH_TABLE, type BenchRow } from './bench-table';
import type { ThroughputPeer } from './throughput-peer';

/** A Mapper peer on `contactPoint`, mapping model `BenchRow` to `keyspace`.bench_rows. */
export async function openMapperPeer(contactPoint: string, keyspace: string): Promise<ThroughputPeer> {
  const client = new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1' });
  await client.connect();
  const mapper = new mapping.Mapper(client, { models: { BenchRow: { tables: [BENCH_TABLE], keyspace } } });
  const rows = mapper.forModel<BenchRow>('BenchRow');
  return {
    name: 'mapper',
    async insert(row: BenchRow) {
      await rows.insert(row);
    },
    select: (id: number) => rows.get({ id }),
    close: () => client.shutdown(),
  };
}
