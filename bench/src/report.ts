// The printed report (plain-text tables) and the JSON file of a run.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BenchResults, SectionResults, TargetCheck } from './bench-results';
import type { BulkResults } from './bulk-scenario';
import type { BenchConfig } from './config';
import type { VectorResults } from './vector-scenario';
import { chartFileOf, chartSvg } from './bench-chart';
import { COMPILE_STATEMENTS, COMPILERS, COMPILER_LABELS } from './compile-implementations';
import type { MemoryRun } from './memory-scenario';
import type { ObservabilityResults } from './observability-scenario';
import { OVERHEAD_CONCURRENCY } from './overhead-scenario';
import type { Summary } from './stats';
import { SYNC_TARGETS, type SyncResults } from './sync-scenario';
import { PEER_LABELS, THROUGHPUT_PEERS } from './throughput-peer';
import { HEADLINE_CONCURRENCY, THROUGHPUT_OPERATIONS } from './throughput-scenario';

/** Writes the results as JSON (creating the folder), and beside it the SVG chart of the same run (`latest.json` → `latest.svg`). */
export async function writeResults(file: string, results: BenchResults): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(chartFileOf(file), chartSvg(results));
}

/** Writes the results of a run of some scenarios (`--only`) as JSON (no chart: it draws the whole run). */
export async function writeSectionResults(file: string, results: SectionResults): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** The report of a run of some scenarios (`--only`): their sections of the whole report. */
export function formatSections(results: SectionResults): string {
  const { config } = results.meta;
  const out = [
    `Cassia benchmarks (${config.only?.join(', ')}) — ${results.meta.startedAt}, node ${results.meta.node}, ${results.meta.cpus} CPUs, ` +
      `scale ${config.scale}, ${config.rounds} rounds, ${(results.meta.durationMs / 1000).toFixed(0)} s`,
    '',
  ];
  if (results.vector !== undefined) out.push(...vectorLines('', results.vector));
  if (results.bulk !== undefined) out.push(...bulkLines('', results.bulk, config));
  return out.join('\n');
}

