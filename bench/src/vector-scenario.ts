// Scenario 6: ANN top-10 queries per second over a table of 64-dimensional vectors under an SAI
// vector index: Cassia (`orderByAnn(...).limit(10).all()`) against the raw driver running the same
// CQL on the same client (prepared, default fetch size), in balanced turns per round (as the
// throughput scenario), and the per-round ratio. Cassia validates the query vector and hands out
// rows in its model's shape, so the raw peer builds the driver's Vector from the caller's array and
// reads each row into an object; a raw minimum that leaves the rows as the driver gives them is
// kept beside it. Loading is setup through the raw driver, 16 writes in flight (testkit's nodes
// keep concurrent_writes within the vector index's pool cap: docs/vector-search.md).
import type { Client } from 'cassandra-driver';
import { types } from 'cassandra-driver';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { balancedOrder } from './balanced-order';
import type { BenchConfig } from './config';
import { runCount, runFor, type Operation } from './load-loop';
import type { Progress } from './progress';
import { pairedRatio, summarize, type RatioSummary, type Summary } from './stats';

/** Rows of the vector table at scale 1, their dimension, and the concurrency of the queries. */
export const VECTOR_BENCH = { rows: 10_000, dimension: 64, concurrency: 16, queryVectors: 50, loadInFlight: 16, k: 10 } as const;

/** ANN queries per second per implementation (over rounds), and Cassia's over the raw driver's. */
export interface VectorResults {
  readonly rows: number;
  readonly dimension: number;
  readonly concurrency: number;
  readonly opsPerSecond: { readonly cassia: Summary; readonly raw: Summary; readonly rawMinimum: Summary };
  /** Issue 18's target: ≥ 0.97. */
  readonly cassiaVsRaw: RatioSummary;
  readonly cassiaVsRawMinimum: RatioSummary;
}

/** The bench's vector table in `keyspace` on Cassia connection `connection`. */
export function vectorModel(keyspace: string, connection: string) {
  return defineModel({
    table: 'bench_vectors',
    keyspace,
    connection,
    columns: { id: t.int(), embedding: t.vector(t.float(), VECTOR_BENCH.dimension) },
    partitionKey: 'id',
    indexes: [{ column: 'embedding', using: 'sai', options: { similarity_function: 'cosine' } }],
  });
}

/** Runs the scenario on `client` (shared by Cassia's connection `connection`), dropping its keyspace after. */
export async function runVector(client: Client, connection: string, config: BenchConfig, progress: Progress): Promise<VectorResults> {
  const keyspace = `${config.keyspacePrefix}_vector`;
  const model = vectorModel(keyspace, connection);
  const rows = Math.max(200, Math.round(VECTOR_BENCH.rows * config.scale));
  const random = seeded(8);
  const vector = () => Array.from({ length: VECTOR_BENCH.dimension }, () => random() * 2 - 1);
  const queries = Array.from({ length: VECTOR_BENCH.queryVectors }, vector);
  progress(`vector: ${rows} vectors of dimension ${VECTOR_BENCH.dimension} into ${keyspace}.bench_vectors`);
  await dropKeyspace(keyspace, { connections: [connection] });
  await createSimpleKeyspace(keyspace, { replicationFactor: 1, connections: [connection] });
  await syncTable(model);
  try {
    const insert = `INSERT INTO "${keyspace}"."bench_vectors" ("id", "embedding") VALUES (?, ?)`;
    await runCount((i) => client.execute(insert, [i, new types.Vector(new Float32Array(vector()), 'float')], { prepare: true }), VECTOR_BENCH.loadInFlight, rows, rows, () => undefined);

    const cassiaQuery = query(model).select('id').orderByAnn('embedding', queries[0]).limit(VECTOR_BENCH.k);
    const { cql } = cassiaQuery.toCQL();
    const rawQuery = (i: number) => client.execute(cql, [new types.Vector(new Float32Array(queries[i % queries.length]), 'float'), VECTOR_BENCH.k], { prepare: true });
    const peers: { name: 'cassia' | 'raw' | 'rawMinimum'; load: Operation }[] = [
      { name: 'cassia', load: (i) => query(model).select('id').orderByAnn('embedding', queries[i % queries.length]).limit(VECTOR_BENCH.k).all() },
      // The same CQL as Cassia's, the vector bound as the driver's Vector, each row read into an object.
      { name: 'raw', load: (i) => rawQuery(i).then((result) => result.rows.map((row) => ({ id: row.id as number }))) },
      // The same, the rows left as the driver gives them.
      { name: 'rawMinimum', load: rawQuery },
    ];
    const { rounds, sliceMs, settleMs, warmupMs } = config.throughput;
    for (const peer of peers) await runFor(peer.load, VECTOR_BENCH.concurrency, warmupMs);
    const samples = { cassia: [] as number[], raw: [] as number[], rawMinimum: [] as number[] };
    for (let round = 1; round <= rounds; round++) {
      for (const peer of balancedOrder(peers, round)) {
        await runFor(peer.load, VECTOR_BENCH.concurrency, settleMs);
        samples[peer.name].push((await runFor(peer.load, VECTOR_BENCH.concurrency, sliceMs)).opsPerSecond);
      }
      progress(`vector round ${round}/${rounds} ANN top-${VECTOR_BENCH.k} c=${VECTOR_BENCH.concurrency}: cassia ${Math.round(samples.cassia.at(-1)!)}/s, raw ${Math.round(samples.raw.at(-1)!)}/s`);
    }
    return {
      rows,
      dimension: VECTOR_BENCH.dimension,
      concurrency: VECTOR_BENCH.concurrency,
      opsPerSecond: { cassia: summarize(samples.cassia), raw: summarize(samples.raw), rawMinimum: summarize(samples.rawMinimum) },
      cassiaVsRaw: pairedRatio(samples.cassia, samples.raw),
      cassiaVsRawMinimum: pairedRatio(samples.cassia, samples.rawMinimum),
    };
  } finally {
    await dropKeyspace(keyspace, { connections: [connection] });
  }
}

// mulberry32: the same vectors every run.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
