// The registry under change, without a server: calls on a name and on the default take effect in
// call order whatever their connect time, shutdown() cancels registrations in flight, connections
// leave drained, and concurrent unregister/shutdown calls resolve only when the close is done.
import { Client, type types } from 'cassandra-driver';
import {
  ConfigurationError,
  ConnectionExistsError,
  ConnectionRegistry,
  ConnectionSupersededError,
  NoDefaultConnectionError,
  RegistryShutDownError,
  UnknownConnectionError,
} from '@cassia/core';
import { REFUSED } from './helpers';

// Connects of registry-created clients wait until the test lets them finish, per contact point.
const gates = new Map<string, (() => void)[]>();
function finishConnects(contactPoint: string): void {
  for (const finish of gates.get(contactPoint)?.splice(0) ?? []) finish();
}
beforeEach(() => {
  gates.clear();
  jest.spyOn(Client.prototype, 'connect').mockImplementation(function (this: Client) {
    const point = (this as unknown as { options: { contactPoints: string[] } }).options.contactPoints[0];
    return new Promise<void>((resolve) => {
      const waiting = gates.get(point) ?? [];
      waiting.push(resolve);
      gates.set(point, waiting);
    }) as never;
  });
});
afterEach(() => jest.restoreAllMocks());

const SLOW = '127.0.0.1:2';
const FAST = '127.0.0.1:3';
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

// A caller's client (duck-typed as the registry checks) whose statements wait for `answerAll`.
function clientWithStatementsInFlight() {
  const inFlight: (() => void)[] = [];
  const client = {
    connect: async () => undefined,
    batch: async () => ({ rows: [] }),
    shutdown: jest.fn(async () => undefined),
    execute: () => new Promise<types.ResultSet>((resolve) => inFlight.push(() => resolve({ rows: [] } as never))),
  };
  return { client: client as unknown as Client, inFlight, answerAll: () => inFlight.splice(0).forEach((answer) => answer()) };
}