/** The report as text lines. */
export function formatReport(results: BenchResults): string {
  const { config } = results.meta;
  const out: string[] = [];
  out.push(
    `Cassia benchmarks — ${results.meta.startedAt}, node ${results.meta.node}, ${results.meta.cpus} CPUs, ` +
      `scale ${config.scale}, ${config.rounds} rounds (throughput ${config.throughput.rounds}), ${(results.meta.durationMs / 1000).toFixed(0)} s`,
  );
  out.push('Figures are medians over rounds with [min–max]; ratios are medians of per-round ratios (implementations interleaved per round),');
  out.push('with a 95 % bootstrap interval of that median where it decides a target (how far another run\'s median may land).');
  out.push('');

  const { throughput: tc } = config;
  out.push(
    `1. Throughput on cluster1, ops/s (${tc.rounds} rounds; per cell and round each implementation runs ${tc.slices} slices of ${tc.sliceMs} ms ` +
      `(${tc.headlineSlices} at concurrency ${HEADLINE_CONCURRENCY}), taking turns, each slice after a ${tc.settleMs} ms settle run; ` +
      'Cassia, raw and Mapper share one driver client)',
  );
  const throughputRows: string[][] = [['op', 'conc', ...THROUGHPUT_PEERS.map((p) => PEER_LABELS[p]), 'Cassia/raw', 'Cassia/raw 95% CI', 'Cassia/Mapper', 'Cassia/express-c.']];
  for (const operation of THROUGHPUT_OPERATIONS) {
    for (const [concurrency, byPeer] of Object.entries(results.throughput.opsPerSecond[operation])) {
      const ratio = results.ratios.throughput[operation][concurrency];
      throughputRows.push([
        operation,
        concurrency,
        ...THROUGHPUT_PEERS.map((peer) => (byPeer[peer] === undefined ? '-' : spread(byPeer[peer], 0))),
        spread(ratio.cassiaVsRaw, 3),
        interval(ratio.cassiaVsRaw.interval95, 3),
        spread(ratio.cassiaVsMapper, 2),
        spread(ratio.cassiaVsExpressCassandra, 2),
      ]);
    }
  }
  out.push(...table(throughputRows));
  out.push('');
  out.push('   Client CPU per operation, µs (the bench process only: library and driver work; Cassandra\'s own CPU is not counted)');
  const cpuRows: string[][] = [['op', 'conc', ...THROUGHPUT_PEERS.map((p) => PEER_LABELS[p]), 'Cassia − raw']];
  for (const operation of THROUGHPUT_OPERATIONS) {
    for (const [concurrency, byPeer] of Object.entries(results.throughput.clientCpuMicrosPerOp[operation])) {
      const cassia = byPeer.cassia?.median ?? NaN;
      const raw = byPeer.raw?.median ?? NaN;
      cpuRows.push([
        operation,
        concurrency,
        ...THROUGHPUT_PEERS.map((peer) => (byPeer[peer] === undefined ? '-' : spread(byPeer[peer], 1))),
        `${cassia - raw >= 0 ? '+' : ''}${(cassia - raw).toFixed(1)}`,
      ]);
    }
  }
  out.push(...table(cpuRows));
  out.push('');

  out.push(
    `1b. Client overhead without the network: CPU ns per operation at concurrency ${OVERHEAD_CONCURRENCY} on a stub driver client ` +
      `(${config.rounds} rounds, ${config.compile.cellMs} ms per cell)`,
  );
  const overheadRows: string[][] = [['op', 'Cassia', 'bare client.execute', 'Cassia adds']];
  for (const operation of THROUGHPUT_OPERATIONS) {
    const figure = results.overhead[operation];
    overheadRows.push([operation, spread(figure.cassiaNanos, 0), spread(figure.bareNanos, 0), spread(figure.addedNanos, 0)]);
  }
  out.push(...table(overheadRows));
  out.push('');

  out.push(`2. Compile only (no network), thousands of statements/s (${config.compile.cellMs} ms per cell and round)`);
  const compileRows: string[][] = [['statement', ...COMPILERS.map((c) => COMPILER_LABELS[c]), 'Cassia/cassanknex', 'Cassia/hand-written']];
  for (const statement of COMPILE_STATEMENTS) {
    const byCompiler = results.compile[statement];
    const ratio = results.ratios.compile[statement];
    compileRows.push([
      statement,
      ...COMPILERS.map((c) => spread(scale(byCompiler[c], 1 / 1000), 0)),
      spread(ratio.cassiaVsCassanknex, 1),
      spread(ratio.cassiaVsHandWritten, 3),
    ]);
  }
  out.push(...table(compileRows));
  out.push('');

  out.push(...syncSection(results.sync), '');

  out.push('4. Memory (after full GC; growth = last sample − middle sample)');
  out.push(
    ...table([
      ['run', 'operations', 'heap start', 'heap middle', 'heap end', 'heap growth 2nd half', 'rss end', 'rss growth 2nd half'],
      memoryRow('builder compilations', results.memory.compilations),
      memoryRow('executed queries (c=64)', results.memory.executions),
    ]),
  );
  out.push('');

  if (results.vector !== undefined) out.push(...vectorLines('5.', results.vector));
  out.push(...bulkLines('6.', results.bulk, config));
  if (results.observability !== undefined) out.push(...observabilityLines('7.', results.observability));

  const t = results.targets;
  out.push('Targets');
  out.push(targetLine(`Cassia/raw at concurrency 64 ≥ ${t.cassiaVsRawAtConcurrency64.target}`, t.cassiaVsRawAtConcurrency64, 3, ''));
  out.push(targetLine(`Cassia compile ≥ ${t.cassiaVsCassanknexCompile.target}× cassanknex`, t.cassiaVsCassanknexCompile, 1, '×'));
  out.push(...syncTargetLines(results.sync));
  return out.join('\n');
}

