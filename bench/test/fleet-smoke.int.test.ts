// A smoke run of the tenant-fleet scenario at tiny sizes on cluster1: the schema provisioned (what
// exists reused), every peer, operation and spread measured, ratios computed, the heap sampled
// after touching keyspaces, the report printed, and its keyspaces dropped. Speed is not asserted here.
import { Client } from 'cassandra-driver';
import { testClusters } from '@cassia/testkit';
import { formatFleetReport } from '../src/fleet-report';
import { FLEET_OVERHEAD_LOADS } from '../src/fleet-overhead';
import { FLEET_OPERATIONS, FLEET_PEERS, FLEET_SPREADS, fleetConfig, runFleet, type FleetResults } from '../src/fleet-scenario';

const positive = (value: number) => Number.isFinite(value) && value > 0;
const PREFIX = 'fleet_bench_smoke';

describe('fleet bench smoke run', () => {
  let results: FleetResults;
  const progress: string[] = [];

  beforeAll(async () => {
    // One keyspace and one of its tables exist before the run: provisioning must reuse them.
    const client = new Client({ contactPoints: [testClusters().cluster1], localDataCenter: 'datacenter1' });
    try {
      // What an interrupted earlier run left (dropping what does not exist changes nothing).
      for (let i = 1; i < 6; i++) await client.execute(`DROP KEYSPACE IF EXISTS "${PREFIX}_${i}"`, [], { readTimeout: 120_000 });
      await client.execute(`CREATE KEYSPACE IF NOT EXISTS "${PREFIX}_0" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`, [], { readTimeout: 120_000 });
      await client.execute(`CREATE TABLE IF NOT EXISTS "${PREFIX}_0"."t0" (id int PRIMARY KEY, name text, city text, age int, score int)`, [], { readTimeout: 120_000 });
    } finally {
      await client.shutdown();
    }
    const config = fleetConfig(testClusters().cluster1, {
      keyspacePrefix: PREFIX,
      keepKeyspaces: false,
      layouts: [{ keyspaces: 6, tables: 1 }, { keyspaces: 2, tables: 3 }],
      rounds: 2,
      slices: 1,
      sliceMs: 30,
      settleMs: 10,
      warmupMs: 30,
      concurrency: 16,
      heapKeyspaces: [100, 1_000],
      overheadRounds: 2,
      overheadCellMs: 30,
    });
    results = await runFleet(config, (line) => progress.push(line));
  }, 300_000);

  it('provisions the layouts in shared keyspaces, creating only what was missing', () => {
    // 6 keyspaces; the first 2 hold the 3-table layout, the rest t0 only: 2 × 3 + 4 × 1 tables.
    expect(results.provisioning).toMatchObject({ keyspaces: 6, tables: 10, keyspacesCreated: 5, tablesCreated: 9 });
    expect(progress.some((line) => line.includes('creating 5 keyspaces and 9 tables'))).toBe(true);
  });

  it('measures every peer, operation and spread, with ratios', () => {
    expect(results.layouts.map((layout) => layout.layout)).toEqual([{ keyspaces: 6, tables: 1 }, { keyspaces: 2, tables: 3 }]);
    for (const layout of results.layouts) {
      for (const operation of FLEET_OPERATIONS) {
        for (const spread of FLEET_SPREADS) {
          for (const peer of FLEET_PEERS) {
            expect(layout.opsPerSecond[operation][spread][peer].samples).toHaveLength(2);
            expect(positive(layout.opsPerSecond[operation][spread][peer].median)).toBe(true);
          }
          expect(positive(layout.cassiaVsRaw[operation][spread].cassiaUsing.median)).toBe(true);
          expect(positive(layout.cassiaVsRaw[operation][spread].cassiaScope.median)).toBe(true);
        }
        for (const peer of FLEET_PEERS) expect(positive(layout.spreadVsOne[operation][peer].median)).toBe(true);
      }
      expect(layout.reprepared.clientCacheFull).toBe(0);
    }
    expect(formatFleetReport(results)).toContain('5. Tenant fleet');
  });

  it("measures Cassia's own CPU per routed statement on a stub, for every layout and load", () => {
    expect(results.overhead.map((overhead) => [overhead.keyspaces, overhead.tables])).toEqual([[6, 1], [2, 3]]);
    for (const overhead of results.overhead) {
      for (const operation of ['insert', 'select'] as const) {
        for (const load of FLEET_OVERHEAD_LOADS) {
          expect(overhead.nanos[operation][load].samples).toHaveLength(2);
          expect(positive(overhead.nanos[operation][load].median)).toBe(true);
        }
      }
    }
    expect(formatFleetReport(results)).toContain("Cassia's own CPU per statement on a stub client, 6 keyspaces × 1 tables");
  });

  it('samples the heap after touching keyspaces and drops every keyspace it made', async () => {
    expect(results.heap.map((sample) => sample.keyspaces)).toEqual([0, 100, 1_000]);
    for (const sample of results.heap) expect(positive(sample.heapUsed)).toBe(true);
    const client = new Client({ contactPoints: [testClusters().cluster1], localDataCenter: 'datacenter1' });
    try {
      const left = (await client.execute('SELECT keyspace_name FROM system_schema.keyspaces')).rows.filter((row) =>
        (row.keyspace_name as string).startsWith(PREFIX),
      );
      expect(left).toEqual([]);
    } finally {
      await client.shutdown();
    }
  });
});
