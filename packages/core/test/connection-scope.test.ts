// withConnection: scoped defaults through AsyncLocalStorage, nesting and isolation.
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError, ConnectionRegistry, InvalidIdentifierError } from '@cassia/core';
import { StrictRouteScope, strictRouteOf } from '@cassia/core/internal';
import { inheritedNames, lazyOptions } from './helpers';

let registry: ConnectionRegistry;
beforeEach(async () => {
  registry = new ConnectionRegistry();
  await registry.registerConnection('c1', lazyOptions({ keyspace: 'ks1', default: true }));
  await registry.registerConnection('c2', lazyOptions({ keyspace: 'ks2' }));
});
afterEach(() => registry.shutdown());

describe('withConnection', () => {
  it('a string names the connection; the scope ends with fn', async () => {
    expect(registry.currentScope()).toBeUndefined();
    const name = await registry.withConnection('c2', async () => {
      expect(registry.currentScope()).toEqual({ connection: 'c2' });
      await sleep(1);
      return registry.getConnection().name;
    });
    expect(name).toBe('c2');
    expect(registry.currentScope()).toBeUndefined();
    expect(registry.getConnection().name).toBe('c1');
  });

  it('a scope sets a keyspace alone', async () => {
    await registry.withConnection({ keyspace: 'scoped' }, async () => {
      expect(registry.resolve()).toMatchObject({ keyspace: 'scoped' });
      expect(registry.resolve().connection.name).toBe('c1');
    });
  });

  it('nested scopes: the innermost wins, field by field', async () => {
    await registry.withConnection({ connection: 'c2', keyspace: 'outer' }, async () => {
      await registry.withConnection({ keyspace: 'inner' }, async () => {
        // A keyspace-only scope keeps the outer connection.
        expect(registry.currentScope()).toEqual({ connection: 'c2', keyspace: 'inner' });
        await registry.withConnection('c1', async () => {
          expect(registry.currentScope()).toEqual({ connection: 'c1', keyspace: 'inner' });
        });
        expect(registry.currentScope()).toEqual({ connection: 'c2', keyspace: 'inner' });
      });
      expect(registry.currentScope()).toEqual({ connection: 'c2', keyspace: 'outer' });
    });
  });

  it('concurrent scopes never see each other', async () => {
    const seen: string[] = [];
    const task = (connection: string, delays: number[]) =>
      registry.withConnection(connection, async () => {
        for (const delay of delays) {
          await sleep(delay);
          seen.push(`${connection}:${registry.resolve().connection.name}`);
        }
      });
    await Promise.all([task('c1', [5, 1, 5, 1]), task('c2', [1, 5, 1, 5]), task('c1', [3, 3]), task('c2', [2, 2, 2])]);
    expect(seen).toHaveLength(13);
    for (const entry of seen) {
      const [wanted, got] = entry.split(':');
      expect(got).toBe(wanted);
    }
  });

  it('scopes reach callbacks and timers started inside fn, and do not leak out of it', async () => {
    let inTimer: string | undefined;
    await registry.withConnection('c2', () => {
      return new Promise<void>((resolve) => {
        setTimeout(() => {
          inTimer = registry.getConnection().name;
          resolve();
        }, 1);
      });
    });
    expect(inTimer).toBe('c2');
    expect(registry.getConnection().name).toBe('c1');
  });

  it('the scope is dropped even when fn throws', async () => {
    await expect(
      registry.withConnection('c2', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(registry.currentScope()).toBeUndefined();
  });

  it('a synchronous throw in fn becomes a rejection', async () => {
    const fn = (() => {
      throw new Error('sync boom');
    }) as unknown as () => Promise<void>;
    await expect(registry.withConnection('c2', fn)).rejects.toThrow('sync boom');
  });

  it('registries have separate scopes', async () => {
    const other = new ConnectionRegistry();
    await registry.withConnection('c2', async () => {
      expect(other.currentScope()).toBeUndefined();
    });
  });

  it.each<[string, unknown, new (...args: never[]) => Error]>([
    ['an empty name', '', ConfigurationError],
    ['a non-object', 42, ConfigurationError],
    ['null', null, ConfigurationError],
    ['an unknown key', { conection: 'c1' }, ConfigurationError],
    ['an empty connection', { connection: '' }, ConfigurationError],
    ['an invalid keyspace', { keyspace: 'bad-ks' }, InvalidIdentifierError],
    ['a null-prototype connection', { connection: Object.create(null) }, ConfigurationError],
    ['a null-prototype keyspace', { keyspace: Object.create(null) }, InvalidIdentifierError],
    ['an array', ['c1'], ConfigurationError],
  ])('rejects %s', async (_, scope, errorClass) => {
    const fn = jest.fn(async () => undefined);
    await expect(registry.withConnection(scope as never, fn)).rejects.toThrow(errorClass);
    expect(fn).not.toHaveBeenCalled();
  });

  it('reads own properties only: an inherited connection or keyspace sets nothing', async () => {
    await registry.withConnection({ __proto__: { connection: 'c2', keyspace: 'stolen' } } as never, async () => {
      expect(registry.resolve().connection.name).toBe('c1');
      expect(registry.resolve().keyspace).toBe('ks1');
    });
  });

  it('a null-prototype scope (querystring.parse output) works like a plain one', async () => {
    const scope = Object.assign(Object.create(null) as object, { connection: 'c2' });
    await registry.withConnection(scope, async () => {
      expect(registry.resolve().connection.name).toBe('c2');
    });
  });

  it('its scopes inherit nothing, so a polluted Object.prototype does not reach resolution', async () => {
    const polluted = Object.prototype as Record<string, unknown>;
    await registry.withConnection('c2', async () => {
      expect(inheritedNames(registry.currentScope()!)).toEqual([]);
      try {
        polluted.keyspace = 'evil';
        expect(registry.resolve().keyspace).toBe('ks2');
      } finally {
        delete polluted.keyspace;
      }
    });
  });

  it('rejects a second argument that is not a function with ConfigurationError', async () => {
    await expect(registry.withConnection('c1', 'oops' as never)).rejects.toThrow(ConfigurationError);
  });
});

describe('a strict route in the scope', () => {
  const route = Object.freeze({ connection: 'c2', keyspace: 'tenant_a', allow: undefined });
  const strict = new StrictRouteScope(route);

  it('sets its connection and keyspace over any outer scope and carries its route, which currentScope() does not show', async () => {
    await registry.withConnection({ connection: 'c1', keyspace: 'outer' }, async () => {
      expect(strictRouteOf(registry.currentScope())).toBeUndefined();
      await registry.withConnection(strict, async () => {
        expect(registry.currentScope()).toEqual({ connection: 'c2', keyspace: 'tenant_a' });
        expect(Object.keys(registry.currentScope()!)).toEqual(['connection', 'keyspace']);
        expect(strictRouteOf(registry.currentScope())).toBe(route);
        expect(registry.resolve()).toMatchObject({ keyspace: 'tenant_a' });
        expect(registry.resolve().connection.name).toBe('c2');
      });
      expect(registry.currentScope()).toEqual({ connection: 'c1', keyspace: 'outer' });
      expect(strictRouteOf(registry.currentScope())).toBeUndefined();
    });
  });

  it('stays in force in plain scopes nested inside it, which still merge field by field', async () => {
    await registry.withConnection(strict, async () => {
      await registry.withConnection({ keyspace: 'elsewhere' }, async () => {
        expect(registry.currentScope()).toEqual({ connection: 'c2', keyspace: 'elsewhere' });
        expect(strictRouteOf(registry.currentScope())).toBe(route);
        await registry.withConnection('c1', async () => {
          expect(strictRouteOf(registry.currentScope())).toBe(route);
          expect(inheritedNames(registry.currentScope()!)).toEqual([]);
        });
      });
    });
  });

  it("is its registry's own: another registry's scope there has no route", async () => {
    const other = new ConnectionRegistry();
    await registry.withConnection(strict, async () => {
      expect(strictRouteOf(other.currentScope())).toBeUndefined();
    });
  });

  it('refuses a second argument that is not a function, and turns a synchronous throw into a rejection', async () => {
    await expect(registry.withConnection(strict, 'oops' as never)).rejects.toThrow(ConfigurationError);
    const fn = (() => {
      throw new Error('sync boom');
    }) as unknown as () => Promise<void>;
    await expect(registry.withConnection(strict, fn)).rejects.toThrow('sync boom');
    expect(registry.currentScope()).toBeUndefined();
  });
});
