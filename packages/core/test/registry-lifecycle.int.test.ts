// The registry under change on the two real clusters: registrations that connect slowly (through
// a proxy on a loopback address of this test that answers late) take effect in call order,
// shutdown() cancels them and lets the process exit, replaced or unregistered connections
// drain their statements in flight, and a held connection serves its holder until released. Raw driver clients check on which cluster each row landed;
// sockets are counted from /proc/self/fd.
import { spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import type { Client } from 'cassandra-driver';
import {
  ConnectionRegistry,
  ConnectionSupersededError,
  RegistryShutDownError,
  WriteOutcomeUnknownError,
  type Connection,
} from '@cassia/core';
import { clusterContactPoints, createTestKeyspace, dropTestKeyspace, rawClient } from './clusters';
import { openSocketsTo, startLateProxy, type LateProxy } from './late-proxy';

const KEYSPACE = 'cassia_core_lifecycle_it';
const { cluster1, cluster2 } = clusterContactPoints();
const INSERT = `INSERT INTO "${KEYSPACE}"."rows" (id, origin, n) VALUES (?, ?, ?)`;
const SELECT = `SELECT id, origin FROM "${KEYSPACE}"."rows" WHERE id = ?`;

let raw1: Client;
let raw2: Client;
const proxies: LateProxy[] = [];
let registry: ConnectionRegistry;

async function originOn(client: Client, id: string): Promise<string | undefined> {
  const row = (await client.execute(SELECT, [id], { prepare: true })).first();
  return row === null ? undefined : (row.get('origin') as string);
}

// A proxy to cluster1 on an address of its own (each test has its own, so socket counts are its own).
async function lateProxy(host: string, delays: { acceptDelayMs?: number; responseDelayMs?: number }): Promise<LateProxy> {
  const proxy = await startLateProxy(host, cluster1, delays);
  proxies.push(proxy);
  return proxy;
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  raw1 = rawClient(cluster1);
  raw2 = rawClient(cluster2);
  await Promise.all([raw1.connect(), raw2.connect()]);
  await Promise.all([dropTestKeyspace(raw1, KEYSPACE), dropTestKeyspace(raw2, KEYSPACE)]);
  await Promise.all([createTestKeyspace(raw1, KEYSPACE), createTestKeyspace(raw2, KEYSPACE)]);
});

beforeEach(() => {
  registry = new ConnectionRegistry();
});

afterEach(async () => {
  await registry.shutdown();
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
});

afterAll(async () => {
  await Promise.all([dropTestKeyspace(raw1, KEYSPACE), dropTestKeyspace(raw2, KEYSPACE)]);
  await Promise.all([raw1.shutdown(), raw2.shutdown()]);
});

test('an earlier replace that connects slowly never overrides a later one: writes go to the later cluster', async () => {
  const proxy = await lateProxy('127.0.0.61', { acceptDelayMs: 1_500 });
  await registry.registerConnection('app', { contactPoints: [cluster1], keyspace: KEYSPACE, default: true });
  const slow = registry
    .registerConnection('app', { contactPoints: [proxy.contactPoint], keyspace: KEYSPACE, replace: true })
    .catch((error: unknown) => error);
  const fast = await registry.registerConnection('app', { contactPoints: [cluster2], keyspace: KEYSPACE, replace: true });
  const error = await slow;
  expect(error).toBeInstanceOf(ConnectionSupersededError);
  expect((error as ConnectionSupersededError).supersededBy).toBe('registration');
  expect(registry.getConnection('app')).toBe(fast);
  expect(fast.state).toBe('open');

  await registry.execute(INSERT, ['ordered-1', 'later', 1n]);
  await registry.execute(INSERT, ['ordered-2', 'later', 2n], { connection: 'app' });
  for (const id of ['ordered-1', 'ordered-2']) {
    expect(await originOn(raw2, id)).toBe('later');
    expect(await originOn(raw1, id)).toBeUndefined();
  }
  // The superseded registration's client is shut down: no socket to the proxy is left.
  await until(() => openSocketsTo(proxy.host) === 0, 5_000);
});

test('a late default: true never overrides a later setDefaultConnection', async () => {
  const proxy = await lateProxy('127.0.0.62', { acceptDelayMs: 1_000 });
  const slow = registry.registerConnection('slow', { contactPoints: [proxy.contactPoint], keyspace: KEYSPACE, default: true });
  await registry.registerConnection('fast', { contactPoints: [cluster2], keyspace: KEYSPACE });
  registry.setDefaultConnection('fast');
  await slow;
  expect(registry.defaultConnectionName()).toBe('fast');
  await registry.execute(INSERT, ['default-1', 'fast', 1n]);
  expect(await originOn(raw2, 'default-1')).toBe('fast');
  expect(await originOn(raw1, 'default-1')).toBeUndefined();
});

test('shutdown() waits for a registration still connecting: it is not registered and leaves no socket', async () => {
  const proxy = await lateProxy('127.0.0.63', { acceptDelayMs: 1_500 });
  const pending = registry.registerConnection('late', { contactPoints: [proxy.contactPoint], default: true }).catch((e: unknown) => e);
  await until(() => openSocketsTo(proxy.host) > 0);
  await registry.shutdown();
  expect(openSocketsTo(proxy.host)).toBe(0);
  expect(registry.listConnections()).toEqual([]);
  expect(registry.defaultConnectionName()).toBeUndefined();
  const error = await pending;
  expect(error).toBeInstanceOf(RegistryShutDownError);
  // The registry is usable again after shutdown.
  await registry.registerConnection('again', { contactPoints: [cluster2], keyspace: KEYSPACE, default: true });
  await registry.execute(INSERT, ['after-shutdown', 'again', 1n]);
  expect(await originOn(raw2, 'after-shutdown')).toBe('again');
});

