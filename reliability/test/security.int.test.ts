// Security: the dedicated `secure` node (127.0.0.6, PasswordAuthenticator). Right credentials
// work through registerConnection({ credentials }); wrong ones give a typed ConnectionError;
// and neither the wrong nor the right password appears in any error message, String(error),
// JSON of the error, inspected error (cause chain included), event, console line or toCQL().
import { inspect } from 'node:util';
import * as core from '@cassia/core';
import { CassiaError, ConnectionError, type CassiaEvent } from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { clusterSpec, holdLoadLock, stderrProgress } from '@cassia/testkit';
import { auth } from 'cassandra-driver';
import { dedicatedCluster, rawClient, report, thrownBy, type DedicatedCluster } from './support';

const spec = clusterSpec('secure');
const contactPoint = `${spec.nodes[0].address}:${spec.nativePort}`;
const KEYSPACE = 'cassia_rel_secure';
// Distinctive passwords, so finding one anywhere can only be a leak.
const ROLE = 'cassia_rel_user';
const RIGHT = 'Rel-Right-Pw-7c1e9a';
const WRONG = 'Rel-Wrong-Pw-42d0b3';
let secure: DedicatedCluster;

const Secret = defineModel({
  table: 'secret',
  keyspace: KEYSPACE,
  connection: 'secure',
  columns: { id: t.text(), body: t.text() },
  partitionKey: ['id'],
});

const events: CassiaEvent[] = [];
const consoleLines: string[] = [];
let restore: (() => void)[] = [];
let figures: Record<string, string | number> = {};

// Starting and stopping a JVM loads the machine: never beside another file that holds the load lock.
let releaseLoadLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLoadLock = await holdLoadLock(stderrProgress);
}, 1_800_000);

beforeAll(async () => {
  secure = await dedicatedCluster('secure');
  // The role is made with a raw client as the default superuser, so its password never passes
  // through Cassia (a CREATE ROLE through Cassia would put it in the CQL text, by the caller's choice).
  const admin = rawClient([contactPoint], { authProvider: new auth.PlainTextAuthProvider('cassandra', 'cassandra') });
  await admin.execute(`CREATE ROLE IF NOT EXISTS ${ROLE} WITH PASSWORD = '${RIGHT}' AND LOGIN = true AND SUPERUSER = true`);
  await admin.shutdown();
  restore.push(core.onEvent((event) => events.push(event)));
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '));
    });
    restore.push(() => spy.mockRestore());
  }
}, 300_000);

afterAll(async () => {
  for (const undo of restore) undo();
  restore = [];
  // Printed only now: console is captured (and scanned) while the tests run.
  report('security', figures);
  if (core.listConnections().includes('secure')) {
    await dropKeyspace(KEYSPACE, { connections: ['secure'] }).catch(() => undefined);
  }
  await core.shutdown();
  await secure?.release();
}, 300_000);

/** Every text a leak could hide in: message, String, JSON, full inspection with causes. */
function renderings(error: unknown): string[] {
  return [
    (error as Error).message,
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: Infinity, showHidden: true }),
    (error as Error).stack ?? '',
  ];
}

function expectNoSecret(texts: readonly string[], secrets: readonly string[]): void {
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

test('right credentials work; the default superuser too', async () => {
  await core.registerConnection('secure', { contactPoints: [contactPoint], credentials: { username: ROLE, password: RIGHT } });
  await createSimpleKeyspace(KEYSPACE, { replicationFactor: 1, connections: ['secure'] });
  await syncTable(Secret);
  await query(Secret).create({ id: 'a', body: 'hello' });
  expect(await query(Secret).where({ id: 'a' }).get()).toEqual({ id: 'a', body: 'hello' });

  await core.registerConnection('superuser', { contactPoints: [contactPoint], credentials: { username: 'cassandra', password: 'cassandra' } });
  const rows = await core.execute('SELECT release_version FROM system.local', [], { connection: 'superuser' });
  expect(String(rows.first().get('release_version'))).toMatch(/^5\./);
  await core.unregisterConnection('superuser');
});

test('wrong credentials: typed ConnectionError, nothing registered, no password anywhere', async () => {
  const began = Date.now();
  const error = await thrownBy(() =>
    core.registerConnection('intruder', { contactPoints: [contactPoint], credentials: { username: ROLE, password: WRONG } }),
  );
  const failMs = Date.now() - began;
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error).toBeInstanceOf(CassiaError);
  expect((error as ConnectionError).code).toBe('ERR_CASSIA_CONNECTION');
  expect((error as ConnectionError).connection).toBe('intruder');
  expect((error as Error).message).toMatch(/Authentication|credentials|password/i);
  expect(core.listConnections()).not.toContain('intruder');
  expectNoSecret(renderings(error), [WRONG, RIGHT]);

  // retryConnect: registered, and the first use fails the same way (twice: it retries).
  await core.registerConnection('intruder', {
    contactPoints: [contactPoint],
    credentials: { username: ROLE, password: WRONG },
    retryConnect: true,
  });
  const Intruded = defineModel({ table: 'secret', keyspace: KEYSPACE, connection: 'intruder', columns: { id: t.text(), body: t.text() }, partitionKey: ['id'] });
  for (let i = 0; i < 2; i++) {
    const useError = await thrownBy(() => query(Intruded).where({ id: 'a' }).get());
    expect(useError).toBeInstanceOf(ConnectionError);
    expectNoSecret(renderings(useError), [WRONG, RIGHT]);
  }
  // Wrong username for a change, and a wrong password for the superuser.
  for (const credentials of [
    { username: 'nobody_here', password: WRONG },
    { username: 'cassandra', password: WRONG },
  ]) {
    const other = await thrownBy(() => core.registerConnection('intruder2', { contactPoints: [contactPoint], credentials }));
    expect(other).toBeInstanceOf(ConnectionError);
    expectNoSecret(renderings(other), [WRONG, RIGHT]);
  }

  // The registered connection, as logged or serialised, shows no credentials either.
  expectNoSecret([inspect(core.getConnection('secure'), { depth: 5 }), JSON.stringify(core.getConnection('secure'))], [RIGHT]);
  // toCQL() of statements on the authenticated connection.
  const compiled = [query(Secret).where({ id: 'a' }).toCQL(), query(Secret).createStatement({ id: 'b', body: 'x' }).toCQL()];
  expectNoSecret(compiled.map((c) => JSON.stringify(c)), [WRONG, RIGHT]);
  // Every event of the whole file, and every console line.
  expect(events.length).toBeGreaterThan(0);
  expectNoSecret([JSON.stringify(events), ...consoleLines], [WRONG, RIGHT]);

  figures = {
    wrongCredentialAttempts: 5,
    typedAuthErrors: 5,
    eventsScanned: events.length,
    consoleLinesScanned: consoleLines.length,
    authFailMs: failMs,
    authError: JSON.stringify((error as Error).message.slice(0, 160)),
  };
});

// Declared last: it runs after this file's own cleanup.
afterAll(() => releaseLoadLock?.());
