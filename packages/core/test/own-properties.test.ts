// Own properties only: what registration and scope resolution do never depends on inherited keys.
import fc from 'fast-check';
import { ConnectionRegistry } from '@cassia/core';
import { copyOwnProperties, emptyBag, hasOwn, ownValue } from '@cassia/core/internal';
import { inheritedNames, lazyOptions } from './helpers';

describe('the own-property helpers', () => {
  it('ownValue reads own properties only', () => {
    const object = Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 });
    expect(ownValue(object, 'own')).toBe(2);
    expect(ownValue(object, 'inherited')).toBeUndefined();
    expect(ownValue({}, 'toString')).toBeUndefined();
    expect(ownValue(Object.create(null) as object, 'x')).toBeUndefined();
    expect(hasOwn(object, 'own')).toBe(true);
    expect(hasOwn(object, 'inherited')).toBe(false);
  });

  it('copyOwnProperties makes a copy of own enumerable keys, "__proto__" included, that inherits nothing', () => {
    const source = JSON.parse('{"a": 1, "__proto__": {"b": 2}}') as Record<string, unknown>;
    const copy = copyOwnProperties(source) as Record<string, unknown>;
    expect(inheritedNames(copy)).toEqual([]);
    expect(Object.isFrozen(Object.getPrototypeOf(copy))).toBe(true);
    expect(Object.keys(copy)).toEqual(['a', '__proto__']);
    expect(copy.b).toBeUndefined();
    expect(copyOwnProperties(Object.create({ inherited: 1 }) as object)).toEqual({});
  });

  it('emptyBag inherits nothing, even from a polluted Object.prototype', () => {
    const bag = emptyBag<{ keyspace?: string }>();
    expect(inheritedNames(bag)).toEqual([]);
    const polluted = Object.prototype as Record<string, unknown>;
    try {
      polluted.keyspace = 'evil';
      expect(bag.keyspace).toBeUndefined();
    } finally {
      delete polluted.keyspace;
    }
    expect(bag.keyspace).toBeUndefined();
  });
});

describe('inherited keys never act as options', () => {
  let registry: ConnectionRegistry;
  beforeEach(() => {
    registry = new ConnectionRegistry();
  });
  afterEach(() => registry.shutdown());

  it("registerConnection(name, { __proto__: { default: true } }) does not make it the default", async () => {
    await registry.registerConnection('c1', { __proto__: { default: true, keyspace: 'stolen' }, ...lazyOptions() } as never);
    expect(registry.defaultConnectionName()).toBeUndefined();
    expect(registry.getConnection('c1').keyspace).toBeUndefined();
  });

  it('a polluted Object.prototype changes no registration, scope or resolution', async () => {
    await registry.registerConnection('c1', lazyOptions({ keyspace: 'ks1', default: true }));
    await registry.registerConnection('c2', lazyOptions({ keyspace: 'ks2' }));
    const polluted = Object.prototype as Record<string, unknown>;
    try {
      for (const [key, value] of [['default', true], ['replace', true], ['keyspace', 'evil'], ['connection', 'c2'], ['consistency', 'all']] as const) polluted[key] = value;
      await registry.registerConnection('c3', lazyOptions());
      expect(registry.defaultConnectionName()).toBe('c1');
      expect(registry.getConnection('c3').keyspace).toBeUndefined();
      await expect(registry.registerConnection('c3', lazyOptions())).rejects.toThrow('already registered');
      expect(registry.resolve({})).toMatchObject({ keyspace: 'ks1' });
      expect(registry.resolve({}).connection.name).toBe('c1');
      await registry.withConnection({}, async () => {
        expect(registry.resolve().connection.name).toBe('c1');
        expect(registry.resolve().keyspace).toBe('ks1');
      });
      await registry.withConnection({ keyspace: 'ks9' }, async () => {
        expect(registry.resolve().connection.name).toBe('c1');
      });
    } finally {
      for (const key of ['default', 'replace', 'keyspace', 'connection', 'consistency']) delete polluted[key];
    }
  });
});

// Random option objects: the same own keys with random inherited keys on top must give the same
// registration (default, keyspace) and the same scope resolution as without them.
describe('property: inherited keys never change registration or scope resolution', () => {
  const names = fc.constantFrom('c1', 'c2');
  const keyspaces = fc.constantFrom('ks_a', 'ks_b', 'ks_c');
  const inheritedKeys = fc.record(
    { default: fc.boolean(), replace: fc.boolean(), keyspace: keyspaces, connection: names, lazyConnect: fc.boolean(), contactPoints: fc.constant(['127.0.0.1:1']) },
    { requiredKeys: [] },
  );
  const registration = fc.record({ default: fc.boolean(), keyspace: keyspaces }, { requiredKeys: [] });
  const scope = fc.record({ connection: names, keyspace: keyspaces }, { requiredKeys: [] });

  async function outcome(own: Record<string, unknown>, ownScope: Record<string, unknown>, inherited: Record<string, unknown> | undefined) {
    const registry = new ConnectionRegistry();
    try {
      await registry.registerConnection('c1', lazyOptions({ keyspace: 'ks_home' }));
      const options = Object.assign(Object.create(inherited ?? Object.prototype) as object, lazyOptions(own));
      await registry.registerConnection('c2', options as never);
      const scopeInput = Object.assign(Object.create(inherited ?? Object.prototype) as object, ownScope);
      const resolved = await registry.withConnection(scopeInput, async () => {
        try {
          const target = registry.resolve(Object.create(inherited ?? Object.prototype) as object);
          return `${target.connection.name}/${target.keyspace}`;
        } catch (error) {
          return (error as { code: string }).code;
        }
      });
      return { default: registry.defaultConnectionName(), keyspace: registry.getConnection('c2').keyspace, resolved };
    } finally {
      await registry.shutdown();
    }
  }

  it('holds for random own and inherited keys', async () => {
    await fc.assert(
      fc.asyncProperty(registration, scope, inheritedKeys, async (own, ownScope, inherited) => {
        expect(await outcome(own, ownScope, inherited)).toEqual(await outcome(own, ownScope, undefined));
      }),
      { seed: 23, numRuns: 150 },
    );
  });
});
