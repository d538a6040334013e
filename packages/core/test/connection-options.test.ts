// Registration options: what may be combined, and the driver options Cassia builds from them.
import { auth, types } from 'cassandra-driver';
import { ConfigurationError, InvalidIdentifierError, type RegisterOptions } from '@cassia/core';
import { planConnection } from '../src/connection-options';
import { idleClient, REFUSED } from './helpers';

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
    });
    expect(plan.clientOptions).not.toHaveProperty('keyspace');
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
        encoding: { useBigIntAsVarint: false, useUndefinedAsUnset: true },
        pooling: { warmup: false },
      },
    });
    expect(plan.clientOptions.localDataCenter).toBe('dc2');
    expect(plan.clientOptions.socketOptions).toEqual({ connectTimeout: 1234 });
    expect(plan.clientOptions.pooling).toEqual({ warmup: false });
    expect(plan.clientOptions.encoding).toEqual({ map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: false, useUndefinedAsUnset: true });
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
    expect(planConnection('c3', { client, keyspace: 'ks1' })).toEqual({ kind: 'provided', client, keyspace: 'ks1', allowSystemKeyspaces: false });
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
