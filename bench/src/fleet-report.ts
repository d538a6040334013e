// The fleet scenario's figures as text: ops/s per peer, Cassia/raw and spread/one-keyspace per
// layout and operation, and the heap after touching many keyspaces.
import { formatFleetOverhead } from './fleet-overhead';
import type { FleetResults } from './fleet-scenario';
import { FLEET_OPERATIONS, FLEET_PEERS, FLEET_SPREADS } from './fleet-scenario';
import type { RatioSummary } from './stats';

const ratio = (r: RatioSummary): string => `${r.median.toFixed(2)} [${r.interval95[0].toFixed(2)}–${r.interval95[1].toFixed(2)}]`;
const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;
const signedMib = (bytes: number): string => `${bytes < 0 ? '−' : '+'}${mib(Math.abs(bytes))}`;

/** The report of a fleet run (targets: Cassia/raw ≥ 0.97; Cassia's spread/one within 10 % of the raw driver's). */
export function formatFleetReport(results: FleetResults): string {
  const lines: string[] = ['5. Tenant fleet: keyed inserts and reads over many keyspaces (concurrency 64, ops/s median)'];
  const made = results.provisioning;
  lines.push(
    `Schema: ${made.keyspaces} keyspaces, ${made.tables} tables; this run created ${made.keyspacesCreated} keyspaces and ${made.tablesCreated} tables in ${made.seconds.toFixed(0)} s`,
  );
  for (const layout of results.layouts) {
    const { clientCacheFull, serverUnprepared } = layout.reprepared;
    lines.push(
      '',
      `${layout.layout.keyspaces} keyspaces × ${layout.layout.tables} tables (re-prepared while measured: ${clientCacheFull} driver cache full, ${serverUnprepared} server unprepared)`,
    );
    for (const operation of FLEET_OPERATIONS) {
      for (const spread of FLEET_SPREADS) {
        const ops = FLEET_PEERS.map((peer) => `${peer} ${Math.round(layout.opsPerSecond[operation][spread][peer].median)}`).join(', ');
        const vsRaw = layout.cassiaVsRaw[operation][spread];
        lines.push(`  ${operation} ${spread}: ${ops}; Cassia/raw using ${ratio(vsRaw.cassiaUsing)}, scope ${ratio(vsRaw.cassiaScope)}`);
      }
      const spreadCost = FLEET_PEERS.map((peer) => `${peer} ${ratio(layout.spreadVsOne[operation][peer])}`).join(', ');
      lines.push(`  ${operation} spread/one: ${spreadCost}`);
    }
  }
  const base = results.heap[0];
  if (base !== undefined) {
    const growth = results.heap.slice(1).map((sample) => `${sample.keyspaces} keyspaces ${signedMib(sample.heapUsed - base.heapUsed)}`);
    lines.push('', `Heap after Cassia touched many keyspaces (stub client, caches bounded): ${growth.join(', ')}`);
  }
  for (const overhead of results.overhead) lines.push('', ...formatFleetOverhead(overhead));
  return lines.join('\n');
}
