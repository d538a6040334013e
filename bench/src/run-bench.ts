// One whole run: connect every implementation to cluster1 (Cassia, the raw driver and the Mapper
// on one shared driver client), load the tables, run the scenarios, and return the results with
// their ratios (main.ts and the smoke test call this).
import { cpus } from 'node:os';
import type { Client } from 'cassandra-driver';
import { registerConnection, unregisterConnection } from '@cassia/core';
import { createSimpleKeyspace, syncTable } from '@cassia/management';
import { ratiosOf, targetsOf, type BenchResults, type SectionResults } from './bench-results';
import { runBulk } from './bulk-scenario';
import { BENCH_TABLE, benchRowModel, benchRows, type BenchRow } from './bench-table';
import { cassiaPeer } from './cassia-peer';
import { runCompile } from './compile-scenario';
import type { BenchConfig } from './config';
import { openExpressCassandraPeer } from './express-cassandra-peer';
import { runCount } from './load-loop';
import { mapperPeer } from './mapper-peer';
import { runMemory } from './memory-scenario';
import { runObservability } from './observability-scenario';
import { runOverhead } from './overhead-scenario';
import type { Progress } from './progress';
import { rawDriverPeer } from './raw-driver-peer';
import { openSharedDriverClient } from './shared-driver-client';
import { runSync } from './sync-scenario';
import type { ThroughputPeer } from './throughput-peer';
import { runThroughput, verifyPeers } from './throughput-scenario';
import { runVector } from './vector-scenario';

/** Names of the Cassia connections a run registers (and unregisters). */
export const BENCH_CONNECTIONS = ['bench-cluster1', 'bench-cluster2'] as const;

/** Runs every scenario against the clusters in `config` (which must be up). */
export async function runBench(config: BenchConfig, progress: Progress): Promise<BenchResults> {
  const startedAt = new Date();
  const keyspace = config.keyspacePrefix;
  const expressKeyspace = `${config.keyspacePrefix}_ec`;
  const peers: ThroughputPeer[] = [];
  progress(`connecting to ${config.cluster1} and ${config.cluster2}`);
  const client = await openSharedDriverClient(config.cluster1);
  try {
    await registerConnection(BENCH_CONNECTIONS[0], { client, replace: true });
    await registerConnection(BENCH_CONNECTIONS[1], { contactPoints: [config.cluster2], replace: true });
    const model = benchRowModel(keyspace, BENCH_CONNECTIONS[0]);
    await createSimpleKeyspace(keyspace, { replicationFactor: 1, connections: [BENCH_CONNECTIONS[0]] });
    await syncTable(model);

    const cassia = cassiaPeer(model);
    peers.push(cassia, rawDriverPeer(client, keyspace), mapperPeer(client, keyspace));
    // express-cassandra creates its keyspace and table itself.
    peers.push(await openExpressCassandraPeer(config.cluster1, expressKeyspace));

    const rows = benchRows(config.throughput.preloadRows);
    progress(`loading ${rows.length} rows into ${keyspace}.${BENCH_TABLE} and ${expressKeyspace}.${BENCH_TABLE}`);
    await preload(client, [keyspace, expressKeyspace], rows);
    await verifyPeers(peers, rows);

    const compile = runCompile(model, rows, config, progress);
    const throughput = await runThroughput(peers, rows, rows.length, config, progress);
    const overhead = await runOverhead(rows, config, progress);
    const memory = await runMemory(model, cassia, rows, rows.length, config, progress);
    const sync = await runSync(BENCH_CONNECTIONS, [config.cluster1, config.cluster2], config, progress);
    const vector = await runVector(client, BENCH_CONNECTIONS[0], config, progress);
    const bulk = await runBulk(client, BENCH_CONNECTIONS[0], keyspace, config, progress);
    const observability = await runObservability(model, rows, rows.length, config, progress);

    const ratios = ratiosOf(throughput, compile);
    const finishedAt = new Date();
    return {
      meta: metaOf(config, startedAt, finishedAt),
      throughput,
      overhead,
      compile,
      sync,
      memory,
      vector,
      bulk,
      observability,
      ratios,
      targets: targetsOf(ratios),
    };
  } finally {
    await Promise.allSettled(peers.map((peer) => peer.close()));
    try {
      for (const name of BENCH_CONNECTIONS) await unregisterConnection(name);
    } finally {
      await client.shutdown();
    }
  }
}

/** Runs only the scenarios `config.only` names (vector, bulk) on cluster1, on one shared driver client. */
export async function runSections(config: BenchConfig, progress: Progress): Promise<SectionResults> {
  const startedAt = new Date();
  const only = config.only ?? [];
  progress(`connecting to ${config.cluster1}`);
  const client = await openSharedDriverClient(config.cluster1);
  try {
    await registerConnection(BENCH_CONNECTIONS[0], { client, replace: true });
    const vector = only.includes('vector') ? await runVector(client, BENCH_CONNECTIONS[0], config, progress) : undefined;
    let bulk;
    if (only.includes('bulk')) {
      await createSimpleKeyspace(config.keyspacePrefix, { replicationFactor: 1, connections: [BENCH_CONNECTIONS[0]] });
      bulk = await runBulk(client, BENCH_CONNECTIONS[0], config.keyspacePrefix, config, progress);
    }
    const finishedAt = new Date();
    return { meta: metaOf(config, startedAt, finishedAt), vector, bulk };
  } finally {
    try {
      await unregisterConnection(BENCH_CONNECTIONS[0]);
    } finally {
      await client.shutdown();
    }
  }
}

function metaOf(config: BenchConfig, startedAt: Date, finishedAt: Date): BenchResults['meta'] {
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    cpus: cpus().length,
    config,
  };
}

// Loading uses the raw driver: it is setup, not a measurement.
async function preload(client: Client, keyspaces: readonly string[], rows: readonly BenchRow[]): Promise<void> {
  for (const keyspace of keyspaces) {
    const cql = `INSERT INTO "${keyspace}"."${BENCH_TABLE}" ("id", "name", "city", "age", "score") VALUES (?, ?, ?, ?, ?)`;
    await runCount(
      (i) => client.execute(cql, [rows[i].id, rows[i].name, rows[i].city, rows[i].age, rows[i].score], { prepare: true }),
      64,
      rows.length,
      rows.length,
      () => undefined,
    );
  }
}
