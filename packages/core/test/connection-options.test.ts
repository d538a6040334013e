// Registration options: what may be combined, and the driver options Cassia builds from them.
import { auth, Client, types } from 'cassandra-driver';
import { ConfigurationError, DEFAULT_MAX_PREPARED, InvalidIdentifierError, REQUIRED_DRIVER_ENCODING, type RegisterOptions } from '@cassia/core';
import { createDriverClient, planConnection } from '../src/connection-options';
import { defaultEncodingClient, idleClient, REFUSED } from './helpers';

function owned(options: RegisterOptions) {
  const plan = planConnection('c1', options);
  if (plan.kind !== 'owned') throw new Error('expected an owned plan');
  return plan;
}

describe('planConnection with contact points', () => {
  it('builds driver options: bigint encoding, datacenter1, no keyspace on the client', () => {
    const plan = owned({ contactPoints: ['127.0.0.2:9042'], keyspace: 'ks1', consistency: 'quorum' });
    expect(plan.clientOptions).toEqual({
      contactPoints: ['127.0.0.2:9042'],
      localDataCenter: 'datacenter1',
      encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true },
      maxPrepared: DEFAULT_MAX_PREPARED,
    });
    expect(plan.clientOptions).not.toHaveProperty('keyspace');
    // A caller's own cache size wins over Cassia's default.
    expect(owned({ contactPoints: [REFUSED], clientOptions: { maxPrepared: 42 } }).clientOptions.maxPrepared).toBe(42);
    expect(plan.keyspace).toBe('ks1');
    expect(plan.consistency).toBe(types.consistencies.quorum);
    expect(plan.lazyConnect).toBe(false);
    expect(plan.retryConnect).toBe(false);
  });

  it('passes clientOptions through, under Cassia’s own options', () => {
    const plan = owned({
      contactPoints: [REFUSED],
      localDataCenter: 'dc2',
      clientOptions: {
        localDataCenter: 'ignored',
        socketOptions: { connectTimeout: 1234 },
        encoding: { copyBuffer: false, useUndefinedAsUnset: true },
        pooling: { warmup: false },
      },
    });
    expect(plan.clientOptions.localDataCenter).toBe('dc2');
    expect(plan.clientOptions.socketOptions).toEqual({ connectTimeout: 1234 });
    expect(plan.clientOptions.pooling).toEqual({ warmup: false });
    expect(plan.clientOptions.encoding).toEqual({ map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true, copyBuffer: false, useUndefinedAsUnset: true });
    expect(owned({ contactPoints: [REFUSED], clientOptions: { localDataCenter: 'dc3' } }).clientOptions.localDataCenter).toBe('dc3');
  });

  it('turns credentials into a PlainTextAuthProvider and remembers the password as a secret', () => {
    const plan = owned({ contactPoints: [REFUSED], credentials: { username: 'app', password: 's3cret!' } });
    expect(plan.clientOptions.authProvider).toBeInstanceOf(auth.PlainTextAuthProvider);
    expect(plan.clientOptions).not.toHaveProperty('credentials');
    expect(plan.secrets).toEqual(['s3cret!']);
  });

  it('keeps lazyConnect and retryConnect', () => {
    const plan = owned({ contactPoints: [REFUSED], lazyConnect: true, retryConnect: true });
    expect(plan.lazyConnect).toBe(true);
    expect(plan.retryConnect).toBe(true);
  });

  it('keeps allowSystemKeyspaces (false unless given as true), for contact points and existing clients alike', () => {
    expect(owned({ contactPoints: [REFUSED] }).allowSystemKeyspaces).toBe(false);
    expect(owned({ contactPoints: [REFUSED], allowSystemKeyspaces: true }).allowSystemKeyspaces).toBe(true);
    expect(planConnection('c1', { client: idleClient(), allowSystemKeyspaces: true }).allowSystemKeyspaces).toBe(true);
  });

  it.each<[string, unknown]>([
    ['no contact points', {}],
    ['an empty contact point list', { contactPoints: [] }],
    ['a contact point that is not a string', { contactPoints: [42] }],
    ['an unknown option', { contactPoints: [REFUSED], contactpoints: ['x'] }],
    ['a non-boolean flag', { contactPoints: [REFUSED], lazyConnect: 'yes' }],
    ['a non-boolean allowSystemKeyspaces', { contactPoints: [REFUSED], allowSystemKeyspaces: 'yes' }],
    ['an unknown consistency', { contactPoints: [REFUSED], consistency: 'most' }],
    ['credentials without a password', { contactPoints: [REFUSED], credentials: { username: 'u' } }],
    ['credentials and an authProvider', { contactPoints: [REFUSED], credentials: { username: 'u', password: 'p' }, clientOptions: { authProvider: new auth.PlainTextAuthProvider('u', 'p') } }],
    ['clientOptions.keyspace', { contactPoints: [REFUSED], clientOptions: { keyspace: 'ks' } }],
    ['clientOptions.contactPoints', { contactPoints: [REFUSED], clientOptions: { contactPoints: ['x'] } }],
    ['clientOptions.credentials', { contactPoints: [REFUSED], clientOptions: { credentials: { username: 'u', password: 'p' } } }],
    ['an empty localDataCenter', { contactPoints: [REFUSED], localDataCenter: '' }],
    ['options that are not an object', null],
  ])('rejects %s with ConfigurationError', (_, options) => {
    expect(() => planConnection('c1', options as RegisterOptions)).toThrow(ConfigurationError);
  });

  it('rejects an invalid keyspace name with InvalidIdentifierError', () => {
    expect(() => planConnection('c1', { contactPoints: [REFUSED], keyspace: 'bad-name' })).toThrow(InvalidIdentifierError);
  });
});

