// Scenario 5 (issue 22): keyed inserts and reads spread over many tenant keyspaces, routed with
// `using({ keyspace })` and with `withConnection`, against the raw driver on the same client (so the
// same settings, maxPrepared sized for every statement), interleaved slice by slice in balanced
// order like the throughput scenario; each layout also runs all its load in one keyspace, so the
// spread/one-keyspace cost of Cassia can be set beside the raw driver's own. Then the heap after
// Cassia touched 1,000 and 10,000 keyspaces on a stub client (its caches are bounded). The layouts
// share keyspaces (`${prefix}_${i}`, table `t${j}`): provisioning reads system_schema once and
// creates only what is missing, so a second run reuses the first one's schema.
import { Client } from 'cassandra-driver';
import { ConnectionRegistry, REQUIRED_DRIVER_ENCODING } from '@cassia/core';
import { query } from '@cassia/query';
import { balancedOrder } from './balanced-order';
import { fleetModel, fleetTableName } from './fleet-model';
import { runFleetOverhead, type FleetOverheadResults } from './fleet-overhead';
import { benchRows, type BenchRow } from './bench-table';
import { collectGarbage } from './collect-garbage';
import { runCount, runFor } from './load-loop';
import type { Progress } from './progress';
import { pairedRatio, summarize, type RatioSummary, type Summary } from './stats';
import { stubClient } from './stub-client';

/** A set of tenant keyspaces with `tables` tables each. */
export interface FleetLayout {
  readonly keyspaces: number;
  readonly tables: number;
}

/** What a fleet run measures and where. */
export interface FleetConfig {
  readonly contactPoint: string;
  /** Keyspaces are `${prefix}_${i}`, shared by the layouts (the widest layout's count of keyspaces, each with the most tables a layout asks). */
  readonly keyspacePrefix: string;
  /** Keep the keyspaces for the next run (full runs: creating them is most of a run) or drop them at the end (the smoke run). */
  readonly keepKeyspaces: boolean;
  readonly layouts: readonly FleetLayout[];
  readonly rounds: number;
  readonly concurrency: number;
  readonly sliceMs: number;
  readonly slices: number;
  readonly settleMs: number;
  readonly warmupMs: number;
  /**
   * Schema statements at once while creating the keyspaces. The server applies them one at a
   * time; a few in flight hide each one's round trip and schema-agreement check, more only queue.
   */
  readonly createConcurrency: number;
  /** How many keyspaces the heap measurement touches, in order (e.g. 1,000 then 10,000). */
  readonly heapKeyspaces: readonly number[];
  /** Rounds and cell length of the stub-client overhead measurement per layout (fleet-overhead.ts). */
  readonly overheadRounds: number;
  readonly overheadCellMs: number;
}

/** The defaults of the issue-sized fleet run: 1,000 keyspaces × 1 table and 100 × 20, at concurrency 64 (fleet-main.ts sizes it for the node). */
export function fleetConfig(contactPoint: string, overrides: Partial<FleetConfig> = {}): FleetConfig {
  return {
    contactPoint,
    keyspacePrefix: 'fleet_bench',
    keepKeyspaces: true,
    layouts: [{ keyspaces: 1_000, tables: 1 }, { keyspaces: 100, tables: 20 }],
    rounds: 4,
    concurrency: 64,
    sliceMs: 100,
    slices: 6,
    settleMs: 25,
    warmupMs: 2_000,
    createConcurrency: 8,
    heapKeyspaces: [1_000, 10_000],
    overheadRounds: 6,
    overheadCellMs: 300,
    ...overrides,
  };
}

/** How statements reach their keyspace. */
export const FLEET_PEERS = ['raw', 'cassiaUsing', 'cassiaScope'] as const;
export type FleetPeer = (typeof FLEET_PEERS)[number];
export const FLEET_OPERATIONS = ['insert', 'select'] as const;
export type FleetOperation = (typeof FLEET_OPERATIONS)[number];
/** `spread`: every statement in a keyspace and table of its own choosing; `one`: all in the first. */
export const FLEET_SPREADS = ['spread', 'one'] as const;
export type FleetSpread = (typeof FLEET_SPREADS)[number];

/** What provisioning found and made (keyspaces and tables the layouts need). */
export interface FleetProvisioning {
  readonly keyspaces: number;
  readonly tables: number;
  readonly keyspacesCreated: number;
  readonly tablesCreated: number;
  readonly seconds: number;
}

