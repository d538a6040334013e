// Vector search and select expressions on the real clusters: 10,000 seeded random vectors of
// dimension 64 under an SAI vector index (made by syncTable from the model's index options), ANN
// top-10 against an exact brute-force top-10, similarity scores against JS, routing to the other
// cluster, and aggregates / writetime / ttl / raw() against raw driver reads.
import { Client } from 'cassandra-driver';
import * as core from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, planSync, syncTable } from '@cassia/management';
import { defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { query } from '../src';

const KS = 'vector_search_it';
const DIMENSION = 64;
const ROWS = 10_000;
const TENANTS = ['t0', 't1', 't2', 't3'];
// testkit's nodes run concurrent_writes = processors + 1, within jvector's pool cap
// (docs/vector-search.md), so vector-indexed writes may be sent 16 at a time.
const WRITES_IN_FLIGHT = 16;
const { cluster1, cluster2 } = testClusters();

const Embedding = defineModel({
  table: 'embedding',
  keyspace: KS,
  columns: { tenant: t.text(), id: t.int(), title: t.text(), price: t.int(), vector: t.vector(t.float(), DIMENSION) },
  partitionKey: 'tenant',
  clusteringKey: ['id'],
  indexes: [{ column: 'vector', using: 'sai', options: { similarity_function: 'COSINE' } }],
});

interface StoredRow {
  tenant: string;
  id: number;
  price: number;
  vector: number[];
}

// mulberry32: a small seeded generator, so the data and the query vectors are the same every run.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// Embeddings have far fewer degrees of freedom than dimensions; so do these: a fixed random map of
// 8 random coordinates into 64 dimensions, plus a little noise. (Uniformly random 64-dimensional
// vectors, which have no structure at all, gave the server's graph index a recall of 0.45.)
const LATENT = 8;
function randomVector(next: () => number): number[] {
  const z = Array.from({ length: LATENT }, () => next() * 2 - 1);
  // Stored as float32, so the JS side computes with the same values the server holds.
  return Array.from({ length: DIMENSION }, (_, i) => Math.fround(z.reduce((sum, zj, j) => sum + zj * PROJECTION[i][j], 0) + (next() - 0.5) * 0.05));
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

function bruteForceTop(rows: readonly StoredRow[], q: readonly number[], k: number): number[] {
  return rows
    .map((row) => ({ id: row.id, score: cosine(row.vector, q) }))
    .sort((x, y) => y.score - x.score)
    .slice(0, k)
    .map((x) => x.id);
}

async function writeAll(rows: readonly StoredRow[], connection: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      await query(Embedding).using({ connection }).create({ ...row, title: `doc ${row.id}` });
    }
  };
  await Promise.all(Array.from({ length: WRITES_IN_FLIGHT }, worker));
}

function rawClient(contactPoint: string): Client {
  return new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1', encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true } });
}

const random = seeded(20261201);
const PROJECTION = Array.from({ length: DIMENSION }, () => Array.from({ length: LATENT }, () => random() * 2 - 1));
const rows1: StoredRow[] = Array.from({ length: ROWS }, (_, id) => ({
  tenant: TENANTS[id % TENANTS.length],
  id,
  price: 1 + Math.floor(random() * 1000),
  vector: randomVector(random),
}));
// cluster2 holds other rows (ids from 100,000): a read routed there can only return those.
const rows2: StoredRow[] = Array.from({ length: 200 }, (_, i) => ({ tenant: 't0', id: 100_000 + i, price: 1, vector: randomVector(random) }));
const queries = Array.from({ length: 50 }, () => randomVector(random));
let raw1: Client;

beforeAll(async () => {
  await core.registerConnection('cluster1', { contactPoints: [cluster1] });
  await core.registerConnection('cluster2', { contactPoints: [cluster2] });
  const connections = ['cluster1', 'cluster2'];
  await dropKeyspace(KS, { connections });
  await createSimpleKeyspace(KS, { replicationFactor: 1, connections });
  await syncTable(Embedding, { connections });
  await writeAll(rows1, 'cluster1');
  await writeAll(rows2, 'cluster2');
  raw1 = rawClient(cluster1);
  await raw1.connect();
}, 600_000);

afterAll(async () => {
  await raw1?.shutdown();
  await dropKeyspace(KS, { connections: ['cluster1', 'cluster2'] });
  await core.shutdown();
});

