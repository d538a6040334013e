// The registry's rules: registration, default switching, unregistering, shutdown, resolution, events.
import { Client } from 'cassandra-driver';
import {
  ConfigurationError,
  ConnectionError,
  ConnectionExistsError,
  ConnectionRegistry,
  InvalidIdentifierError,
  NoDefaultConnectionError,
  UndefinedKeyspaceError,
  UnknownConnectionError,
  type CassiaEvent,
} from '@cassia/core';
import { idleClient, lazyOptions, REFUSED } from './helpers';

let registry: ConnectionRegistry;
beforeEach(() => {
  registry = new ConnectionRegistry();
});
afterEach(async () => {
  await registry.shutdown();
  jest.restoreAllMocks();
});

describe('registerConnection', () => {
  it('registers a lazy connection without connecting', async () => {
    const connect = jest.spyOn(Client.prototype, 'connect');
    const connection = await registry.registerConnection('c1', lazyOptions({ keyspace: 'ks1', consistency: 'quorum' }));
    expect(connect).not.toHaveBeenCalled();
    expect(connection.name).toBe('c1');
    expect(connection.keyspace).toBe('ks1');
    expect(connection.ownsClient).toBe(true);
    expect(registry.listConnections()).toEqual(['c1']);
    expect(registry.getConnection('c1')).toBe(connection);
    // cqlengine: registering does not make a connection the default.
    expect(registry.defaultConnectionName()).toBeUndefined();
  });

  it('connects now unless lazy; a failure rejects with ConnectionError and registers nothing', async () => {
    const shutdown = jest.spyOn(Client.prototype, 'shutdown');
    const error = await registry.registerConnection('c1', { contactPoints: [REFUSED] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).connection).toBe('c1');
    expect(registry.listConnections()).toEqual([]);
    // The half-made client is cleaned up, not leaked.
    expect(shutdown).toHaveBeenCalled();
  });

  it('with retryConnect, a failed connect still registers and retries at first use', async () => {
    const connect = jest.spyOn(Client.prototype, 'connect');
    const connection = await registry.registerConnection('c1', { contactPoints: [REFUSED], retryConnect: true, default: true });
    expect(registry.listConnections()).toEqual(['c1']);
    expect(connect).toHaveBeenCalledTimes(1);
    await expect(registry.execute('SELECT now() FROM system.local')).rejects.toThrow(ConnectionError);
    expect(connect).toHaveBeenCalledTimes(2);
    await expect(connection.getClient()).rejects.toThrow(ConnectionError);
    expect(connect).toHaveBeenCalledTimes(3);
  });

  it('registers an existing client without connecting it, and marks it caller-owned', async () => {
    const client = idleClient();
    const connect = jest.spyOn(client, 'connect');
    const connection = await registry.registerConnection('c3', { client, keyspace: 'ks3' });
    expect(connect).not.toHaveBeenCalled();
    expect(connection.ownsClient).toBe(false);
    expect(connection.keyspace).toBe('ks3');
  });

  it('rejects client with registry-only options as ConfigurationError and registers nothing', async () => {
    await expect(
      registry.registerConnection('c3', { client: idleClient(), lazyConnect: true } as never),
    ).rejects.toThrow(ConfigurationError);
    expect(registry.listConnections()).toEqual([]);
  });

  it('rejects an empty name and invalid keyspace', async () => {
    await expect(registry.registerConnection('', lazyOptions())).rejects.toThrow(ConfigurationError);
    await expect(registry.registerConnection('c1', lazyOptions({ keyspace: 'no-dash' }))).rejects.toThrow(InvalidIdentifierError);
  });

  it('rejects a duplicate name with ConnectionExistsError and keeps the first', async () => {
    const first = await registry.registerConnection('c1', lazyOptions());
    await expect(registry.registerConnection('c1', lazyOptions())).rejects.toThrow(ConnectionExistsError);
    expect(registry.getConnection('c1')).toBe(first);
    expect(first.closed).toBe(false);
  });

  it('rejects a duplicate registered concurrently', async () => {
    const results = await Promise.allSettled([
      registry.registerConnection('c1', { contactPoints: [REFUSED], retryConnect: true }),
      registry.registerConnection('c1', { contactPoints: [REFUSED], retryConnect: true }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(registry.listConnections()).toEqual(['c1']);
  });

  it('replace: true swaps the connection and shuts the old one down afterwards, keeping it default', async () => {
    const first = await registry.registerConnection('c1', lazyOptions({ default: true }));
    const shutdownCalls: boolean[] = [];
    jest.spyOn(first, 'shutdown').mockImplementation(async function (this: unknown) {
      // By the time the old one is shut down, the name already maps to the new one.
      shutdownCalls.push(registry.getConnection('c1') !== first);
    });
    const second = await registry.registerConnection('c1', lazyOptions({ replace: true, keyspace: 'ks2' }));
    expect(shutdownCalls).toEqual([true]);
    expect(registry.getConnection('c1')).toBe(second);
    expect(registry.getConnection()).toBe(second);
    expect(registry.defaultConnectionName()).toBe('c1');
    expect(registry.listConnections()).toEqual(['c1']);
  });

  it('default: true makes it the default', async () => {
    await registry.registerConnection('c1', lazyOptions({ default: true }));
    const c2 = await registry.registerConnection('c2', lazyOptions({ default: true }));
    expect(registry.defaultConnectionName()).toBe('c2');
    expect(registry.getConnection()).toBe(c2);
  });
});

describe('setup', () => {
  it("registers 'default' and makes it the default", async () => {
    const connection = await registry.setup({ contactPoints: [REFUSED], keyspace: 'ks1', lazyConnect: true });
    expect(connection.name).toBe('default');
    expect(registry.defaultConnectionName()).toBe('default');
    expect(registry.resolve()).toEqual({ connection, keyspace: 'ks1' });
  });

  it('needs a keyspace', async () => {
    await expect(registry.setup({ contactPoints: [REFUSED], lazyConnect: true } as never)).rejects.toThrow(ConfigurationError);
  });

  it('a second setup needs replace', async () => {
    await registry.setup({ contactPoints: [REFUSED], keyspace: 'ks1', lazyConnect: true });
    await expect(registry.setup({ contactPoints: [REFUSED], keyspace: 'ks2', lazyConnect: true })).rejects.toThrow(ConnectionExistsError);
    const again = await registry.setup({ contactPoints: [REFUSED], keyspace: 'ks2', lazyConnect: true, replace: true });
    expect(registry.getConnection().keyspace).toBe('ks2');
    expect(registry.getConnection()).toBe(again);
  });
});

describe('default connection', () => {
  it('setDefaultConnection switches on the fly', async () => {
    const c1 = await registry.registerConnection('c1', lazyOptions({ default: true }));
    const c2 = await registry.registerConnection('c2', lazyOptions());
    expect(registry.getConnection()).toBe(c1);
    registry.setDefaultConnection('c2');
    expect(registry.getConnection()).toBe(c2);
    expect(registry.defaultConnectionName()).toBe('c2');
  });

  it('setDefaultConnection on an unknown name lists the registered ones and changes nothing', async () => {
    await registry.registerConnection('c1', lazyOptions({ default: true }));
    await registry.registerConnection('c2', lazyOptions());
    expect(() => registry.setDefaultConnection('c9')).toThrow(UnknownConnectionError);
    expect(() => registry.setDefaultConnection('c9')).toThrow("'c1', 'c2'");
    expect(registry.defaultConnectionName()).toBe('c1');
  });

  it('getConnection() with no default throws NoDefaultConnectionError; unknown names throw UnknownConnectionError', async () => {
    expect(() => registry.getConnection()).toThrow(NoDefaultConnectionError);
    await registry.registerConnection('c1', lazyOptions());
    expect(() => registry.getConnection()).toThrow(NoDefaultConnectionError);
    expect(() => registry.getConnection('c2')).toThrow(UnknownConnectionError);
  });
});

describe('unregisterConnection', () => {
  it('removes the name and shuts down a registry-created client', async () => {
    const connection = await registry.registerConnection('c1', lazyOptions());
    const shutdown = jest.spyOn(Client.prototype, 'shutdown');
    await expect(registry.unregisterConnection('c1')).resolves.toBe(true);
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(registry.listConnections()).toEqual([]);
    expect(connection.closed).toBe(true);
    expect(() => registry.getConnection('c1')).toThrow(UnknownConnectionError);
  });

  it("leaves a caller's client open", async () => {
    const client = idleClient();
    const shutdown = jest.spyOn(client, 'shutdown');
    await registry.registerConnection('c3', { client });
    await expect(registry.unregisterConnection('c3')).resolves.toBe(true);
    expect(shutdown).not.toHaveBeenCalled();
  });

  it('resolves false for an unknown name', async () => {
    await expect(registry.unregisterConnection('nope')).resolves.toBe(false);
  });

  it('unregistering the default leaves no default; re-registering restores it', async () => {
    await registry.registerConnection('c1', lazyOptions({ default: true }));
    await registry.registerConnection('c2', lazyOptions());
    await registry.unregisterConnection('c1');
    expect(registry.defaultConnectionName()).toBeUndefined();
    expect(() => registry.getConnection()).toThrow(NoDefaultConnectionError);
    await expect(registry.execute('SELECT 1')).rejects.toThrow(NoDefaultConnectionError);
    expect(() => registry.resolve({ keyspace: 'ks' })).toThrow(NoDefaultConnectionError);
    await registry.registerConnection('c1', lazyOptions({ default: true }));
    expect(registry.getConnection().name).toBe('c1');
  });
});

describe('shutdown', () => {
  it('shuts down registry-owned clients only and clears everything', async () => {
    const owned = await registry.registerConnection('c1', lazyOptions({ default: true }));
    const client = idleClient();
    const callerShutdown = jest.spyOn(client, 'shutdown');
    const provided = await registry.registerConnection('c2', { client });
    const ownedShutdown = jest.spyOn(Client.prototype, 'shutdown');
    await registry.shutdown();
    expect(registry.listConnections()).toEqual([]);
    expect(registry.defaultConnectionName()).toBeUndefined();
    expect(owned.closed && provided.closed).toBe(true);
    expect(callerShutdown).not.toHaveBeenCalled();
    expect(ownedShutdown.mock.contexts.filter((context) => context !== client)).toHaveLength(1);
  });
});

describe('resolve', () => {
  beforeEach(async () => {
    await registry.registerConnection('c1', lazyOptions({ keyspace: 'ks1', default: true }));
    await registry.registerConnection('c2', lazyOptions({ keyspace: 'ks2' }));
    await registry.registerConnection('bare', lazyOptions());
  });

  it('falls back to the default connection and its keyspace', () => {
    const target = registry.resolve();
    expect(target.connection.name).toBe('c1');
    expect(target.keyspace).toBe('ks1');
  });

  it('explicit values win', () => {
    expect(registry.resolve({ connection: 'c2' })).toMatchObject({ keyspace: 'ks2' });
    expect(registry.resolve({ connection: 'c2', keyspace: 'other' }).keyspace).toBe('other');
    expect(registry.resolve({ keyspace: 'other' }).connection.name).toBe('c1');
  });

  it('the scope comes between explicit values and the defaults', async () => {
    await registry.withConnection({ connection: 'c2', keyspace: 'scoped' }, async () => {
      expect(registry.resolve()).toMatchObject({ keyspace: 'scoped' });
      expect(registry.resolve().connection.name).toBe('c2');
      expect(registry.resolve({ connection: 'c1' })).toMatchObject({ keyspace: 'scoped' });
      expect(registry.resolve({ keyspace: 'explicit' }).keyspace).toBe('explicit');
      expect(registry.resolveConnection().name).toBe('c2');
      expect(registry.getConnection().name).toBe('c2');
      // The registry default itself is unchanged by a scope.
      expect(registry.defaultConnectionName()).toBe('c1');
    });
  });

  it('throws UndefinedKeyspaceError when nothing gives a keyspace', () => {
    expect(() => registry.resolve({ connection: 'bare' })).toThrow(UndefinedKeyspaceError);
    expect(() => registry.resolve({ connection: 'bare' })).toThrow("'bare'");
    expect(registry.resolveConnection('bare').name).toBe('bare');
  });

  it('throws UnknownConnectionError for an unknown explicit or scoped connection', async () => {
    expect(() => registry.resolve({ connection: 'nope' })).toThrow(UnknownConnectionError);
    await registry.withConnection('nope', async () => {
      expect(() => registry.resolve()).toThrow(UnknownConnectionError);
    });
  });

  it('rejects an invalid explicit keyspace', () => {
    expect(() => registry.resolve({ keyspace: 'a.b' })).toThrow(InvalidIdentifierError);
  });

  it('hands out one frozen target per connection and keyspace, and a new one for a replaced connection', async () => {
    const first = registry.resolve({ connection: 'c2', keyspace: 'k' });
    expect(Object.isFrozen(first)).toBe(true);
    expect(registry.resolveNames('c2', 'k')).toBe(first);
    expect(registry.resolve({ connection: 'c2', keyspace: 'other' })).not.toBe(first);
    const replaced = await registry.registerConnection('c2', lazyOptions({ keyspace: 'ks2', replace: true }));
    const again = registry.resolve({ connection: 'c2', keyspace: 'k' });
    expect(again).not.toBe(first);
    expect(again.connection).toBe(replaced);
  });
});

describe('execute', () => {
  it('runs on the named connection, the scope or the default', async () => {
    const c1 = await registry.registerConnection('c1', lazyOptions({ default: true }));
    const c2 = await registry.registerConnection('c2', lazyOptions());
    const used: string[] = [];
    for (const connection of [c1, c2]) {
      jest.spyOn(connection, 'execute').mockImplementation(async () => {
        used.push(connection.name);
        return { rows: [] } as never;
      });
    }
    await registry.execute('SELECT 1');
    await registry.execute('SELECT 1', [], { connection: 'c2' });
    await registry.withConnection('c2', () => registry.execute('SELECT 1'));
    expect(used).toEqual(['c1', 'c2', 'c2']);
    // `connection` is the registry's option, not the driver's.
    expect(jest.mocked(c2.execute).mock.calls[0][2]).toEqual({});
  });
});

describe('events', () => {
  it('are off until someone listens, then report registry changes', async () => {
    await registry.registerConnection('quiet', lazyOptions());
    const seen: CassiaEvent[] = [];
    const stop = registry.onEvent((event) => seen.push(event));
    await registry.registerConnection('c1', lazyOptions({ default: true }));
    await registry.registerConnection('c1', lazyOptions({ replace: true }));
    await registry.registerConnection('c3', { client: idleClient() });
    registry.setDefaultConnection('c3');
    registry.setDefaultConnection('c3');
    await registry.unregisterConnection('c3');
    stop();
    await registry.unregisterConnection('c1');
    expect(seen).toEqual([
      { type: 'connection-registered', connection: 'c1', ownsClient: true, replaced: false },
      { type: 'default-changed', connection: 'c1', previous: undefined },
      { type: 'connection-registered', connection: 'c1', ownsClient: true, replaced: true },
      { type: 'connection-removed', connection: 'c1', reason: 'replaced', clientShutDown: true },
      { type: 'connection-registered', connection: 'c3', ownsClient: false, replaced: false },
      { type: 'default-changed', connection: 'c3', previous: 'c1' },
      { type: 'default-changed', connection: undefined, previous: 'c3' },
      { type: 'connection-removed', connection: 'c3', reason: 'unregistered', clientShutDown: false },
    ]);
  });

  it('reports queries through the registry with connection and error code', async () => {
    await registry.registerConnection('c1', lazyOptions({ default: true }));
    const seen: CassiaEvent[] = [];
    registry.onEvent((event) => seen.push(event));
    await registry.execute('SELECT now() FROM system.local', [], { keyspace: 'ks1' }).catch(() => undefined);
    expect(seen).toEqual([
      expect.objectContaining({ type: 'query', connection: 'c1', keyspace: 'ks1', errorCode: 'ERR_CASSIA_CONNECTION' }),
    ]);
  });
});