/** Figures of one layout. */
export interface FleetLayoutResults {
  readonly layout: FleetLayout;
  /** operation → spread → peer → ops/s over rounds. */
  readonly opsPerSecond: Record<FleetOperation, Record<FleetSpread, Record<FleetPeer, Summary>>>;
  /** operation → spread → Cassia peer → Cassia/raw per round. */
  readonly cassiaVsRaw: Record<FleetOperation, Record<FleetSpread, Record<'cassiaUsing' | 'cassiaScope', RatioSummary>>>;
  /** operation → peer → spread/one per round: what spreading costs each peer. */
  readonly spreadVsOne: Record<FleetOperation, Record<FleetPeer, RatioSummary>>;
  /** Statements the driver prepared again during the measured rounds, all peers (0 once warm when both caches hold every statement). */
  readonly reprepared: RepreparedCounts;
}

/** Re-prepares by cause: the driver's cache full (`maxPrepared`), or the server answering UNPREPARED. */
export interface RepreparedCounts {
  clientCacheFull: number;
  serverUnprepared: number;
}

// The driver's own log lines for a re-prepare (the ones core's RepreparedEvent reads): counted on
// the shared client, so raw and Cassia statements alike, without Cassia's event hook in the hot path.
function countReprepares(client: Client): { counts: RepreparedCounts; stop: () => void } {
  const counts: RepreparedCounts = { clientCacheFull: 0, serverUnprepared: 0 };
  const onLog = (level: string, _className: string, message: unknown): void => {
    if (typeof message !== 'string') return;
    if (level === 'warning' && message.startsWith('Prepared statements exceeded maximum')) counts.clientCacheFull++;
    else if (level === 'info' && message.includes(' not prepared on host ')) counts.serverUnprepared++;
  };
  client.on('log', onLog);
  return { counts, stop: () => client.off('log', onLog) };
}

/** Heap after Cassia touched `keyspaces` keyspaces (a create and a keyed get in each), after a full GC. */
export interface FleetHeapSample {
  readonly keyspaces: number;
  readonly heapUsed: number;
}

export interface FleetResults {
  readonly provisioning: FleetProvisioning;
  readonly layouts: readonly FleetLayoutResults[];
  readonly heap: readonly FleetHeapSample[];
  /** Cassia's own CPU per routed statement on a stub client, per layout. */
  readonly overhead: readonly FleetOverheadResults[];
}

// Schema changes queue behind each other on the server: more than the driver's 12 s default at times.
const DDL_OPTIONS = { readTimeout: 120_000 };

// Where operation i goes: spread evenly over keyspaces and tables by multiplicative hashing;
// `every` walks each (keyspace, table) in turn (the warm-up, so every statement is prepared).
function placeOf(i: number, layout: FleetLayout, spread: FleetSpread | 'every'): { keyspace: number; table: number } {
  if (spread === 'one') return { keyspace: 0, table: 0 };
  if (spread === 'every') return { keyspace: i % layout.keyspaces, table: Math.floor(i / layout.keyspaces) % layout.tables };
  const h = Math.imul(i, 0x9e3779b1) >>> 0;
  return { keyspace: h % layout.keyspaces, table: (h >>> 16) % layout.tables };
}

const keyspaceName = (config: FleetConfig, i: number): string => `${config.keyspacePrefix}_${i}`;

/** Runs the fleet scenario on one cluster: provisions its keyspaces (reusing what exists), measures each layout, drops them unless kept. */
export async function runFleet(config: FleetConfig, progress: Progress): Promise<FleetResults> {
  const keyspaces = Math.max(...config.layouts.map((layout) => layout.keyspaces));
  // Schema changes only: no metadata kept in sync (nothing here reads it), so the driver does not
  // refetch a keyspace per schema event.
  const ddl = new Client({ contactPoints: [config.contactPoint], localDataCenter: 'datacenter1', isMetadataSyncEnabled: false });
  await ddl.connect();
  try {
    const provisioning = await provisionFleet(ddl, config, keyspaces, progress);
    const results: FleetLayoutResults[] = [];
    for (const layout of config.layouts) results.push(await runLayout(config, layout, progress));
    const heap = await measureHeap(config.heapKeyspaces, progress);
    const overhead: FleetOverheadResults[] = [];
    for (const layout of config.layouts) {
      overhead.push(await runFleetOverhead(layout.keyspaces, layout.tables, config.overheadRounds, config.overheadCellMs, progress));
    }
    return { provisioning, layouts: results, heap, overhead };
  } finally {
    if (!config.keepKeyspaces) {
      progress(`fleet: dropping ${keyspaces} keyspaces`);
      await runCount((i) => ddl.execute(`DROP KEYSPACE IF EXISTS "${keyspaceName(config, i)}"`, [], DDL_OPTIONS), config.createConcurrency, keyspaces, 1e9, () => undefined).catch(() => undefined);
    }
    await ddl.shutdown();
  }
}