describe('calls on one name take effect in call order', () => {
  it('an earlier replace that connects slowly is superseded by a later one that connected first', async () => {
    const registry = new ConnectionRegistry();
    const original = registry.registerConnection('app', { contactPoints: [REFUSED], lazyConnect: true, default: true });
    await original;
    const shutdown = jest.spyOn(Client.prototype, 'shutdown');
    const slow = registry.registerConnection('app', { contactPoints: [SLOW], replace: true }).catch((e: unknown) => e);
    const fast = registry.registerConnection('app', { contactPoints: [FAST], replace: true });
    await tick();
    finishConnects(FAST);
    const winner = await fast;
    expect(registry.getConnection('app')).toBe(winner);
    finishConnects(SLOW);
    const error = (await slow) as ConnectionSupersededError;
    expect(error).toBeInstanceOf(ConnectionSupersededError);
    expect(error.code).toBe('ERR_CASSIA_CONNECTION_SUPERSEDED');
    expect(error.supersededBy).toBe('registration');
    expect(error.message).toContain("registerConnection('app', { replace: true })");
    // The later registration stays in effect, open; the slow one's client was shut down.
    expect(registry.getConnection('app')).toBe(winner);
    expect(registry.getConnection()).toBe(winner);
    expect(winner.state).toBe('open');
    expect(shutdown.mock.contexts).not.toContain(await winner.getClient());
    expect(shutdown).toHaveBeenCalledTimes(2); // the original (replaced) and the slow one
    await registry.shutdown();
  });

  it('registrations that finish in call order simply replace each other', async () => {
    const registry = new ConnectionRegistry();
    const first = registry.registerConnection('app', { contactPoints: [SLOW], replace: true });
    const second = registry.registerConnection('app', { contactPoints: [FAST], replace: true });
    await tick();
    finishConnects(SLOW);
    const firstConnection = await first;
    finishConnects(FAST);
    const secondConnection = await second;
    expect(firstConnection.closed).toBe(true);
    expect(registry.getConnection('app')).toBe(secondConnection);
    await registry.shutdown();
  });

  it('a late default: true never overrides a later setDefaultConnection', async () => {
    const registry = new ConnectionRegistry();
    const slow = registry.registerConnection('slow', { contactPoints: [SLOW], default: true });
    await registry.registerConnection('other', { contactPoints: [REFUSED], lazyConnect: true });
    registry.setDefaultConnection('other');
    finishConnects(SLOW);
    await slow;
    expect(registry.listConnections()).toEqual(['other', 'slow']);
    expect(registry.defaultConnectionName()).toBe('other');
    await registry.shutdown();
  });

  it('a late default: true never brings back a default that a later unregister cleared', async () => {
    const registry = new ConnectionRegistry();
    await registry.registerConnection('other', { contactPoints: [REFUSED], lazyConnect: true, default: true });
    const slow = registry.registerConnection('slow', { contactPoints: [SLOW], default: true });
    await registry.unregisterConnection('other');
    finishConnects(SLOW);
    await slow;
    expect(registry.defaultConnectionName()).toBeUndefined();
    await registry.shutdown();
  });

  it("a superseded default: true still makes the name the default, as call order would", async () => {
    const registry = new ConnectionRegistry();
    const slow = registry.registerConnection('app', { contactPoints: [SLOW], default: true }).catch((e: unknown) => e);
    const fast = registry.registerConnection('app', { contactPoints: [FAST], replace: true });
    finishConnects(FAST);
    const winner = await fast;
    expect(registry.defaultConnectionName()).toBeUndefined();
    finishConnects(SLOW);
    expect(await slow).toBeInstanceOf(ConnectionSupersededError);
    expect(registry.getConnection()).toBe(winner);
    await registry.shutdown();
  });

  it('a superseded default: true does not make a name the default once that name is unregistered', async () => {
    const registry = new ConnectionRegistry();
    const slow = registry.registerConnection('app', { contactPoints: [SLOW], default: true }).catch((e: unknown) => e);
    const fast = registry.registerConnection('app', { contactPoints: [FAST], replace: true });
    finishConnects(FAST);
    await fast;
    const unregistering = registry.unregisterConnection('app');
    finishConnects(SLOW);
    await unregistering;
    expect(await slow).toBeInstanceOf(ConnectionSupersededError);
    expect(registry.defaultConnectionName()).toBeUndefined();
    await registry.shutdown();
  });

  it('unregister cancels a registration in flight and resolves once its client is shut down', async () => {
    const registry = new ConnectionRegistry();
    const shutdown = jest.spyOn(Client.prototype, 'shutdown');
    const slow = registry.registerConnection('app', { contactPoints: [SLOW] }).catch((e: unknown) => e);
    let unregistered: boolean | undefined;
    const unregistering = registry.unregisterConnection('app').then((removed) => (unregistered = removed));
    await tick();
    expect(unregistered).toBeUndefined();
    // A new registration of the name is not refused because of the cancelled one.
    const again = registry.registerConnection('app', { contactPoints: [REFUSED], lazyConnect: true });
    await expect(again).resolves.toBeDefined();
    finishConnects(SLOW);
    await unregistering;
    expect(unregistered).toBe(true);
    expect(shutdown).toHaveBeenCalledTimes(1);
    const error = (await slow) as ConnectionSupersededError;
    expect(error).toBeInstanceOf(ConnectionSupersededError);
    expect(error.supersededBy).toBe('unregistration');
    expect(registry.getConnection('app')).toBe(await again);
    await registry.shutdown();
  });
});

describe('shutdown() with registrations in flight', () => {
  it('waits for them, shuts their clients down, and they reject with RegistryShutDownError', async () => {
    const registry = new ConnectionRegistry();
    await registry.registerConnection('kept', { contactPoints: [REFUSED], lazyConnect: true, default: true });
    const shutdown = jest.spyOn(Client.prototype, 'shutdown');
    const pending = registry.registerConnection('late', { contactPoints: [SLOW], default: true }).catch((e: unknown) => e);
    let done = false;
    const closing = registry.shutdown().then(() => (done = true));
    await tick();
    expect(done).toBe(false);
    finishConnects(SLOW);
    await closing;
    const error = (await pending) as RegistryShutDownError;
    expect(error).toBeInstanceOf(RegistryShutDownError);
    expect(error.code).toBe('ERR_CASSIA_REGISTRY_SHUT_DOWN');
    expect(error.connection).toBe('late');
    expect(registry.listConnections()).toEqual([]);
    expect(registry.defaultConnectionName()).toBeUndefined();
    expect(shutdown).toHaveBeenCalledTimes(2);
  });

  it('leaves the registry empty and usable; its errors say it was shut down until something is registered', async () => {
    const registry = new ConnectionRegistry();
    await registry.registerConnection('app', { contactPoints: [REFUSED], lazyConnect: true, default: true });
    await registry.shutdown();
    expect(() => registry.getConnection('app')).toThrow(UnknownConnectionError);
    expect(() => registry.getConnection('app')).toThrow(/registry was shut down/);
    expect(() => registry.getConnection()).toThrow(NoDefaultConnectionError);
    expect(() => registry.getConnection()).toThrow(/registry was shut down/);
    await registry.registerConnection('app', { contactPoints: [REFUSED], lazyConnect: true });
    expect(() => registry.getConnection()).not.toThrow(/shut down/);
    expect(() => registry.getConnection('nope')).not.toThrow(/shut down/);
    await registry.shutdown();
  });

  it('concurrent shutdowns both resolve only when statements have drained and the clients are closed', async () => {
    const registry = new ConnectionRegistry();
    const { client, answerAll } = clientWithStatementsInFlight();
    const connection = await registry.registerConnection('app', { client, default: true });
    const statement = registry.execute('SELECT 1');
    const resolved: string[] = [];
    const first = registry.shutdown().then(() => resolved.push(`first:${connection.state}`));
    const second = registry.shutdown().then(() => resolved.push(`second:${connection.state}`));
    await tick();
    expect(resolved).toEqual([]);
    expect(connection.state).toBe('draining');
    answerAll();
    await statement;
    await Promise.all([first, second]);
    expect(resolved.sort()).toEqual(['first:closed', 'second:closed']);
  });
});

