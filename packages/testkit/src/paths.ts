// Where testkit keeps jars (shared by every checkout, keyed by version) and node state.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Root of testkit's cache and state; `CASSIA_HOME` moves it. */
export function cassiaHome(): string {
  return process.env.CASSIA_HOME ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'cassia');
}

/** Folder holding the flat runtime classpath of one Cassandra version. */
export function libDir(version: string): string {
  return join(cassiaHome(), 'cassandra', version, 'lib');
}

/** Folder of one node: conf, data, logs and its pid file. */
export function nodeDir(cluster: string, node: string): string {
  return join(cassiaHome(), 'clusters', cluster, node);
}

/** Lock folder that lets only one process start or stop local clusters at a time. */
export function lockDir(): string {
  return join(cassiaHome(), 'clusters.lock');
}

/** The load lock's folder (see holdLoadLock). */
export function loadLockDir(): string {
  return join(cassiaHome(), 'load.lock');
}