describe('planConnection with an existing client', () => {
  it('keeps the client and keyspace', () => {
    const client = idleClient();
    expect(planConnection('c3', { client, keyspace: 'ks1' })).toEqual({
      kind: 'provided',
      client,
      keyspace: 'ks1',
      drainTimeout: undefined,
      allowSystemKeyspaces: false,
      makeDefault: false,
      replace: false,
    });
  });

  it.each(['contactPoints', 'consistency', 'lazyConnect', 'retryConnect', 'clientOptions', 'credentials', 'localDataCenter'])(
    'rejects client together with %s, naming the option',
    (key) => {
      const values: Record<string, unknown> = {
        contactPoints: [REFUSED],
        consistency: 'one',
        lazyConnect: true,
        retryConnect: true,
        clientOptions: {},
        credentials: { username: 'u', password: 'p' },
        localDataCenter: 'dc1',
      };
      const options = { client: idleClient(), [key]: values[key] } as unknown as RegisterOptions;
      expect(() => planConnection('c3', options)).toThrow(ConfigurationError);
      expect(() => planConnection('c3', options)).toThrow(key);
    },
  );

  it('rejects something that is not a driver client', () => {
    expect(() => planConnection('c3', { client: {} as never })).toThrow(ConfigurationError);
  });
});

describe('the driver encoding Cassia needs', () => {
  it('refuses a caller client created with driver defaults, naming every encoding option to set', () => {
    const error = thrownBy(() => planConnection('c3', { client: defaultEncodingClient() }));
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain("'c3'");
    for (const setting of ['map: Map', 'set: Set', 'useBigIntAsLong: true', 'useBigIntAsVarint: true']) expect(message).toContain(setting);
    expect(message).toContain('REQUIRED_DRIVER_ENCODING');
  });

  it('names only what a partly configured client lacks', () => {
    const client = new Client({ contactPoints: [REFUSED], localDataCenter: 'datacenter1', encoding: { map: Map, set: Set, useBigIntAsLong: true } });
    const message = (thrownBy(() => planConnection('c3', { client })) as Error).message;
    expect(message).toContain('(missing useBigIntAsVarint: true)');
  });

  it('refuses a Map subclass: the driver writes a map only for instances of the configured class', () => {
    class OtherMap<K, V> extends Map<K, V> {}
    const client = new Client({ contactPoints: [REFUSED], localDataCenter: 'datacenter1', encoding: { ...REQUIRED_DRIVER_ENCODING, map: OtherMap } });
    expect(() => planConnection('c3', { client })).toThrow('missing map: Map');
  });

  it('accepts a client created with REQUIRED_DRIVER_ENCODING and other encoding options', () => {
    const client = new Client({ contactPoints: [REFUSED], localDataCenter: 'datacenter1', encoding: { ...REQUIRED_DRIVER_ENCODING, copyBuffer: false } });
    expect(planConnection('c3', { client }).kind).toBe('provided');
  });

  it('takes a duck-typed stand-in without driver options as it is', () => {
    const standIn = { connect: async () => undefined, execute: async () => undefined, batch: async () => undefined, shutdown: async () => undefined };
    expect(planConnection('c3', { client: standIn as unknown as Client }).kind).toBe('provided');
  });

  it.each(['useBigIntAsLong', 'useBigIntAsVarint'])('refuses clientOptions.encoding that turns %s off', (key) => {
    expect(() => planConnection('c1', { contactPoints: [REFUSED], clientOptions: { encoding: { [key]: false } } })).toThrow(`must keep ${key}: true`);
  });

  it('refuses clientOptions.encoding that drops Map or Set', () => {
    expect(() => planConnection('c1', { contactPoints: [REFUSED], clientOptions: { encoding: { map: undefined } } })).toThrow('must keep map: Map');
    expect(() => planConnection('c1', { contactPoints: [REFUSED], clientOptions: { encoding: { set: Object } } })).toThrow('must keep set: Set');
  });
});