/** Section 3 (sync) of the report, also printed alone by `npm run bench -- --sync`. */
export function syncSection(sync: SyncResults): string[] {
  const out: string[] = [];
  out.push(`3. syncTable: ${sync.models} models × ${sync.keyspaces.length} keyspaces × ${sync.connections.length} connections = ${sync.targets} targets`);
  out.push(
    ...table([
      ['sync', 'wall time', 'per target', 'actions'],
      ['first (creates)', `${(sync.firstSyncMs / 1000).toFixed(2)} s`, `${(sync.firstSyncMs / sync.targets).toFixed(0)} ms`, actions(sync.firstActions)],
      [
        `unchanged (${sync.unchangedSyncMs.samples.length} rounds)`,
        `${spread(scale(sync.unchangedSyncMs, 1 / 1000), 2)} s`,
        `${(sync.unchangedSyncMs.median / sync.targets).toFixed(1)} ms`,
        actions(sync.unchangedActions),
      ],
      [
        'syncTables first (creates)',
        `${(sync.syncTables.firstSyncMs / 1000).toFixed(2)} s`,
        `${(sync.syncTables.firstSyncMs / sync.targets).toFixed(0)} ms`,
        actions(sync.syncTables.firstActions),
      ],
      [
        `syncTables unchanged (${sync.syncTables.unchangedSyncMs.samples.length} rounds)`,
        `${spread(scale(sync.syncTables.unchangedSyncMs, 1 / 1000), 3)} s`,
        `${(sync.syncTables.unchangedSyncMs.median / sync.targets).toFixed(1)} ms`,
        actions(sync.syncTables.unchangedActions),
      ],
      [
        `planSyncTables unchanged (${sync.planSyncTables.unchangedMs.samples.length} rounds; schema check / migrate new)`,
        `${spread(scale(sync.planSyncTables.unchangedMs, 1 / 1000), 3)} s`,
        `${(sync.planSyncTables.unchangedMs.median / sync.targets).toFixed(1)} ms`,
        actions(sync.planSyncTables.unchangedActions),
      ],
      [
        `planSyncTables, schema cache emptied (${sync.planSyncTables.coldMs.samples.length} rounds; a one-shot schema check)`,
        `${spread(scale(sync.planSyncTables.coldMs, 1 / 1000), 3)} s`,
        `${(sync.planSyncTables.coldMs.median / sync.targets).toFixed(1)} ms`,
        '',
      ],
    ]),
  );
  out.push(...cqlengineLines(sync));
  return out;
}

// Cassia's sync figures beside cqlengine's loop over the same models and targets, in the same run.
function cqlengineLines(sync: SyncResults): string[] {
  const peer = sync.cqlengine;
  if ('skipped' in peer) return ['', `  cqlengine rows skipped: ${peer.skipped}`];
  const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
  const row = (label: string, cassia: number, cqlengine: number): string[] => [label, ms(cassia), ms(cqlengine), (cassia / cqlengine).toFixed(2)];
  return [
    '',
    `  beside cqlengine's sync_table loop (Python driver ${peer.driver}, timed inside Python; ${peer.tablesFound} tables found after its first sync), medians:`,
    ...table([
      ['work', 'Cassia', 'cqlengine', 'Cassia/cqlengine'],
      row('first sync (creates): syncTables', sync.syncTables.firstSyncMs, peer.firstSyncMs),
      row('first sync (creates): syncTable loop', sync.firstSyncMs, peer.firstSyncMs),
      row("first sync (creates): the same DDL by the raw driver, all at once (the server's floor)", sync.rawDdlFloorMs, peer.firstSyncMs),
      row('nothing to change: syncTables', sync.syncTables.unchangedSyncMs.median, peer.unchangedSyncMs.median),
      row('nothing to change: schema check / migrate new (planSyncTables)', sync.planSyncTables.unchangedMs.median, peer.unchangedSyncMs.median),
      row('nothing to change: planSyncTables reading system_schema afresh', sync.planSyncTables.coldMs.median, peer.unchangedSyncMs.median),
      row('  the same beside cqlengine reading it afresh too (refresh_schema_metadata + loop)', sync.planSyncTables.coldMs.median, peer.freshUnchangedSyncMs.median),
      row('nothing to change: syncTable loop', sync.unchangedSyncMs.median, peer.unchangedSyncMs.median),
    ]),
  ];
}

