// Models, types and plain-data table descriptions shared by the management unit tests.
import { defineModel, defineType, t } from '@cassia/schema';
import type { ColumnDescription, KeyspaceDescription, TableDescription, TypeDescription } from '../src/internal';

export const Address = defineType({ name: 'address', fields: { street: t.text(), zip: t.int() } });

export const Automobile = defineModel({
  table: 'automobile',
  columns: { manufacturer: t.text(), year: t.int(), model: t.text(), price: t.decimal() },
  partitionKey: 'manufacturer',
  clusteringKey: ['year', ['model', 'desc']],
});

export const Garage = defineModel({
  table: 'garage',
  columns: {
    id: t.uuid(),
    owner: t.udt(Address),
    tags: t.frozen(t.map(t.text(), t.int())),
    cars: t.list(t.udt(Address)),
  },
  partitionKey: 'id',
  indexes: [{ column: 'tags', target: 'full' }],
  options: { comment: "Bob's garage", default_time_to_live: 60 },
});

export const TARGET = { connection: 'cluster1', keyspace: 'ks1' } as const;

/** The columns Cassandra reports for Automobile as defined above. */
export function automobileColumns(): ColumnDescription[] {
  return [
    { name: 'manufacturer', kind: 'partition_key', position: 0, clusteringOrder: 'none', type: 'text' },
    { name: 'year', kind: 'clustering', position: 0, clusteringOrder: 'asc', type: 'int' },
    { name: 'model', kind: 'clustering', position: 1, clusteringOrder: 'desc', type: 'text' },
    { name: 'price', kind: 'regular', position: -1, clusteringOrder: 'none', type: 'decimal' },
  ];
}

/** A few of the option values Cassandra 5 reports for a table created without options. */
export function defaultOptions(): Record<string, unknown> {
  return {
    comment: '',
    default_time_to_live: 0,
    gc_grace_seconds: 864000,
    bloom_filter_fp_chance: 0.01,
    caching: { keys: 'ALL', rows_per_partition: 'NONE' },
    compaction: {
      class: 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy',
      max_threshold: '32',
      min_threshold: '4',
    },
    compression: { chunk_length_in_kb: '16', class: 'org.apache.cassandra.io.compress.LZ4Compressor' },
    cdc: null,
    speculative_retry: '99p',
    read_repair: 'BLOCKING',
  };
}

export function table(name: string, columns: ColumnDescription[], extra: Partial<TableDescription> = {}): TableDescription {
  return { name, columns, indexes: [], options: defaultOptions(), ...extra };
}

export function keyspace(tableDescription?: TableDescription, types: TypeDescription[] = []): KeyspaceDescription {
  return { name: 'ks1', exists: true, table: tableDescription, types: new Map(types.map((type) => [type.name, type])) };
}
