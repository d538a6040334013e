// The run's SVG chart (bench/results/latest.svg beside latest.json): throughput by concurrency per
// implementation, one panel per operation, and the bulk rows/s as bars. Plain SVG text, no dependency.
import type { BenchResults } from './bench-results';
import type { Summary } from './stats';
import { PEER_LABELS, THROUGHPUT_PEERS } from './throughput-peer';
import { THROUGHPUT_OPERATIONS } from './throughput-scenario';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const PANEL = { width: 360, height: 220, left: 60, top: 40 };

/** The chart's file: the JSON file's name with `.svg`. */
export function chartFileOf(jsonFile: string): string {
  return jsonFile.endsWith('.json') ? `${jsonFile.slice(0, -'.json'.length)}.svg` : `${jsonFile}.svg`;
}

/** The chart of a run as SVG text. */
export function chartSvg(results: BenchResults): string {
  const parts: string[] = [];
  THROUGHPUT_OPERATIONS.forEach((operation, panel) => parts.push(throughputPanel(results, operation, 20 + panel * (PANEL.width + PANEL.left + 40))));
  const bulkTop = PANEL.top + PANEL.height + 70;
  const bars = bulkBars(results);
  parts.push(barPanel(bars, 20, bulkTop));
  const height = bulkTop + 30 + bars.length * 26 + 30;
  const width = 2 * (PANEL.width + PANEL.left + 40) + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="20" y="20" font-size="14" font-weight="bold">${escape(`Cassia bench ${results.meta.startedAt} (scale ${results.meta.config.scale})`)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

function throughputPanel(results: BenchResults, operation: (typeof THROUGHPUT_OPERATIONS)[number], x0: number): string {
  const byConcurrency = results.throughput.opsPerSecond[operation];
  const concurrencies = Object.keys(byConcurrency).map(Number).sort((a, b) => a - b);
  const values = concurrencies.flatMap((c) => THROUGHPUT_PEERS.map((peer) => byConcurrency[String(c)][peer]?.median ?? 0));
  const max = niceMax(Math.max(1, ...values));
  const left = x0 + PANEL.left;
  const top = PANEL.top + 20;
  const xOf = (i: number) => left + (concurrencies.length === 1 ? PANEL.width / 2 : (i * PANEL.width) / (concurrencies.length - 1));
  const yOf = (value: number) => top + PANEL.height - (value / max) * PANEL.height;
  const out = [`<text x="${left}" y="${top - 10}" font-weight="bold">${escape(`${operation}: ops/s by concurrency`)}</text>`];
  out.push(`<line x1="${left}" y1="${top + PANEL.height}" x2="${left + PANEL.width}" y2="${top + PANEL.height}" stroke="#999"/>`);
  out.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + PANEL.height}" stroke="#999"/>`);
  for (const fraction of [0, 0.5, 1]) out.push(`<text x="${left - 6}" y="${yOf(max * fraction) + 4}" text-anchor="end">${Math.round(max * fraction)}</text>`);
  concurrencies.forEach((c, i) => out.push(`<text x="${xOf(i)}" y="${top + PANEL.height + 16}" text-anchor="middle">c=${c}</text>`));
  THROUGHPUT_PEERS.forEach((peer, p) => {
    const points = concurrencies
      .map((c, i) => [xOf(i), byConcurrency[String(c)][peer]?.median] as const)
      .filter((point): point is readonly [number, number] => point[1] !== undefined)
      .map(([x, value]) => `${x.toFixed(1)},${yOf(value).toFixed(1)}`);
    if (points.length === 0) return;
    out.push(`<polyline fill="none" stroke="${COLORS[p]}" stroke-width="2" points="${points.join(' ')}"/>`);
    out.push(`<text x="${left + 8}" y="${top + 14 + p * 14}" fill="${COLORS[p]}">${escape(PEER_LABELS[peer])}</text>`);
  });
  return out.join('\n');
}

function bulkBars(results: BenchResults): { label: string; summary: Summary }[] {
  const { bulk } = results;
  return [
    { label: 'write: writeMany', summary: bulk.write.writeMany },
    { label: 'write: driver executeConcurrent', summary: bulk.write.executeConcurrent },
    { label: 'write: create() per row, c=64', summary: bulk.write.create },
    { label: 'read: Cassia for await', summary: bulk.read.cassia },
    { label: 'read: Cassia pages()', summary: bulk.read.cassiaPages },
    { label: 'read: driver paged execute', summary: bulk.read.raw },
    { label: 'read: scan by token ranges', summary: bulk.scan.scan },
  ];
}

function barPanel(bars: readonly { label: string; summary: Summary }[], x0: number, top: number): string {
  const labelWidth = 220;
  const width = 480;
  const max = niceMax(Math.max(1, ...bars.map((bar) => bar.summary.median)));
  const out = [`<text x="${x0}" y="${top}" font-weight="bold">bulk writes and whole-table reads: rows/s (median, whiskers min–max)</text>`];
  bars.forEach((bar, i) => {
    const y = top + 14 + i * 26;
    const scale = (value: number) => (value / max) * width;
    out.push(`<text x="${x0 + labelWidth - 8}" y="${y + 14}" text-anchor="end">${escape(bar.label)}</text>`);
    out.push(`<rect x="${x0 + labelWidth}" y="${y}" width="${scale(bar.summary.median).toFixed(1)}" height="18" fill="${COLORS[Math.floor(i / 2) % COLORS.length]}"/>`);
    out.push(
      `<line x1="${(x0 + labelWidth + scale(bar.summary.min)).toFixed(1)}" y1="${y + 9}" x2="${(x0 + labelWidth + scale(bar.summary.max)).toFixed(1)}" y2="${y + 9}" stroke="black"/>`,
    );
    out.push(`<text x="${(x0 + labelWidth + scale(bar.summary.max) + 6).toFixed(1)}" y="${y + 14}">${Math.round(bar.summary.median)}</text>`);
  });
  return out.join('\n');
}

// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