// The sync targets: one run's medians, without an interval (each sync is one wall time per round).
export function syncTargetLines(sync: SyncResults): string[] {
  const peer = sync.cqlengine;
  if ('skipped' in peer) return [`  - sync targets against cqlengine not checked: ${peer.skipped}`];
  const line = (label: string, ratio: number, target: number) => `  ${ratio <= target ? '✓' : '✗'} ${label}: ${ratio.toFixed(2)} of cqlengine's time (target ≤ ${target.toFixed(2)})`;
  const unchanged = peer.unchangedSyncMs.median;
  return [
    line('syncTables first sync (creates)', sync.syncTables.firstSyncMs / peer.firstSyncMs, SYNC_TARGETS.firstSync) +
      ` — the raw driver's floor for the same DDL is ${(sync.rawDdlFloorMs / peer.firstSyncMs).toFixed(2)} (syncTables/floor ${(sync.syncTables.firstSyncMs / sync.rawDdlFloorMs).toFixed(2)})`,
    line('syncTables, nothing to change', sync.syncTables.unchangedSyncMs.median / unchanged, SYNC_TARGETS.unchanged),
    line('schema check / migrate new planning, nothing to change', sync.planSyncTables.unchangedMs.median / unchanged, SYNC_TARGETS.unchanged),
  ];
}

function targetLine(label: string, check: TargetCheck, digits: number, unit: string): string {
  const figures = Object.entries(check.ratios).map(
    ([name, ratio]) => `${name} ${ratio.toFixed(digits)}${unit} (95% CI ${interval(check.intervals[name], digits)})`,
  );
  const verdict = check.clear ? 'clear in this run' : 'within this run\'s noise: an interval straddles the target';
  return `  ${check.met ? '✓' : '✗'} ${label}: ${figures.join(', ')} — ${verdict}`;
}

function interval([low, high]: readonly [number, number], digits: number): string {
  return `${low.toFixed(digits)}–${high.toFixed(digits)}`;
}

function memoryRow(label: string, run: MemoryRun): string[] {
  const first = run.samples[0];
  const middle = run.samples[Math.floor((run.samples.length - 1) / 2)];
  const last = run.samples[run.samples.length - 1];
  return [
    label,
    String(run.operations),
    mib(first.heapUsed),
    mib(middle.heapUsed),
    mib(last.heapUsed),
    signedMib(run.secondHalfGrowth.heapUsed),
    mib(last.rss),
    signedMib(run.secondHalfGrowth.rss),
  ];
}

function actions(counts: Readonly<Record<string, number | undefined>>): string {
  return Object.entries(counts).map(([action, n]) => `${n} ${action}`).join(', ');
}

function scale(summary: Summary, factor: number): Summary {
  return { ...summary, median: summary.median * factor, min: summary.min * factor, max: summary.max * factor };
}