/** Drops every `${prefix}_<n>` keyspace on the node at `contactPoint` (what runs with keepKeyspaces left); returns how many. */
export async function dropKeptFleetKeyspaces(contactPoint: string, prefix: string, progress: Progress): Promise<number> {
  const ddl = new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1', isMetadataSyncEnabled: false });
  await ddl.connect();
  try {
    const pattern = new RegExp(`^${prefix}_\\d+$`);
    const names = (await readAll(ddl, 'SELECT keyspace_name FROM system_schema.keyspaces')).map((row) => row.keyspace_name as string).filter((name) => pattern.test(name));
    progress(`fleet: dropping ${names.length} keyspaces ${prefix}_*`);
    await runCount((i) => ddl.execute(`DROP KEYSPACE IF EXISTS "${names[i]}"`, [], DDL_OPTIONS), 4, names.length, 50, (done) => progress(`fleet: ${done}/${names.length} dropped`));
    return names.length;
  } finally {
    await ddl.shutdown();
  }
}

/** Tables keyspace i needs: the most any layout that includes it asks for. */
const tablesOf = (config: FleetConfig, i: number): number => Math.max(0, ...config.layouts.filter((layout) => i < layout.keyspaces).map((layout) => layout.tables));

/** Ensures keyspaces `${prefix}_0..count-1` with their tables t0, t1, …: one read of system_schema, then only the missing DDL, `createConcurrency` at a time. */
async function provisionFleet(ddl: Client, config: FleetConfig, keyspaces: number, progress: Progress): Promise<FleetProvisioning> {
  const started = performance.now();
  const existing = new Set<string>();
  const existingKeyspaces = new Set<string>();
  // system_schema has no index on a name prefix: one full read of each table, page by page.
  for (const row of await readAll(ddl, 'SELECT keyspace_name, table_name FROM system_schema.tables')) {
    const keyspace = row.keyspace_name as string;
    if (keyspace.startsWith(`${config.keyspacePrefix}_`)) existing.add(`${keyspace}.${row.table_name as string}`);
  }
  for (const row of await readAll(ddl, 'SELECT keyspace_name FROM system_schema.keyspaces')) existingKeyspaces.add(row.keyspace_name as string);
  const missingKeyspaces: string[] = [];
  const missingTables: Array<{ keyspace: string; table: string }> = [];
  let tables = 0;
  for (let i = 0; i < keyspaces; i++) {
    const keyspace = keyspaceName(config, i);
    if (!existingKeyspaces.has(keyspace)) missingKeyspaces.push(keyspace);
    for (let j = 0; j < tablesOf(config, i); j++, tables++) if (!existing.has(`${keyspace}.${fleetTableName(j)}`)) missingTables.push({ keyspace, table: fleetTableName(j) });
  }
  progress(
    `fleet: ${keyspaces} keyspaces and ${tables} tables wanted; ${keyspaces - missingKeyspaces.length} keyspaces and ` +
      `${existing.size} tables already there, creating ${missingKeyspaces.length} keyspaces and ${missingTables.length} tables (${config.createConcurrency} at a time)`,
  );
  const report = (what: string, total: number) => {
    const phaseStarted = performance.now();
    return (done: number) => {
      const seconds = (performance.now() - phaseStarted) / 1000;
      const eta = done < total ? `, ~${Math.round(((total - done) * seconds) / done)} s left` : '';
      progress(`fleet: ${done}/${total} ${what} created in ${seconds.toFixed(0)} s (${(done / seconds).toFixed(1)}/s${eta})`);
    };
  };
  const interval = (total: number) => Math.max(1, Math.min(100, Math.floor(total / 10)));
  // Keyspaces first, so every table's keyspace exists whichever worker creates it.
  await runCount(
    (i) => ddl.execute(`CREATE KEYSPACE IF NOT EXISTS "${missingKeyspaces[i]}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`, [], DDL_OPTIONS),
    config.createConcurrency,
    missingKeyspaces.length,
    interval(missingKeyspaces.length),
    report('keyspaces', missingKeyspaces.length),
  );
  await runCount(
    (i) => {
      const { keyspace, table } = missingTables[i];
      return ddl.execute(`CREATE TABLE IF NOT EXISTS "${keyspace}"."${table}" (id int PRIMARY KEY, name text, city text, age int, score int)`, [], DDL_OPTIONS);
    },
    config.createConcurrency,
    missingTables.length,
    interval(missingTables.length),
    report('tables', missingTables.length),
  );
  return {
    keyspaces,
    tables,
    keyspacesCreated: missingKeyspaces.length,
    tablesCreated: missingTables.length,
    seconds: (performance.now() - started) / 1000,
  };
}

