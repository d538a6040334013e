// The sync scenario's Python peer: cqlengine's sync_table loop (bench/python/cqlengine_sync.py), run
// by the Python that has the DataStax driver. When it is missing, bench/scripts/install-python-peer.sh
// installs it (Debian's python3-cassandra) or says how; without it the scenario reports why it skipped.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BENCH_DIR = resolve(__dirname, '..');
const PEER_SCRIPT = resolve(BENCH_DIR, 'python/cqlengine_sync.py');
const INSTALL_SCRIPT = resolve(BENCH_DIR, 'scripts/install-python-peer.sh');

/** What the Python peer measured, each sync timed inside Python. */
export interface CqlengineResults {
  readonly driver: string;
  readonly python: string;
  readonly tables: number;
  /** Tables the driver's metadata holds in the keyspaces afterwards (all created). */
  readonly tablesFound: number;
  readonly firstSyncMs: number;
  readonly unchangedSyncMs: readonly number[];
  /** The unchanged loop after refresh_schema_metadata on every connection (timed with it): what a new process reads. */
  readonly freshUnchangedSyncMs: readonly number[];
}

/** The peer's results, or why it did not run. */
export type CqlenginePeerOutcome = { readonly ran: true; readonly results: CqlengineResults } | { readonly ran: false; readonly skipped: string };

/** The Python the peer runs on: CASSIA_BENCH_PYTHON, else the system one Debian's package installs into. */
export function peerPython(env: NodeJS.ProcessEnv = process.env): string {
  return env.CASSIA_BENCH_PYTHON ?? '/usr/bin/python3';
}

/** Whether cqlengine is importable, after running the install script once if it is not. */
export async function ensureCqlenginePeer(progress: (line: string) => void): Promise<{ ready: true } | { ready: false; reason: string }> {
  const python = peerPython();
  if (await importable(python)) return { ready: true };
  progress(`sync: cqlengine is not importable by ${python}; running ${INSTALL_SCRIPT}`);
  let output = '';
  try {
    const installed = await run('sh', [INSTALL_SCRIPT], { env: { ...process.env, CASSIA_BENCH_PYTHON: python }, maxBuffer: 16 * 1024 * 1024 });
    output = installed.stderr;
  } catch (error) {
    output = (error as { stderr?: string }).stderr ?? String(error);
  }
  if (await importable(python)) return { ready: true };
  const help = output.trim().split('\n').slice(-4).join(' ');
  return { ready: false, reason: `cqlengine is not installed for ${python} (${help})` };
}

/** Runs the cqlengine loop over `connections` (name → host:port) × `keyspaces`, which must exist and be empty. */
export async function runCqlenginePeer(
  connections: Readonly<Record<string, string>>,
  keyspaces: readonly string[],
  models: number,
  rounds: number,
  progress: (line: string) => void,
): Promise<CqlenginePeerOutcome> {
  const ready = await ensureCqlenginePeer(progress);
  if (!ready.ready) return { ran: false, skipped: ready.reason };
  const args = [
    PEER_SCRIPT,
    ...Object.entries(connections).flatMap(([name, address]) => ['--connection', `${name}=${address}`]),
    ...keyspaces.flatMap((keyspace) => ['--keyspace', keyspace]),
    '--models', String(models),
    '--rounds', String(rounds),
  ];
  const { stdout, stderr } = await run(peerPython(), args, { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
  for (const line of stderr.split('\n')) if (line.startsWith('cqlengine:')) progress(`sync: ${line}`);
  const results = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as CqlengineResults;
  return { ran: true, results };
}

async function importable(python: string): Promise<boolean> {
  try {
    await run(python, ['-c', 'import cassandra.cqlengine.management']);
    return true;
  } catch {
    return false;
  }
}