test('a process that calls shutdown() with a registration in flight exits on its own', async () => {
  const proxy = await lateProxy('127.0.0.64', { acceptDelayMs: 1_500 });
  const root = resolvePath(__dirname, '../../..');
  const child = spawn(process.execPath, ['--import', 'tsx', resolvePath(__dirname, 'shutdown-child.ts'), proxy.contactPoint], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = Date.now();
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal });
    });
  });
  expect({ ...exit, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  expect(Date.now() - started).toBeLessThan(30_000);
  const result = JSON.parse(stdout) as { registration: string; connections: string[] };
  expect(result.registration).toBe('ERR_CASSIA_REGISTRY_SHUT_DOWN');
  expect(result.connections).toEqual([]);
});

test('64 statements in flight during a replace all succeed on the old cluster; new ones go to the new cluster at once', async () => {
  const proxy = await lateProxy('127.0.0.65', {});
  const old = await registry.registerConnection('app', { contactPoints: [proxy.contactPoint], keyspace: KEYSPACE, default: true });
  // Prepared once, so the statements below are each one round trip, held by the proxy.
  await registry.execute(INSERT, ['warm-up', 'old', 0n]);
  proxy.delays.responseDelayMs = 2_500;
  const inFlight = Array.from({ length: 64 }, (_, i) => registry.execute(INSERT, [`drain-old-${i}`, 'old', BigInt(i)]));
  let replaced = false;
  const replacing = registry
    .registerConnection('app', { contactPoints: [cluster2], keyspace: KEYSPACE, replace: true, drainTimeout: 20_000 })
    .then((connection) => ((replaced = true), connection));
  await until(() => registry.getConnection('app') !== old);
  expect(old.state).toBe('draining');
  const after = Array.from({ length: 64 }, (_, i) => registry.execute(INSERT, [`drain-new-${i}`, 'new', BigInt(i)]));
  await Promise.all(after);
  // The new statements finished while the old connection still drains.
  expect(replaced).toBe(false);
  const outcomes = await Promise.allSettled(inFlight);
  expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
  const fresh: Connection = await replacing;
  expect(old.closed).toBe(true);
  expect(registry.getConnection('app')).toBe(fresh);
  expect(openSocketsTo(proxy.host)).toBe(0);
  for (let i = 0; i < 64; i += 1) {
    expect(await originOn(raw1, `drain-old-${i}`)).toBe('old');
    expect(await originOn(raw2, `drain-old-${i}`)).toBeUndefined();
    expect(await originOn(raw2, `drain-new-${i}`)).toBe('new');
    expect(await originOn(raw1, `drain-new-${i}`)).toBeUndefined();
  }
});

test('unregister drains; statements the drain timeout cuts off fail with WriteOutcomeUnknownError; both concurrent unregisters wait', async () => {
  const proxy = await lateProxy('127.0.0.66', {});
  const connection = await registry.registerConnection('cut', { contactPoints: [proxy.contactPoint], keyspace: KEYSPACE, drainTimeout: 300 });
  await registry.execute(INSERT, ['cut-warm-up', 'cut', 0n], { connection: 'cut' });
  proxy.delays.responseDelayMs = 5_000;
  const statements = Array.from({ length: 8 }, (_, i) =>
    registry.execute(INSERT, [`cut-${i}`, 'cut', BigInt(i)], { connection: 'cut' }).catch((error: unknown) => error),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = Date.now();
  const done: string[] = [];
  const first = registry.unregisterConnection('cut').then((removed) => done.push(`${removed}:${connection.state}`));
  const second = registry.unregisterConnection('cut').then((removed) => done.push(`${removed}:${connection.state}`));
  await Promise.all([first, second]);
  const tookMs = Date.now() - started;
  expect(done.sort()).toEqual(['false:closed', 'true:closed']);
  expect(tookMs).toBeGreaterThanOrEqual(290);
  expect(tookMs).toBeLessThan(4_000);
  expect(openSocketsTo(proxy.host)).toBe(0);
  for (const error of await Promise.all(statements)) {
    expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
    expect((error as WriteOutcomeUnknownError).message).toContain('may or may not have been applied');
  }
  // Unknown, not failed: the proxy had passed the writes on, so cluster1 applied them.
  for (let i = 0; i < 8; i += 1) expect(await originOn(raw1, `cut-${i}`)).toBe('cut');
});

test('a held connection keeps serving its holder after a replace, on the old cluster, until released', async () => {
  const old = await registry.registerConnection('app', { contactPoints: [cluster1], keyspace: KEYSPACE, default: true });
  const hold = old.hold();
  let replaced = false;
  const replacing = registry
    .registerConnection('app', { contactPoints: [cluster2], keyspace: KEYSPACE, replace: true, drainTimeout: 20_000 })
    .then(() => (replaced = true));
  await until(() => registry.getConnection('app') !== old);
  // The holder (think: the next page of a read that started on `old`) still reaches cluster1.
  await old.execute(INSERT, ['held-1', 'held', 1n]);
  await registry.execute(INSERT, ['held-2', 'current', 2n]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(replaced).toBe(false);
  expect(old.state).toBe('draining');
  hold.release();
  await replacing;
  expect(old.closed).toBe(true);
  expect(await originOn(raw1, 'held-1')).toBe('held');
  expect(await originOn(raw2, 'held-1')).toBeUndefined();
  expect(await originOn(raw2, 'held-2')).toBe('current');
  expect(await originOn(raw1, 'held-2')).toBeUndefined();
});