describe('own properties only', () => {
  it('an inherited default, replace or keyspace is not an option', () => {
    const plan = planConnection('c1', { __proto__: { default: true, replace: true, keyspace: 'inherited' }, contactPoints: [REFUSED] } as never);
    expect(plan).toMatchObject({ makeDefault: false, replace: false, keyspace: undefined });
  });

  it('inherited contact points, credentials fields and clientOptions keys are not read', () => {
    expect(() => planConnection('c1', Object.create({ contactPoints: [REFUSED] }) as RegisterOptions)).toThrow('needs contactPoints');
    expect(() =>
      planConnection('c1', { contactPoints: [REFUSED], credentials: Object.create({ username: 'u', password: 'p' }) as never }),
    ).toThrow('must be { username: string, password: string }');
    const plan = owned({ contactPoints: [REFUSED], clientOptions: Object.create({ keyspace: 'ks', localDataCenter: 'dcX' }) as never });
    expect(plan.clientOptions.localDataCenter).toBe('datacenter1');
    expect(plan.clientOptions).not.toHaveProperty('keyspace');
  });

  it('a JSON "__proto__" key is an own key, and so an unknown option', () => {
    const options = JSON.parse('{"contactPoints": ["127.0.0.1:1"], "__proto__": {"default": true}}') as RegisterOptions;
    expect(() => planConnection('c1', options)).toThrow(/Unknown option\(s\) '__proto__'/);
  });

  it('reads a getter once', () => {
    let reads = 0;
    const options = { contactPoints: [REFUSED], get keyspace() { reads += 1; return 'ks1'; } };
    expect(planConnection('c1', options).keyspace).toBe('ks1');
    expect(reads).toBe(1);
  });

  it('null-prototype options (querystring.parse output) work like plain ones', () => {
    const options = Object.assign(Object.create(null) as object, { contactPoints: [REFUSED], default: true, clientOptions: Object.assign(Object.create(null) as object, { pooling: { warmup: false } }) });
    const plan = planConnection('c1', options as RegisterOptions);
    expect(plan).toMatchObject({ kind: 'owned', makeDefault: true });
  });
});

describe('hostile option values give ConfigurationError, never TypeError', () => {
  const nullObject = Object.create(null) as object;
  it.each<[string, unknown]>([
    ['a null-prototype flag', { contactPoints: [REFUSED], lazyConnect: nullObject }],
    ['a null-prototype consistency', { contactPoints: [REFUSED], consistency: nullObject }],
    ['a bigint consistency', { contactPoints: [REFUSED], consistency: 1n }],
    ['a null-prototype clientOptions.encoding value', { contactPoints: [REFUSED], clientOptions: { encoding: { useBigIntAsLong: nullObject } } }],
    ['a null-prototype credentials password', { contactPoints: [REFUSED], credentials: { username: 'u', password: nullObject } }],
    ['clientOptions that is an array', { contactPoints: [REFUSED], clientOptions: [] }],
    ['a null-prototype client', { client: nullObject }],
    ['options that are an array', []],
    ['options that are a string', 'contactPoints'],
  ])('%s', (_, options) => {
    const error = thrownBy(() => planConnection('c1', options as RegisterOptions));
    expect(error).toBeInstanceOf(ConfigurationError);
  });

  it('a driver refusal of clientOptions is a ConfigurationError with the cause', () => {
    for (const clientOptions of [{ contactPoints: [] }, { contactPoints: [REFUSED], profiles: Object.create(null) as never }]) {
      const error = thrownBy(() => createDriverClient('c1', { localDataCenter: 'dc', ...clientOptions }, []));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).cause).toBeInstanceOf(Error);
    }
  });

  it('many unknown keys are named only in part, each cut and escaped', () => {
    const options: Record<string, unknown> = { contactPoints: [REFUSED] };
    for (let i = 0; i < 1000; i += 1) options[`bad\u001b[31m${'k'.repeat(200)}${i}`] = 1;
    const message = (thrownBy(() => planConnection('c1', options as unknown as RegisterOptions)) as Error).message;
    expect(message.length).toBeLessThan(2000);
    expect(message).not.toContain('\u001b[31m'.replace('\\', ''));
    expect(message).toContain('\\u001b');
    expect(message).toContain('and 990 more');
  });
});

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('drainTimeout', () => {
  it('is taken for registry-created and caller-given clients alike, and left out when not given', () => {
    expect(owned({ contactPoints: [REFUSED], drainTimeout: 0 }).drainTimeout).toBe(0);
    expect(owned({ contactPoints: [REFUSED] }).drainTimeout).toBeUndefined();
    expect(planConnection('c1', { client: idleClient(), drainTimeout: 2_000 })).toMatchObject({ kind: 'provided', drainTimeout: 2_000 });
  });

  it('must be a whole number of milliseconds from 0 to the largest timer delay', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, 2 ** 31, '100', null]) {
      expect(() => planConnection('c1', { contactPoints: [REFUSED], drainTimeout: bad as never })).toThrow(ConfigurationError);
    }
    expect(() => planConnection('c1', { contactPoints: [REFUSED], drainTimeout: -1 })).toThrow(/drainTimeout of connection 'c1'/);
  });
});
