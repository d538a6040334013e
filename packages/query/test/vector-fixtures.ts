// A model with a vector column for the vector search and select expression tests (unit and type tests).
import { defineModel, t } from '@cassia/schema';

/** Documents per tenant with a 3-dimensional embedding under an SAI vector index. */
export const Doc = defineModel({
  table: 'doc',
  columns: {
    tenant: t.text(),
    id: t.int(),
    title: t.text(),
    price: t.int(),
    views: t.bigint(),
    ratio: t.double(),
    tags: t.set(t.text()),
    embedding: t.vector(t.float(), 3),
  },
  partitionKey: 'tenant',
  clusteringKey: ['id'],
  indexes: [{ column: 'embedding', using: 'sai', options: { similarity_function: 'cosine' } }],
});