async function readAll(client: Client, cql: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  let pageState: string | undefined;
  do {
    const page = await client.execute(cql, [], { fetchSize: 5_000, pageState });
    rows.push(...page.rows);
    pageState = page.pageState ?? undefined;
  } while (pageState !== undefined);
  return rows;
}

async function runLayout(config: FleetConfig, layout: FleetLayout, progress: Progress): Promise<FleetLayoutResults> {
  const keyspaces = Array.from({ length: layout.keyspaces }, (_, i) => keyspaceName(config, i));
  const statements = layout.keyspaces * layout.tables * 2;
  // One client for raw and Cassia alike, with room for every statement both of them prepare.
  const client = new Client({
    contactPoints: [config.contactPoint],
    localDataCenter: 'datacenter1',
    encoding: REQUIRED_DRIVER_ENCODING,
    maxPrepared: 2 * statements + 1_000,
  });
  await client.connect();
  const registry = new ConnectionRegistry();
  try {
    await registry.registerConnection('fleet', { client, keyspace: keyspaces[0], default: true });
    const models = Array.from({ length: layout.tables }, (_, j) => fleetModel(j));
    const roots = models.map((model) => query(model, { registry }));
    const rows = benchRows(1_000);
    // The raw app's texts, made once per keyspace and table as a careful raw app would keep them.
    const insertCql = keyspaces.map((ks) => models.map((m) => `INSERT INTO "${ks}"."${m.table}" ("id", "name", "city", "age", "score") VALUES (?, ?, ?, ?, ?)`));
    const selectCql = keyspaces.map((ks) => models.map((m) => `SELECT * FROM "${ks}"."${m.table}" WHERE "id" = ?`));

    const operationOf = (peer: FleetPeer, operation: FleetOperation, spread: FleetSpread | 'every') => (i: number): Promise<unknown> => {
      const { keyspace, table } = placeOf(i, layout, spread);
      const row: BenchRow = rows[i % rows.length];
      if (peer === 'raw') {
        return operation === 'insert'
          ? client.execute(insertCql[keyspace][table], [row.id, row.name, row.city, row.age, row.score], { prepare: true })
          : client.execute(selectCql[keyspace][table], [row.id], { prepare: true });
      }
      if (peer === 'cassiaUsing') {
        const routed = roots[table].using({ keyspace: keyspaces[keyspace] });
        return operation === 'insert' ? routed.create(row) : routed.where({ id: row.id }).first();
      }
      return registry.withConnection({ keyspace: keyspaces[keyspace] }, (): Promise<unknown> =>
        operation === 'insert' ? roots[table].create(row) : roots[table].where({ id: row.id }).first(),
      );
    };

    progress(`fleet ${layout.keyspaces}×${layout.tables}: warm-up (prepares every statement of every peer)`);
    for (const operation of FLEET_OPERATIONS) {
      for (const peer of FLEET_PEERS) {
        // Every (keyspace, table) once, then time-boxed in each spread.
        const warm = await runCount(operationOf(peer, operation, 'every'), 16, layout.keyspaces * layout.tables, 1e9, () => undefined);
        for (const spread of FLEET_SPREADS) await runFor(operationOf(peer, operation, spread), config.concurrency, config.warmupMs);
        progress(`fleet ${layout.keyspaces}×${layout.tables}: warm ${operation} ${peer} (${warm.operations} statements in ${(warm.elapsedMs / 1000).toFixed(1)} s)`);
      }
    }
    const reprepares = countReprepares(client);

    const samples = new Map<string, number[]>();
    const key = (operation: string, spread: string, peer: string) => `${operation}/${spread}/${peer}`;
    let cell = 0;
    for (let round = 1; round <= config.rounds; round++) {
      for (const operation of FLEET_OPERATIONS) {
        for (const spread of FLEET_SPREADS) {
          const totals = new Map(FLEET_PEERS.map((peer) => [peer, { operations: 0, elapsedMs: 0 }]));
          for (let slice = 0; slice < config.slices; slice++) {
            for (const peer of balancedOrder(FLEET_PEERS, cell++)) {
              const load = operationOf(peer, operation, spread);
              await runFor(load, config.concurrency, config.settleMs);
              const result = await runFor(load, config.concurrency, config.sliceMs);
              const total = totals.get(peer)!;
              total.operations += result.operations;
              total.elapsedMs += result.elapsedMs;
            }
          }
          const line: string[] = [];
          for (const [peer, total] of totals) {
            const opsPerSecond = (total.operations * 1000) / total.elapsedMs;
            const id = key(operation, spread, peer);
            samples.set(id, [...(samples.get(id) ?? []), opsPerSecond]);
            line.push(`${peer} ${Math.round(opsPerSecond)}/s`);
          }
          progress(`fleet ${layout.keyspaces}×${layout.tables} round ${round}/${config.rounds} ${operation} ${spread}: ${line.join(', ')}`);
        }
      }
    }
    const of = (operation: string, spread: string, peer: string) => samples.get(key(operation, spread, peer)) ?? [];
    const opsPerSecond = {} as FleetLayoutResults['opsPerSecond'];
    const cassiaVsRaw = {} as FleetLayoutResults['cassiaVsRaw'];
    const spreadVsOne = {} as FleetLayoutResults['spreadVsOne'];
    for (const operation of FLEET_OPERATIONS) {
      opsPerSecond[operation] = {} as Record<FleetSpread, Record<FleetPeer, Summary>>;
      cassiaVsRaw[operation] = {} as Record<FleetSpread, Record<'cassiaUsing' | 'cassiaScope', RatioSummary>>;
      spreadVsOne[operation] = {} as Record<FleetPeer, RatioSummary>;
      for (const spread of FLEET_SPREADS) {
        opsPerSecond[operation][spread] = {} as Record<FleetPeer, Summary>;
        for (const peer of FLEET_PEERS) opsPerSecond[operation][spread][peer] = summarize(of(operation, spread, peer));
        cassiaVsRaw[operation][spread] = {
          cassiaUsing: pairedRatio(of(operation, spread, 'cassiaUsing'), of(operation, spread, 'raw')),
          cassiaScope: pairedRatio(of(operation, spread, 'cassiaScope'), of(operation, spread, 'raw')),
        };
      }
      for (const peer of FLEET_PEERS) spreadVsOne[operation][peer] = pairedRatio(of(operation, 'spread', peer), of(operation, 'one', peer));
    }
    reprepares.stop();
    return { layout, opsPerSecond, cassiaVsRaw, spreadVsOne, reprepared: reprepares.counts };
  } finally {
    await registry.shutdown();
    await client.shutdown();
  }
}

