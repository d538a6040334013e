// Hostile input and failing statements against a real cluster (issues 23 and 25): bound values
// never reach a message, echoed input is bounded, and a table dropped under a writer is an
// ExecutionError (every host answered), not a ConnectionError (an outage).
import { inspect } from 'node:util';
import { errors as driverErrors, type Client } from 'cassandra-driver';
import { CassiaError, ConnectionError, ConnectionRegistry, ExecutionError, UnknownConnectionError } from '@cassia/core';
import { clusterContactPoints, createTestKeyspace, dropTestKeyspace, rawClient } from './clusters';

const KEYSPACE = 'cassia_core_it_hardening';
const { cluster1 } = clusterContactPoints();
const SECRET = '078-05-1120';

let raw: Client;
let registry: ConnectionRegistry;

function everythingAbout(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return [inspect(error, { depth: 6 }), (error as Error).message, (error as Error).stack, cause instanceof Error ? `${cause.message}\n${cause.stack}` : ''].join('\n');
}

beforeAll(async () => {
  raw = rawClient(cluster1);
  await raw.connect();
  await dropTestKeyspace(raw, KEYSPACE);
  await createTestKeyspace(raw, KEYSPACE);
  registry = new ConnectionRegistry();
  await registry.registerConnection('cluster1', { contactPoints: [cluster1], keyspace: KEYSPACE, default: true });
});

afterAll(async () => {
  await registry.shutdown();
  await dropTestKeyspace(raw, KEYSPACE);
  await raw.shutdown();
});

describe('bound values never appear in messages', () => {
  const INSERT = `INSERT INTO "${KEYSPACE}"."rows" (id, origin, n) VALUES (?, ?, ?)`;

  it.each<[string, unknown[]]>([
    ['an object for a bigint', ['v1', 'o', { ssn: SECRET }]],
    ['a string for a bigint', ['v2', 'o', `ssn ${SECRET}`]],
    ['a number for a text', ['v3', 8_078_051_120, 1n]],
    ['an array for a text', ['v4', [SECRET], 1n]],
  ])('raw execute() with %s: ExecutionError without the value, nothing written', async (_, params) => {
    const error = await registry.execute(INSERT, params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionError);
    expect((error as Error).message).toContain('the value is withheld');
    expect(everythingAbout(error)).not.toContain(SECRET);
    expect(everythingAbout(error)).not.toContain('8078051120');
    const stored = await raw.execute(`SELECT id FROM "${KEYSPACE}"."rows" WHERE id = ?`, [params[0]], { prepare: true });
    expect(stored.rowLength).toBe(0);
  });

  it('a server error about a statement shows the CQL, never the values', async () => {
    const error = await registry.execute(`SELECT id FROM "${KEYSPACE}"."rows" WHERE id = ? AND nope = ?`, [SECRET, SECRET]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionError);
    expect((error as Error).message).toContain('nope');
    expect(everythingAbout(error)).not.toContain(SECRET);
  });
});

describe('input echoed in messages is bounded and escaped', () => {
  it('an unknown connection name from a request', async () => {
    const name = `tenant\n2024-01-01 INFO forged \u001b[31m${'x'.repeat(1 << 20)}`;
    const error = await registry.execute('SELECT now() FROM system.local', [], { connection: name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownConnectionError);
    expect((error as Error).message.length).toBeLessThan(1000);
    expect((error as Error).message).not.toMatch(/[\n\u001b]/);
  });

  it('a keyspace the server does not know, named in the server message', async () => {
    const error = await registry.execute('SELECT id FROM "no_such_ks_hardening"."rows"').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionError);
    expect((error as Error).message.length).toBeLessThan(2000);
    expect((error as Error).message).not.toMatch(/[\n\u001b]/);
  });
});

describe('a table dropped while a writer writes to it', () => {
  it('is an ExecutionError on every later write, never a ConnectionError', async () => {
    await raw.execute(`CREATE TABLE IF NOT EXISTS "${KEYSPACE}"."doomed" (id int PRIMARY KEY, v text)`);
    const insert = `INSERT INTO "${KEYSPACE}"."doomed" (id, v) VALUES (?, ?)`;
    // The statement is prepared and cached by the driver before the drop, as in a running service.
    for (let i = 0; i < 20; i += 1) await registry.execute(insert, [i, 'before']);
    const failures: unknown[] = [];
    let dropped = false;
    const writer = (async () => {
      for (let i = 20; i < 400; i += 1) {
        try {
          await registry.execute(insert, [i, 'during']);
        } catch (error) {
          failures.push(error);
          if (dropped && failures.length >= 10) return;
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await raw.execute(`DROP TABLE "${KEYSPACE}"."doomed"`);
    dropped = true;
    await writer;
    for (let i = 0; i < 5; i += 1) failures.push(await registry.execute(insert, [1000 + i, 'after']).catch((e: unknown) => e));

    expect(failures.length).toBeGreaterThanOrEqual(5);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(CassiaError);
      expect(failure).not.toBeInstanceOf(ConnectionError);
      expect(failure).toBeInstanceOf(ExecutionError);
    }
    // The driver reports a statement whose cached preparation vanished as "no host" (every host
    // answered "unprepared", and preparing again failed): that is the case mapped here.
    const noHost = failures.filter((failure) => (failure as ExecutionError).cause instanceof driverErrors.NoHostAvailableError);
    expect(noHost.length).toBeGreaterThan(0);
    expect((noHost[0] as ExecutionError).message).toContain('refused the statement');
    expect((noHost[0] as ExecutionError).serverCode).toBeDefined();
  });
});
