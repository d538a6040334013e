// The baseline: cassandra-driver's Client.execute with hand-written CQL and `prepare: true`.
import { Client } from 'cassandra-driver';
import { BENCH_TABLE, type BenchRow } from './bench-table';
import type { ThroughputPeer } from './throughput-peer';

/** A raw driver peer on `contactPoint`, writing `keyspace`.bench_rows. */
export async function openRawDriverPeer(contactPoint: string, keyspace: string): Promise<ThroughputPeer & { client: Client }> {
  const client = new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1' });
  await client.connect();
  const insertCql = `INSERT INTO "${keyspace}"."${BENCH_TABLE}" ("id", "name", "city", "age", "score") VALUES (?, ?, ?, ?, ?)`;
  const selectCql = `SELECT * FROM "${keyspace}"."${BENCH_TABLE}" WHERE "id" = ?`;
  const options = { prepare: true };
  return {
    name: 'raw',
    client,
    async insert(row: BenchRow) {
      await client.execute(insertCql, [row.id, row.name, row.city, row.age, row.score], options);
    },
    async select(id: number) {
      const result = await client.execute(selectCql, [id], options);
      return result.first();
    },
    close: () => client.shutdown(),
  };
}
