// The seed's Automobile model: keyspace 'test', default connection 'cluster2'.
import { defineModel, t } from '@cassia/schema';

export const Automobile = defineModel({
  table: 'automobile',
  keyspace: 'test',
  connection: 'cluster2',
  columns: {
    manufacturer: t.text(),
    year: t.int(),
    model: t.text(),
  },
  partitionKey: ['manufacturer'],
  clusteringKey: ['year', 'model'],
});