function spread(summary: Summary, digits: number): string {
  return `${summary.median.toFixed(digits)} [${summary.min.toFixed(digits)}–${summary.max.toFixed(digits)}]`;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const signedMib = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 1024 / 1024).toFixed(2)} MiB`;

function table(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row, i) => {
    const line = `  ${row.map((cell, column) => (column < 2 && i > 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')}`;
    return i === 0 ? `${line}\n  ${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  });
}

// Cassia with @cassia/otel installed (API only, then with an SDK) beside Cassia without it.
function observabilityLines(number: string, observability: ObservabilityResults): string[] {
  const rows: string[][] = [['operation', 'variant', 'ops/s median [min–max]', 'client µs/op', 'ratio to off']];
  for (const operation of ['insert', 'select'] as const) {
    const ops = observability.opsPerSecond[operation];
    const cpu = observability.clientCpuMicrosPerOp[operation];
    const ratios = observability.ratios[operation];
    rows.push([operation, 'off (no middleware)', spread(ops.off, 0), spread(cpu.off, 1), '']);
    rows.push([operation, 'API only (no SDK)', spread(ops.apiOnly, 0), spread(cpu.apiOnly, 1), `${ratios.apiOnlyVsOff.median.toFixed(3)} (95% CI ${interval(ratios.apiOnlyVsOff.interval95, 3)})`]);
    rows.push([operation, 'SDK, every span batched', spread(ops.sdk, 0), spread(cpu.sdk, 1), `${ratios.sdkVsOff.median.toFixed(3)} (95% CI ${interval(ratios.sdkVsOff.interval95, 3)})`]);
  }
  return [`${number} @cassia/otel installed vs not, Cassia at concurrency ${observability.concurrency}, operations/s (client CPU µs/op)`, ...table(rows), ''];
}

function vectorLines(number: string, vector: VectorResults): string[] {
  const title = `${number} ANN top-10 over ${vector.rows} vectors of dimension ${vector.dimension} (SAI, cosine), concurrency ${vector.concurrency}, queries/s`;
  return [
    title.trimStart(),
    ...table([
      ['implementation', 'queries/s median [min–max]'],
      ['cassia', spread(vector.opsPerSecond.cassia, 0)],
      ['raw driver (same CQL, rows read into objects)', spread(vector.opsPerSecond.raw, 0)],
      ['raw driver minimum (rows left as the driver gives them)', spread(vector.opsPerSecond.rawMinimum, 0)],
      ['cassia / raw', `${vector.cassiaVsRaw.median.toFixed(3)} (95% CI ${interval(vector.cassiaVsRaw.interval95, 3)}, target ≥ 0.97)`],
      ['cassia / raw minimum', spread(vector.cassiaVsRawMinimum, 3)],
    ]),
    '',
  ];
}

function bulkLines(number: string, bulk: BulkResults, config: BenchConfig): string[] {
  const bc = config.bulk;
  const title = `${number} Bulk writes and whole-table reads on cluster1, rows/s (${bulk.writeRows} rows written, ${bulk.readRows} read, per implementation and round)`;
  return [
    title.trimStart(),
    ...table([
      ['what', 'implementation', 'rows/s', 'ratio'],
      ['write', `writeMany (c=${bc.concurrency})`, spread(bulk.write.writeMany, 0), ''],
      ['write', `driver executeConcurrent (c=${bc.concurrency})`, spread(bulk.write.executeConcurrent, 0), `writeMany/this ${spread(bulk.ratios.writeManyVsExecuteConcurrent, 3)} (target ≥ 0.97)`],
      ['write', `create() per row (c=${bc.concurrency})`, spread(bulk.write.create, 0), `writeMany/this ${spread(bulk.ratios.writeManyVsCreate, 2)}`],
      ['read', `Cassia for await (pages of ${bc.fetchSize})`, spread(bulk.read.cassia, 0), `Cassia/raw ${spread(bulk.ratios.cassiaVsRawRead, 3)} (target ≥ 0.9)`],
      ['read', `Cassia for await over pages() (pages of ${bc.fetchSize})`, spread(bulk.read.cassiaPages, 0), `Cassia pages()/raw ${spread(bulk.ratios.cassiaPagesVsRawRead, 3)}`],
      ['read', 'driver paged execute, every column read', spread(bulk.read.raw, 0), ''],
      ['read', 'driver paged execute, rows only counted', spread(bulk.read.rawMinimum, 0), `Cassia/this ${spread(bulk.ratios.cassiaVsRawMinimumRead, 3)}`],
      ['scan', `scan (concurrency ${bc.scanConcurrency})`, spread(bulk.scan.scan, 0), `scan/for await ${spread(bulk.ratios.scanVsForAwait, 2)} (target ≥ 2 on three nodes)`],
    ]),
    '',
  ];
}
