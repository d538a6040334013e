// express-cassandra's ORM: its own client, keyspace and table (it creates and syncs them from
// its schema), model instances saved with saveAsync, rows read with findOneAsync({ raw: true }).
import ExpressCassandra from 'express-cassandra';
import { BENCH_TABLE, type BenchRow } from './bench-table';
import type { ThroughputPeer } from './throughput-peer';

/** An express-cassandra peer on `contactPoint`, in its own `keyspace` (created if missing). */
export async function openExpressCassandraPeer(contactPoint: string, keyspace: string): Promise<ThroughputPeer> {
  const models = ExpressCassandra.createClient({
    clientOptions: { contactPoints: [contactPoint], localDataCenter: 'datacenter1', keyspace },
    ormOptions: {
      defaultReplicationStrategy: { class: 'SimpleStrategy', replication_factor: 1 },
      migration: 'safe',
      disableTTYConfirmation: true,
    },
  });
  const Row = models.loadSchema<BenchRow>('BenchRow', {
    fields: { id: 'int', name: 'text', city: 'text', age: 'int', score: 'int' },
    key: ['id'],
    table_name: BENCH_TABLE,
  });
  await Row.syncDBAsync();
  return {
    name: 'expressCassandra',
    insert: (row: BenchRow) => new Row(row).saveAsync(),
    // raw: plain objects, its cheapest read (no model instances).
    select: (id: number) => Row.findOneAsync({ id }, { raw: true }),
    close: () => models.closeAsync(),
  };
}
