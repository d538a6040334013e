// Passwords never appear in a message, an event, or a printed connection.
import { inspect } from 'node:util';
import { auth, Client } from 'cassandra-driver';
import { CassiaError, ConnectionRegistry, type CassiaEvent } from '@cassia/core';
import * as secretsModule from '../src/secrets';
import { redactSecrets } from '../src/secrets';
import { idleClient, REFUSED } from './helpers';

const PASSWORD = 'Sup3r-Secret-Pa55';

function everythingAbout(error: unknown): string {
  const parts = [inspect(error, { depth: 5 })];
  if (error instanceof Error) parts.push(error.message, String(error.stack));
  return parts.join('\n');
}

describe('secrets', () => {
  let registry: ConnectionRegistry;
  let events: CassiaEvent[];
  beforeEach(() => {
    registry = new ConnectionRegistry();
    events = [];
    registry.onEvent((event) => events.push(event));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await registry.shutdown();
  });

  it('a failed connect with credentials does not show the password', async () => {
    const error = await registry
      .registerConnection('c1', { contactPoints: [REFUSED], credentials: { username: 'app', password: PASSWORD } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CassiaError);
    expect(everythingAbout(error)).not.toContain(PASSWORD);
  });

  it('configuration errors name options, never their values', async () => {
    const attempts: Promise<unknown>[] = [
      registry.registerConnection('c1', { client: idleClient(), credentials: { username: 'app', password: PASSWORD } } as never),
      registry.registerConnection('c1', { contactPoints: [REFUSED], credentials: { username: 'app', password: PASSWORD }, oops: 1 } as never),
      registry.registerConnection('c1', {
        contactPoints: [REFUSED],
        credentials: { username: 'app', password: PASSWORD },
        clientOptions: { authProvider: new auth.PlainTextAuthProvider('app', PASSWORD) },
      }),
      registry.registerConnection('c1', { contactPoints: [REFUSED], clientOptions: { credentials: { username: 'app', password: PASSWORD } } } as never),
    ];
    for (const attempt of attempts) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CassiaError);
      expect(everythingAbout(error)).not.toContain(PASSWORD);
    }
  });

  it('statements, events and printed connections do not show the password', async () => {
    const connection = await registry.registerConnection('c1', {
      contactPoints: [REFUSED],
      credentials: { username: 'app', password: PASSWORD },
      lazyConnect: true,
      default: true,
    });
    const error = await registry.execute('SELECT * FROM system.local').catch((e: unknown) => e);
    expect(everythingAbout(error)).not.toContain(PASSWORD);
    expect(inspect(connection, { depth: 10 })).not.toContain(PASSWORD);
    expect(JSON.stringify(connection)).not.toContain(PASSWORD);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    expect(events.length).toBeGreaterThan(0);
  });

  it('driver text that echoes a password is scrubbed before it reaches a message', async () => {
    const connection = await registry.registerConnection('c1', {
      contactPoints: [REFUSED],
      credentials: { username: 'app', password: PASSWORD },
      lazyConnect: true,
    });
    jest.spyOn(Client.prototype, 'connect').mockImplementation(() => Promise.reject(new Error(`auth failed for ${PASSWORD}`)));
    const error = await connection.execute('SELECT 1').catch((e: unknown) => e);
    expect((error as Error).message).not.toContain(PASSWORD);
    expect((error as Error).message).toContain('auth failed for ***');
  });

  it('redactSecrets replaces every occurrence and ignores empty secrets', () => {
    expect(redactSecrets('a pw b pw', ['pw', ''])).toBe('a *** b ***');
    expect(redactSecrets('Sup3r-Secret-Pa55Sup3r-Secret-Pa55!', [PASSWORD])).toBe('******!');
  });

  it('a short password is redacted as a whole token only, so ordinary words stay intact', () => {
    expect(redactSecrets('all hosts tried failed (127.0.0.1: connection refused)', ['e'])).toBe('all hosts tried failed (127.0.0.1: connection refused)');
    expect(redactSecrets('bad password e for app', ['e'])).toBe('bad password *** for app');
    expect(redactSecrets("password 'abc' rejected; abcdef is not", ['abc'])).toBe("password '***' rejected; abcdef is not");
    expect(redactSecrets('pw=a.b*c', ['a.b*c'])).toBe('pw=***');
    expect(redactSecrets('x (a|b) y', ['(a|b)'])).toBe('x *** y');
  });

  it('a password of 8 characters or more is redacted even inside a longer word', () => {
    expect(redactSecrets('tokenhunter22xyz', ['hunter22'])).toBe('token***xyz');
  });

  it('a short password does not mangle a connect failure message', async () => {
    const error = await registry
      .registerConnection('c1', { contactPoints: [REFUSED], credentials: { username: 'app', password: 'e' } })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('all hosts tried failed');
    expect((error as Error).message).toContain('Check the contact points');
    expect((error as Error).message).not.toContain('***');
  });

  it('no string Cassia builds contains the password, even with redaction off', async () => {
    // Redaction is only the last line of defence: switched off, nothing may show the password.
    const redact = jest.spyOn(secretsModule, 'redactSecrets').mockImplementation((text) => text);
    const credentials = { username: 'app', password: PASSWORD };
    const failures: unknown[] = [
      await registry.registerConnection('c1', { contactPoints: [REFUSED], credentials }).catch((e: unknown) => e),
      await registry.registerConnection('c1', { contactPoints: [REFUSED], credentials, oops: 1 } as never).catch((e: unknown) => e),
      await registry.registerConnection('c1', { client: idleClient(), credentials } as never).catch((e: unknown) => e),
      await registry.registerConnection('c1', { contactPoints: [REFUSED], credentials, clientOptions: { profiles: 'x' as never } }).catch((e: unknown) => e),
    ];
    const connection = await registry.registerConnection('c2', { contactPoints: [REFUSED], credentials, lazyConnect: true });
    failures.push(await connection.execute('SELECT 1').catch((e: unknown) => e));
    expect(redact).toHaveBeenCalled();
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(CassiaError);
      expect(everythingAbout(failure)).not.toContain(PASSWORD);
    }
    expect(inspect(connection, { depth: 10 })).not.toContain(PASSWORD);
  });
});
