// Runs the built `cassia` command as a child process in a work folder that has a configuration
// for cluster1 and cluster2 and resolves @cassia/* through the repository's node_modules.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'cassandra-driver';
import { testClusters } from '@cassia/testkit';

const ROOT = resolve(__dirname, '../../..');
/** The built executable (npm test builds before it runs the tests). */
export const CLI = join(ROOT, 'packages/migrate/dist/cli.js');

/** What a finished `cassia` process left. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A work folder with cassia.config.json (connections c1, c2 and an unreachable `dead`) and a migrations folder. */
export async function makeWorkFolder(prefix: string, keyspaces: readonly string[]): Promise<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await mkdir(join(dir, 'migrations'));
  const clusters = testClusters();
  const config = {
    connections: {
      c1: { contactPoints: [clusters.cluster1], localDataCenter: 'datacenter1' },
      c2: { contactPoints: [clusters.cluster2], localDataCenter: 'datacenter1' },
      // Nothing listens there: the connection fails as an unreachable cluster does.
      dead: { contactPoints: ['127.0.0.61:9042'], localDataCenter: 'datacenter1', clientOptions: { socketOptions: { connectTimeout: 1500 } } },
    },
    targets: { connections: ['c1', 'c2'], keyspaces: [...keyspaces] },
  };
  await writeFile(join(dir, 'cassia.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

/** Starts `cassia args…` in `cwd`. */
export function startCli(cwd: string, args: readonly string[]): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolveRun) => {
    child.on('close', (code, signal) => resolveRun({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs `cassia args…` in `cwd` to the end. */
export function runCli(cwd: string, args: readonly string[]): Promise<CliRun> {
  return startCli(cwd, args).done;
}

/** Raw driver clients of cluster1 and cluster2, independent of Cassia, to set up and check. */
export function rawClients(): { c1: Client; c2: Client } {
  const clusters = testClusters();
  const make = (contactPoint: string) =>
    new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1', encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true } });
  return { c1: make(clusters.cluster1), c2: make(clusters.cluster2) };
}

/** Drops and creates a SimpleStrategy keyspace. */
export async function freshKeyspace(client: Client, keyspace: string): Promise<void> {
  await client.execute(`DROP KEYSPACE IF EXISTS "${keyspace}"`);
  await client.execute(`CREATE KEYSPACE "${keyspace}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
}

/** Removes a work folder. */
export async function removeWorkFolder(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Waits until `check()` is true, polling. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
