// Cassia's own CPU per tenant statement, without network or server: keyed inserts and reads
// routed with `using({ keyspace })` and with `withConnection` over N keyspaces × T tables on a
// stub client (stub-client.ts), beside Cassia's unrouted statement and the bare driver call the
// raw peer makes. On a 2-core machine that also runs the node, the fleet's network ratios swing
// by tens of percent between runs; this figure does not, and it is the part Cassia controls.
import { ConnectionRegistry } from '@cassia/core';
import { query } from '@cassia/query';
import { benchRows } from './bench-table';
import { fleetModel } from './fleet-model';
import { runFor, type Operation } from './load-loop';
import type { Progress } from './progress';
import { summarize, type Summary } from './stats';
import { stubClient } from './stub-client';

export const FLEET_OVERHEAD_CONCURRENCY = 64;

/** The loads measured: the bare call, Cassia unrouted, and Cassia routed into one keyspace or spread. */
export const FLEET_OVERHEAD_LOADS = ['bare', 'plain', 'using one', 'using spread', 'scope one', 'scope spread'] as const;
export type FleetOverheadLoad = (typeof FLEET_OVERHEAD_LOADS)[number];

export interface FleetOverheadResults {
  readonly keyspaces: number;
  readonly tables: number;
  /** CPU nanoseconds per statement, per operation and load, over rounds. */
  readonly nanos: Record<'insert' | 'select', Record<FleetOverheadLoad, Summary>>;
}

/** Measures every load of both operations `rounds` times for `cellMs` each, in turns. */
export async function runFleetOverhead(
  keyspaces: number,
  tables: number,
  rounds: number,
  cellMs: number,
  progress: Progress,
): Promise<FleetOverheadResults> {
  const rows = benchRows(1_000);
  const client = stubClient(rows[0]);
  const registry = new ConnectionRegistry();
  await registry.registerConnection('fleet-stub', { client, keyspace: 'fleet_stub_0', default: true });
  try {
    const names = Array.from({ length: keyspaces }, (_, i) => `fleet_stub_${i}`);
    const models = Array.from({ length: tables }, (_, j) => fleetModel(j));
    const roots = models.map((model) => query(model, { registry }));
    // Spread as the fleet scenario spreads: multiplicative hashing over keyspaces and tables.
    const place = (i: number, spread: boolean): readonly [number, number] => {
      if (!spread) return [0, 0];
      const h = Math.imul(i, 0x9e3779b1) >>> 0;
      return [h % keyspaces, (h >>> 16) % tables];
    };
    const prepared = { prepare: true };
    const row = (i: number) => rows[i % rows.length];
    const loadsOf = (operation: 'insert' | 'select'): Record<FleetOverheadLoad, Operation> => {
      const cassia = (table: number, routed = roots[table], i: number): Promise<unknown> =>
        operation === 'insert' ? routed.create(row(i)) : routed.where({ id: row(i).id }).first();
      const using = (spread: boolean): Operation => (i) => {
        const [keyspace, table] = place(i, spread);
        return cassia(table, roots[table].using({ keyspace: names[keyspace] }), i);
      };
      const scope = (spread: boolean): Operation => (i) => {
        const [keyspace, table] = place(i, spread);
        return registry.withConnection({ keyspace: names[keyspace] }, () => cassia(table, roots[table], i));
      };
      return {
        bare: (i) => {
          const r = row(i);
          return operation === 'insert' ? client.execute('INSERT', [r.id, r.name, r.city, r.age, r.score], prepared) : client.execute('SELECT', [r.id], prepared);
        },
        plain: (i) => cassia(0, roots[0], i),
        'using one': using(false),
        'using spread': using(true),
        'scope one': scope(false),
        'scope spread': scope(true),
      };
    };
    const loads = { insert: loadsOf('insert'), select: loadsOf('select') };
    progress(`fleet overhead: warm-up on a stub client (${keyspaces} keyspaces × ${tables} tables)`);
    for (const operation of ['insert', 'select'] as const) {
      // Every keyspace and table once, so each routed statement's texts are cached before timing.
      for (const load of FLEET_OVERHEAD_LOADS) await runFor(loads[operation][load], FLEET_OVERHEAD_CONCURRENCY, cellMs);
    }
    const samples = { insert: new Map<FleetOverheadLoad, number[]>(), select: new Map<FleetOverheadLoad, number[]>() };
    for (let round = 1; round <= rounds; round++) {
      for (const operation of ['insert', 'select'] as const) {
        // Alternate the order each round, as the overhead scenario does.
        const order = round % 2 === 0 ? [...FLEET_OVERHEAD_LOADS].reverse() : FLEET_OVERHEAD_LOADS;
        for (const load of order) {
          const result = await runFor(loads[operation][load], FLEET_OVERHEAD_CONCURRENCY, cellMs);
          samples[operation].set(load, [...(samples[operation].get(load) ?? []), result.cpuMicrosPerOp * 1000]);
        }
      }
      progress(`fleet overhead: round ${round}/${rounds}`);
    }
    const summaries = (operation: 'insert' | 'select') =>
      Object.fromEntries(FLEET_OVERHEAD_LOADS.map((load) => [load, summarize(samples[operation].get(load) ?? [])])) as Record<FleetOverheadLoad, Summary>;
    return { keyspaces, tables, nanos: { insert: summaries('insert'), select: summaries('select') } };
  } finally {
    await registry.shutdown();
  }
}

/** The report's lines: nanoseconds per statement, and what Cassia adds to the bare call. */
export function formatFleetOverhead(results: FleetOverheadResults): string[] {
  const lines = [`Cassia's own CPU per statement on a stub client, ${results.keyspaces} keyspaces × ${results.tables} tables (ns, median; added to the bare call)`];
  for (const operation of ['insert', 'select'] as const) {
    const nanos = results.nanos[operation];
    const bare = nanos.bare.median;
    const cells = FLEET_OVERHEAD_LOADS.filter((load) => load !== 'bare').map((load) => `${load} ${Math.round(nanos[load].median)} (+${Math.round(nanos[load].median - bare)})`);
    lines.push(`  ${operation}: bare ${Math.round(bare)}, ${cells.join(', ')}`);
  }
  return lines;
}
