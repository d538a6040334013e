// `npm run bench -- --fleet [--fleet-keyspaces=N] [--fleet-wide-keyspaces=M] [--fleet-rounds=R] [--fleet-keep]`: the
// tenant-fleet scenario on its own, on testkit's `fleet` node (fleet-target.ts; CASSIA_FLEET_CONTACT
// points elsewhere). Creating its keyspaces takes many minutes the first time, so the main run
// leaves it out; its keyspaces (fleet_bench_*) stay for the next run, which creates only what is
// missing. Prints the report and writes bench/results/fleet.json. `--fleet-drop` drops them instead.
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { formatFleetReport } from './fleet-report';
import { dropKeptFleetKeyspaces, fleetConfig, runFleet } from './fleet-scenario';
import { fleetTarget, openFleetNode } from './fleet-target';
import { stderrProgress } from './progress';

/** What the fleet command line asks for. */
export interface FleetCommand {
  readonly keyspaces: number;
  readonly wideKeyspaces: number;
  /** Measured rounds per layout (each: every operation and spread, slices in balanced order). */
  readonly rounds: number;
  readonly drop: boolean;
  /** Leave a fleet node this run started running afterwards. */
  readonly keep: boolean;
}

/**
 * Reads the fleet flags: `--fleet-keyspaces=N` (the 1-table layout's size, default 1,000, the
 * issue's), `--fleet-wide-keyspaces=M` (the 20-table layout's, default N / 10), `--fleet-rounds=R`
 * (default 4; more narrows the intervals on a noisy node), `--fleet-keep`, `--fleet-drop`.
 */
export function fleetCommand(argv: readonly string[]): FleetCommand {
  let keyspaces = 1_000;
  let wideKeyspaces: number | undefined;
  let rounds = 4;
  let drop = false;
  let keep = false;
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    if (flag === '--fleet-keyspaces') keyspaces = Number(value);
    else if (flag === '--fleet-wide-keyspaces') wideKeyspaces = Number(value);
    else if (flag === '--fleet-rounds') rounds = Number(value);
    else if (flag === '--fleet-drop') drop = true;
    else if (flag === '--fleet-keep') keep = true;
    else if (flag !== '--fleet') throw new Error(`unknown flag ${arg} with --fleet; try --fleet-keyspaces=N, --fleet-wide-keyspaces=M, --fleet-rounds=R, --fleet-keep or --fleet-drop`);
  }
  if (!Number.isInteger(keyspaces) || keyspaces < 1) throw new Error(`--fleet-keyspaces needs a positive integer, got ${keyspaces}`);
  wideKeyspaces ??= Math.max(1, Math.round(keyspaces / 10));
  if (!Number.isInteger(wideKeyspaces) || wideKeyspaces < 1) throw new Error(`--fleet-wide-keyspaces needs a positive integer, got ${wideKeyspaces}`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--fleet-rounds needs a positive integer, got ${rounds}`);
  return { keyspaces, wideKeyspaces, rounds, drop, keep };
}

/**
 * Runs the fleet scenario (or `--fleet-drop`) on the fleet node. That node has a heap of its own
 * (4 GiB): a Cassandra 5.0 node keeps every keyspace and table in its heap (about 0.19 MiB per
 * keyspace and 0.38 MiB per table before any data), and the 1,000 keyspaces and 100 × 20
 * tables ran testkit's 768 MiB cluster1 out of memory.
 */
export async function fleetMain(argv: readonly string[]): Promise<void> {
  const command = fleetCommand(argv);
  const node = await openFleetNode(fleetTarget(process.env), { keep: command.keep }, stderrProgress);
  try {
    if (command.drop) {
      const dropped = await dropKeptFleetKeyspaces(node.contactPoint, fleetConfig(node.contactPoint).keyspacePrefix, stderrProgress);
      process.stdout.write(`Dropped ${dropped} fleet keyspaces\n`);
      return;
    }
    const config = fleetConfig(node.contactPoint, {
      rounds: command.rounds,
      layouts: [{ keyspaces: command.keyspaces, tables: 1 }, { keyspaces: command.wideKeyspaces, tables: 20 }],
    });
    // The machine's load around the run: the ratios mean little on a busy machine.
    const loadBefore = loadavg();
    const results = await runFleet(config, stderrProgress);
    const loadAverage = { before: loadBefore, after: loadavg() };
    const file = 'bench/results/fleet.json';
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), loadAverage, config, results }, null, 2)}\n`);
    process.stdout.write(`\n${formatFleetReport(results)}\n\nResults: ${file}\n`);
  } finally {
    await node.release();
  }
}