describe('connections leave drained', () => {
  it('on replace, new statements go to the new connection at once; those in flight finish on the old one', async () => {
    const registry = new ConnectionRegistry();
    const old = clientWithStatementsInFlight();
    const oldConnection = await registry.registerConnection('app', { client: old.client, default: true });
    const inFlight = Array.from({ length: 64 }, () => registry.execute('INSERT ...'));
    const fresh = clientWithStatementsInFlight();
    let replaced = false;
    const replacing = registry.registerConnection('app', { client: fresh.client, replace: true }).then(() => (replaced = true));
    await tick();
    expect(registry.getConnection('app')).not.toBe(oldConnection);
    expect(oldConnection.state).toBe('draining');
    const after = registry.execute('INSERT ...');
    await tick();
    expect(fresh.inFlight).toHaveLength(1);
    expect(old.inFlight).toHaveLength(64);
    // The replace resolves once the old connection has drained.
    expect(replaced).toBe(false);
    old.answerAll();
    fresh.answerAll();
    await expect(Promise.all([...inFlight, after])).resolves.toHaveLength(65);
    await replacing;
    expect(oldConnection.closed).toBe(true);
    await registry.shutdown();
  });

  it('concurrent unregisters both resolve only when the close is done', async () => {
    const registry = new ConnectionRegistry();
    const { client, answerAll } = clientWithStatementsInFlight();
    const connection = await registry.registerConnection('app', { client });
    const statement = registry.execute('SELECT 1', [], { connection: 'app' });
    const results: string[] = [];
    const first = registry.unregisterConnection('app').then((removed) => results.push(`${removed}:${connection.state}`));
    const second = registry.unregisterConnection('app').then((removed) => results.push(`${removed}:${connection.state}`));
    await tick();
    expect(results).toEqual([]);
    answerAll();
    await Promise.all([statement, first, second]);
    expect(results.sort()).toEqual(['false:closed', 'true:closed']);
  });

  it('the drain timeout is a registry option and a connection option, checked before anything is sent', async () => {
    expect(() => new ConnectionRegistry({ drainTimeout: -1 })).toThrow(ConfigurationError);
    expect(() => new ConnectionRegistry({ drainTimeout: 1.5 })).toThrow(ConfigurationError);
    expect(() => new ConnectionRegistry({ drainTimeout: '5s' as never })).toThrow(/drainTimeout of the registry/);
    const registry = new ConnectionRegistry({ drainTimeout: 20 });
    await expect(
      registry.registerConnection('bad', { contactPoints: [REFUSED], lazyConnect: true, drainTimeout: Infinity }),
    ).rejects.toThrow(ConfigurationError);

    // The registry's 20 ms applies: a statement that never answers does not hold unregister up.
    const { client } = clientWithStatementsInFlight();
    await registry.registerConnection('app', { client });
    void registry.execute('SELECT 1', [], { connection: 'app' });
    const started = Date.now();
    await registry.unregisterConnection('app');
    expect(Date.now() - started).toBeLessThan(1_000);

    // A connection's own drainTimeout wins over the registry's.
    const slow = clientWithStatementsInFlight();
    await registry.registerConnection('own', { client: slow.client, drainTimeout: 200 });
    void registry.execute('SELECT 1', [], { connection: 'own' });
    const began = Date.now();
    await registry.unregisterConnection('own');
    expect(Date.now() - began).toBeGreaterThanOrEqual(190);
  });

  it('a duplicate without replace is still refused while the first is connecting', async () => {
    const registry = new ConnectionRegistry();
    const first = registry.registerConnection('app', { contactPoints: [SLOW] });
    await expect(registry.registerConnection('app', { contactPoints: [FAST] })).rejects.toThrow(ConnectionExistsError);
    finishConnects(SLOW);
    await first;
    await registry.shutdown();
  });
});