// Heap in use once what is garbage now is gone: the baseline too, since the layouts' clients
// closed just before and some of their objects are freed only after a turn and a second collection.
async function heapAfterFullGc(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

// Cassia's side only: a stub client answers at once, so the heap holds Cassia's caches (resolved
// targets, keyed SELECT and INSERT texts, compiled shapes) and not the driver's.
/** Heap after Cassia touched each count of keyspaces in turn (a create and a keyed get in each), after a full GC. */
export async function measureHeap(counts: readonly number[], progress: Progress): Promise<FleetHeapSample[]> {
  const registry = new ConnectionRegistry();
  const row = benchRows(1)[0];
  const model = fleetModel(0);
  const samples: FleetHeapSample[] = [];
  const touch = async (from: number, to: number): Promise<void> => {
    const root = query(model, { registry });
    for (let i = from; i < to; i++) {
      const routed = root.using({ keyspace: `heap_fleet_${i}` });
      await routed.create(row);
      await routed.where({ id: row.id }).get();
    }
  };
  await registry.registerConnection('stub', { client: stubClient(row), keyspace: 'heap_fleet_0', default: true });
  samples.push({ keyspaces: 0, heapUsed: await heapAfterFullGc() });
  let touched = 0;
  for (const count of counts) {
    await touch(touched, count);
    touched = count;
    samples.push({ keyspaces: count, heapUsed: await heapAfterFullGc() });
    progress(`fleet heap: ${count} keyspaces touched, heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MiB`);
  }
  await registry.shutdown();
  return samples;
}