describe('vector index made by management', () => {
  it('creates the SAI index with its similarity function, and finds nothing to change after', async () => {
    const index = await raw1.execute('SELECT options FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = ?', [KS, 'embedding'], { prepare: true });
    expect(Object.fromEntries(index.rows[0].options as Map<string, string>)).toMatchObject({ similarity_function: 'COSINE', target: 'vector' });
    // The model says COSINE; a model saying cosine is the same index to the server.
    const Lower = defineModel({
      table: 'embedding',
      keyspace: KS,
      columns: Embedding.columns,
      partitionKey: 'tenant',
      clusteringKey: ['id'],
      indexes: [{ column: 'vector', using: 'sai', options: { similarity_function: 'cosine' } }],
    });
    for (const model of [Embedding, Lower]) {
      const plans = await planSync(model, { connections: ['cluster1', 'cluster2'] });
      expect(plans.map((plan) => [plan.action, plan.statements, plan.warnings])).toEqual([['unchanged', [], []], ['unchanged', [], []]]);
    }
  });
});

describe('ANN top-10 on 10,000 vectors of dimension 64', () => {
  it('agrees with the exact top-10 at recall >= 0.9 on average over 50 query vectors', async () => {
    let found = 0;
    for (const q of queries) {
      const ann = await query(Embedding).using({ connection: 'cluster1' }).select('id').orderByAnn('vector', q).limit(10).all();
      expect(ann).toHaveLength(10);
      const exact = new Set(bruteForceTop(rows1, q, 10));
      found += ann.filter((row) => exact.has(row.id)).length;
    }
    const recall = found / (queries.length * 10);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('scores with similarity_cosine = (1 + cos) / 2, within 1e-5 of JS, in descending order', async () => {
    for (const q of queries.slice(0, 10)) {
      const rows = await query(Embedding).using({ connection: 'cluster1' }).select('id', 'vector').selectSimilarity('cosine', 'vector', q, 'score').orderByAnn('vector', q).limit(10).all();
      for (const row of rows) {
        expect(row.vector).toHaveLength(DIMENSION);
        expect(Math.abs(row.score - (1 + cosine(rows1[row.id].vector, q)) / 2)).toBeLessThan(1e-5);
      }
      const scores = rows.map((row) => row.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('scores dot_product as (1 + dot) / 2 and euclidean as 1 / (1 + d^2)', async () => {
    const q = queries[0];
    const [row] = await query(Embedding)
      .using({ connection: 'cluster1' })
      .where({ tenant: 't1', id: 5 })
      .select('id')
      .selectSimilarity('dot_product', 'vector', q, 'dot')
      .selectSimilarity('euclidean', 'vector', q, 'near')
      .all();
    const v = rows1[5].vector;
    const dot = v.reduce((sum, x, i) => sum + x * q[i], 0);
    const d2 = v.reduce((sum, x, i) => sum + (x - q[i]) ** 2, 0);
    expect(row.dot).toBeCloseTo((1 + dot) / 2, 4);
    expect(row.near).toBeCloseTo(1 / (1 + d2), 5);
  });

  it('restricted to a partition, finds that tenant\'s nearest', async () => {
    const tenantRows = rows1.filter((row) => row.tenant === 't2');
    let found = 0;
    for (const q of queries.slice(0, 10)) {
      const ann = await query(Embedding).using({ connection: 'cluster1' }).where({ tenant: 't2' }).orderByAnn('vector', q).limit(5).all();
      expect(ann.every((row) => row.tenant === 't2')).toBe(true);
      const exact = new Set(bruteForceTop(tenantRows, q, 5));
      found += ann.filter((row) => exact.has(row.id)).length;
    }
    expect(found / 50).toBeGreaterThanOrEqual(0.9);
  });

  it('routed with using({ connection }), withConnection or for await, reads where it is sent', async () => {
    const q = queries[1];
    const there = await query(Embedding).using({ connection: 'cluster2' }).select('id').orderByAnn('vector', q).limit(10).all();
    expect(there).toHaveLength(10);
    expect(there.every((row) => row.id >= 100_000)).toBe(true);
    const exact = new Set(bruteForceTop(rows2, q, 10));
    expect(there.filter((row) => exact.has(row.id)).length).toBeGreaterThanOrEqual(8);
    const scoped = await core.withConnection('cluster2', () => query(Embedding).select('id').orderByAnn('vector', q).limit(10).all());
    expect(scoped).toEqual(there);
    const iterated: number[] = [];
    for await (const row of query(Embedding).using({ connection: 'cluster1' }).select('id').orderByAnn('vector', q).limit(10)) iterated.push(row.id);
    expect(iterated.every((id) => id < ROWS)).toBe(true);
    expect(iterated).toHaveLength(10);
    const first = await query(Embedding).using({ connection: 'cluster1' }).select('id').orderByAnn('vector', q).limit(10).first();
    // ANN is approximate: LIMIT 1 need not find LIMIT 10's first row, only a row of this cluster.
    expect(first?.id).toBeLessThan(ROWS);
  });
});

describe('select expressions against raw driver reads', () => {
  it('count, min, max, sum and avg per tenant (GROUP BY the partition key)', async () => {
    const groups = await query(Embedding)
      .using({ connection: 'cluster1' })
      .select('tenant')
      .aggregate((f) => ({ n: f.count(), priced: f.count('price'), low: f.min('price'), high: f.max('price'), total: f.sum('price'), mean: f.avg('price') }))
      .groupBy('tenant')
      .all();
    // One page holds every row (the driver's row-by-row stream() failed to parse pages this large).
    const rawRead = await raw1.execute(`SELECT tenant, price FROM "${KS}"."embedding"`, [], { prepare: true, fetchSize: 50_000 });
    const rawRows = rawRead.rows.map((row) => ({ tenant: row.tenant as string, price: row.price as number })).filter((row) => TENANTS.includes(row.tenant));
    expect(rawRows).toHaveLength(ROWS);
    expect(groups.map((g) => g.tenant).sort()).toEqual(TENANTS);
    for (const group of groups) {
      const prices = rawRows.filter((row) => row.tenant === group.tenant).map((row) => row.price);
      const total = prices.reduce((a, b) => a + b, 0);
      expect(group).toEqual({
        tenant: group.tenant,
        n: prices.length,
        priced: prices.length,
        low: Math.min(...prices),
        high: Math.max(...prices),
        total,
        // Cassandra averages an int column in int: the quotient truncated.
        mean: Math.trunc(total / prices.length),
      });
    }
  });

  it('aggregates of one partition without select() read only the aggregates', async () => {
    const [totals] = await query(Embedding).using({ connection: 'cluster1' }).where({ tenant: 't3' }).aggregate((f) => ({ n: f.count(), last: f.max('title') })).all();
    expect(Object.keys(totals).sort()).toEqual(['last', 'n']);
    expect(totals.n).toBe(ROWS / TENANTS.length);
    const raw = await raw1.execute(`SELECT max(title) AS m FROM "${KS}"."embedding" WHERE tenant = ?`, ['t3'], { prepare: true });
    expect(totals.last).toBe(raw.rows[0].m);
  });

  it('writetime and ttl of a cell, as the driver reads them', async () => {
    const timestamp = 1_800_000_000_000_000n;
    await query(Embedding).using({ connection: 'cluster1' }).ttl(3600).timestamp(timestamp).create({ tenant: 'meta', id: 1, title: 'timed', vector: rows1[0].vector });
    const row = await query(Embedding).using({ connection: 'cluster1' }).where({ tenant: 'meta', id: 1 }).select('id').selectWritetime('title', 'written').selectTtl('title', 'left').get();
    const raw = await raw1.execute(`SELECT writetime(title) AS w, ttl(title) AS l FROM "${KS}"."embedding" WHERE tenant = ? AND id = ?`, ['meta', 1], { prepare: true });
    expect(row.written).toBe(timestamp);
    expect(row.written).toBe(raw.rows[0].w);
    expect(row.left).toBeGreaterThan(3500);
    expect(row.left).toBeLessThanOrEqual(raw.rows[0].l as number);
    const untimed = await query(Embedding).using({ connection: 'cluster1' }).where({ tenant: 't0', id: 0 }).select('id').selectTtl('title', 'left').get();
    expect(untimed).toEqual({ id: 0, left: null });
  });

  it('raw() runs a hand-written SELECT with bound values and maps rows by the model', async () => {
    const viaRaw = await query(Embedding).using({ connection: 'cluster1' }).raw('SELECT * FROM {table} WHERE tenant = ? AND id IN ?', ['t1', [1, 5, 9]]);
    const viaBuilder = await query(Embedding).using({ connection: 'cluster1' }).where({ tenant: 't1' }).where('id', 'in', [1, 5, 9]).all();
    expect(viaRaw).toEqual(viaBuilder);
    expect(viaRaw.map((row) => row.id)).toEqual([1, 5, 9]);
    expect(viaRaw[0].vector).toEqual(rows1[1].vector);
    const there = await query(Embedding).using({ connection: 'cluster2' }).raw<{ id: number }>('SELECT id FROM {table} WHERE tenant = ? LIMIT 3', ['t0']);
    expect(there.every((row) => row.id >= 100_000)).toBe(true);
  });
});
