// The baseline: cassandra-driver's Client.execute with hand-written CQL and `prepare: true`.
import type { Client } from 'cassandra-driver';
import { BENCH_TABLE, type BenchRow } from './bench-table';
import type { ThroughputPeer } from './throughput-peer';

/** A raw driver peer on the shared `client` (shared-driver-client.ts), writing `keyspace`.bench_rows. */
export function rawDriverPeer(client: Client, keyspace: string): ThroughputPeer {
  const insertCql = `INSERT INTO "${keyspace}"."${BENCH_TABLE}" ("id", "name", "city", "age", "score") VALUES (?, ?, ?, ?, ?)`;
  const selectCql = `SELECT * FROM "${keyspace}"."${BENCH_TABLE}" WHERE "id" = ?`;
  const options = { prepare: true };
  return {
    name: 'raw',
    async insert(row: BenchRow) {
      await client.execute(insertCql, [row.id, row.name, row.city, row.age, row.score], options);
    },
    async select(id: number) {
      const result = await client.execute(selectCql, [id], options);
      return result.first();
    },
    // The client is the run's, shared with the other driver-based peers.
    close: async () => undefined,
  };
}
