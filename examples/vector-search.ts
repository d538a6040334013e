// An app-shaped example of vector search (Cassandra 5): each tenant stores document embeddings in
// its own partition under an SAI vector index, and asks for the documents nearest to a query
// vector, with their cosine scores. Run it with `npx tsx examples/vector-search.ts`.
import { registerConnection } from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

const KEYSPACE = 'vector_example';
const DIMENSION = 8;

const Document = defineModel({
  table: 'documents',
  keyspace: KEYSPACE,
  connection: 'cluster1',
  columns: { tenant: t.text(), id: t.int(), title: t.text(), embedding: t.vector(t.float(), DIMENSION) },
  partitionKey: 'tenant',
  clusteringKey: ['id'],
  // An SAI index on the vector column is what ORDER BY ... ANN OF searches; cosine is the default.
  indexes: [{ column: 'embedding', using: 'sai', options: { similarity_function: 'cosine' } }],
});

/** A stand-in for an embedding model: a unit vector leaning towards `topic`, nudged by `seed`. */
function embed(topic: number, seed: number): number[] {
  const v = Array.from({ length: DIMENSION }, (_, i) => (i === topic ? 1 : 0) + Math.sin(seed * (i + 1)) * 0.2);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** Repository code: store one document's embedding, and find a tenant's nearest documents. */
const documents = {
  store: (tenant: string, id: number, title: string, embedding: number[]) => query(Document).create({ tenant, id, title, embedding }),
  nearest: (tenant: string, embedding: number[], k: number) =>
    query(Document)
      .where({ tenant })
      .select('id', 'title')
      .selectSimilarity('cosine', 'embedding', embedding, 'score')
      .orderByAnn('embedding', embedding)
      .limit(k)
      .all(),
};

export async function vectorSearch(w: Walkthrough): Promise<void> {
  w.step('register cluster1 and sync the Document model (its table and SAI vector index)');
  await registerConnection('cluster1', { contactPoints: [w.hosts.cluster1], replace: true });
  await createSimpleKeyspace(KEYSPACE, { replicationFactor: 1, connections: ['cluster1'] });
  await syncTable(Document, { connections: ['cluster1'] });

  w.step('store 12 documents for each of two tenants, on 4 topics (3 writes in flight: see docs/vector-search.md)');
  const writes: (() => Promise<void>)[] = [];
  for (const tenant of ['acme', 'globex']) {
    for (let id = 0; id < 12; id++) writes.push(() => documents.store(tenant, id, `${tenant} doc ${id} on topic ${id % 4}`, embed(id % 4, id + 1)));
  }
  const worker = async () => {
    for (let next = writes.shift(); next !== undefined; next = writes.shift()) await next();
  };
  await Promise.all([worker(), worker(), worker()]);

  w.step("acme's 3 documents nearest to a query about topic 2");
  const nearest = await documents.nearest('acme', embed(2, 99), 3);
  for (const doc of nearest) w.show(doc.title ?? `doc ${doc.id}`, doc.score.toFixed(4));
  w.check(nearest.length === 3 && nearest.every((doc) => doc.id % 4 === 2), 'the nearest documents are the topic-2 ones of that tenant');
  w.check(nearest.every((doc, i) => i === 0 || nearest[i - 1].score >= doc.score), 'scores ((1 + cos) / 2) come in descending order');
}

export async function dropVectorKeyspace(): Promise<void> {
  await dropKeyspace(KEYSPACE, { connections: ['cluster1'] });
}

if (require.main === module) runAsScript([vectorSearch], dropVectorKeyspace);
