// Load: N writes through Cassia's query builders, spread over 2 connections × 2 keyspaces with
// bounded concurrency, each row tagged with where it was routed; then every (cluster, keyspace)
// is read back with raw driver clients: every row is where it was routed — 0 lost, 0 misrouted.
// N is 10k by default and 100k with CASSIA_HEAVY=1. cluster1/cluster2 are shared with the other
// suites, so this file only creates (and drops) its own keyspaces.
import * as core from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { testClusters, holdLoadLock, stderrProgress } from '@cassia/testkit';
import type { Client } from 'cassandra-driver';
import { rawClient, report, runBounded } from './support';

const HEAVY = process.env.CASSIA_HEAVY === '1';
const WRITES = HEAVY ? 100_000 : 10_000;
const IN_FLIGHT = 64;
const CONNECTIONS = ['cluster1', 'cluster2'] as const;
const KEYSPACES = ['cassia_rel_a', 'cassia_rel_b'] as const;

const Routed = defineModel({
  table: 'routed',
  columns: { id: t.int(), connection: t.text(), keyspace: t.text(), payload: t.text() },
  partitionKey: ['id'],
});

const { cluster1, cluster2 } = testClusters();
const contactPoint = { cluster1, cluster2 };
const raw: Record<string, Client> = {};

/** Where row `i` goes: a fixed, non-trivial spread over the four targets. */
function targetOf(i: number): { connection: (typeof CONNECTIONS)[number]; keyspace: (typeof KEYSPACES)[number] } {
  const h = (i * 2654435761) >>> 0;
  return { connection: CONNECTIONS[h % 2], keyspace: KEYSPACES[(h >>> 1) % 2] };
}

// Timed faults and heavy load: this file never runs beside another that holds the load lock.
let releaseLoadLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLoadLock = await holdLoadLock(stderrProgress);
}, 1_800_000);

beforeAll(async () => {
  // No default connection: a statement that forgot its target fails instead of landing somewhere.
  await core.registerConnection('cluster1', { contactPoints: [cluster1], clientOptions: { pooling: { coreConnectionsPerHost: { 0: 2, 1: 1, 2: 0 } } } });
  await core.registerConnection('cluster2', { contactPoints: [cluster2], clientOptions: { pooling: { coreConnectionsPerHost: { 0: 2, 1: 1, 2: 0 } } } });
  for (const keyspace of KEYSPACES) {
    await dropKeyspace(keyspace, { connections: [...CONNECTIONS] });
    await createSimpleKeyspace(keyspace, { replicationFactor: 1, connections: [...CONNECTIONS] });
  }
  await syncTable(Routed, { connections: [...CONNECTIONS], keyspaces: [...KEYSPACES] });
  for (const name of CONNECTIONS) {
    raw[name] = rawClient([contactPoint[name]]);
    await raw[name].connect();
  }
}, 120_000);

afterAll(async () => {
  for (const keyspace of KEYSPACES) await dropKeyspace(keyspace, { connections: [...CONNECTIONS] }).catch(() => undefined);
  await core.shutdown();
  await Promise.all(Object.values(raw).map((client) => client.shutdown()));
});

/**
 * Every row of a raw query, page by page through execute() and pageState. Not client.stream():
 * cassandra-driver 4.10's row-streaming parser failed with a RangeError on 25k-row tables
 * (Cassandra 5, protocol v5) in the heavy run, while paged execute() reads them fine.
 */
async function* rawRows(client: Client, cql: string): AsyncGenerator<{ id: number; connection: string; keyspace: string; payload: string }> {
  let pageState: string | undefined;
  do {
    const page = await client.execute(cql, [], { prepare: true, fetchSize: 5000, pageState });
    for (const row of page.rows) yield row as unknown as { id: number; connection: string; keyspace: string; payload: string };
    pageState = page.pageState ?? undefined;
  } while (pageState);
}

test(`${WRITES} writes over 2 connections × 2 keyspaces land exactly where they were routed`, async () => {
  const started = Date.now();
  await runBounded(WRITES, IN_FLIGHT, async (i) => {
    const target = targetOf(i);
    await query(Routed).using(target).create({ id: i, ...target, payload: `row ${i}` });
  });
  const writeMs = Date.now() - started;

  // Read everything back with raw clients, paging through each table.
  const seen = new Map<number, string>();
  let misrouted = 0;
  let duplicated = 0;
  const perTarget: Record<string, number> = {};
  for (const connection of CONNECTIONS) {
    for (const keyspace of KEYSPACES) {
      const where = `${connection}/${keyspace}`;
      perTarget[where] = 0;
      for await (const row of rawRows(raw[connection], `SELECT "id", "connection", "keyspace", "payload" FROM "${keyspace}"."routed"`)) {
        perTarget[where] += 1;
        const expected = targetOf(row.id);
        // The tag says where Cassia was asked to write it; the table says where it landed.
        if (row.connection !== connection || row.keyspace !== keyspace || expected.connection !== connection || expected.keyspace !== keyspace) {
          misrouted += 1;
        }
        if (row.payload !== `row ${row.id}`) misrouted += 1;
        if (seen.has(row.id)) duplicated += 1;
        seen.set(row.id, where);
      }
    }
  }
  const lost = WRITES - seen.size;
  // Cassia's own paging (execute + pageState) must read a whole target just as completely.
  const first = { connection: CONNECTIONS[0], keyspace: KEYSPACES[0] };
  let readByCassia = 0;
  for await (const row of query(Routed).using(first).fetchSize(1000)) {
    if (row.connection === first.connection && row.keyspace === first.keyspace) readByCassia += 1;
  }
  expect(readByCassia).toBe(perTarget[`${first.connection}/${first.keyspace}`]);
  report('load', {
    writes: WRITES,
    inFlight: IN_FLIGHT,
    verified: seen.size,
    lost,
    misrouted,
    duplicated,
    ...perTarget,
    writeMs,
    writesPerSec: Math.round(WRITES / (writeMs / 1000)),
    totalMs: Date.now() - started,
  });
  expect({ lost, misrouted, duplicated }).toEqual({ lost: 0, misrouted: 0, duplicated: 0 });
  expect(seen.size).toBe(WRITES);
  // Every target got a fair share, so routing really spread the load.
  for (const count of Object.values(perTarget)) expect(count).toBeGreaterThan(WRITES / 8);
}, HEAVY ? 900_000 : 180_000);

// Declared last: it runs after this file's own cleanup.
afterAll(() => releaseLoadLock?.());
