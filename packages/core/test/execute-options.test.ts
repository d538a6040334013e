// Translation of Cassia's execution options into the driver's QueryOptions.
import { types } from 'cassandra-driver';
import { ConfigurationError } from '@cassia/core';
import { MAX_TIMEOUT_MS, toConsistencyCode } from '@cassia/core/internal';
import { toQueryOptions } from '../src/execute-options';
import { inheritedNames } from './helpers';

describe('toQueryOptions', () => {
  it('always prepares', () => {
    expect(toQueryOptions({}, undefined)).toEqual({ prepare: true });
  });

  it('applies the connection default consistency unless the options give one', () => {
    expect(toQueryOptions({}, types.consistencies.quorum).consistency).toBe(types.consistencies.quorum);
    expect(toQueryOptions({ consistency: 'one' }, types.consistencies.quorum).consistency).toBe(types.consistencies.one);
    expect(toQueryOptions({ consistency: types.consistencies.all }, undefined).consistency).toBe(types.consistencies.all);
  });

  it('maps every option', () => {
    const options = toQueryOptions(
      {
        consistency: 'localQuorum',
        serialConsistency: 'localSerial',
        fetchSize: 50,
        pageState: 'abcd',
        timeout: 2500,
        timestamp: 1_700_000_000_000_000,
        isIdempotent: true,
        keyspace: 'ks1',
        logged: false,
        counter: true,
      },
      undefined,
    );
    expect(options).toEqual({
      prepare: true,
      consistency: types.consistencies.localQuorum,
      serialConsistency: types.consistencies.localSerial,
      fetchSize: 50,
      pageState: 'abcd',
      readTimeout: 2500,
      timestamp: 1_700_000_000_000_000,
      isIdempotent: true,
      logged: false,
      counter: true,
    });
    // keyspace is informational: sending it would make the driver switch the pooled connection's keyspace.
    expect(options).not.toHaveProperty('keyspace');
  });

  it('turns a bigint timestamp into a driver Long', () => {
    const timestamp = toQueryOptions({ timestamp: 9_007_199_254_740_993n }, undefined).timestamp;
    expect(timestamp).toBeInstanceOf(types.Long);
    expect(timestamp?.toString()).toBe('9007199254740993');
    expect(toQueryOptions({ timestamp: -5n }, undefined).timestamp?.toString()).toBe('-5');
  });

  it.each([
    [{ timestamp: 1.5 }],
    [{ timestamp: 2n ** 63n }],
    [{ fetchSize: 0 }],
    [{ fetchSize: 2.5 }],
    [{ timeout: -1 }],
    [{ timeout: 2 ** 31 }],
    [{ timeout: Number.POSITIVE_INFINITY }],
    [{ fetchSize: 2 ** 31 }],
    [{ isIdempotent: 'yes' as never }],
    [{ logged: 1 as never }],
    [{ pageState: 42 as never }],
    [{ consistency: 'mostly' as never }],
    [{ serialConsistency: 99 as never }],
  ])('rejects %p with ConfigurationError', (options) => {
    expect(() => toQueryOptions(options, undefined)).toThrow(ConfigurationError);
  });
});

describe('toQueryOptions with hostile input', () => {
  it('accepts the largest timeout Node can wait for, and refuses one more', () => {
    expect(toQueryOptions({ timeout: MAX_TIMEOUT_MS }, undefined).readTimeout).toBe(2 ** 31 - 1);
    expect(() => toQueryOptions({ timeout: MAX_TIMEOUT_MS + 1 }, undefined)).toThrow(/timeout .* from 1 to 2147483647/);
  });

  it('reads own properties only, and builds a bag that inherits nothing', () => {
    const options = toQueryOptions(Object.create({ consistency: 'all', timeout: 5, fetchSize: 1 }) as object, undefined);
    expect(options).toEqual({ prepare: true });
    expect(inheritedNames(options)).toEqual([]);
    const polluted = Object.prototype as Record<string, unknown>;
    try {
      polluted.fetchSize = 1;
      polluted.consistency = 'all';
      expect(toQueryOptions({}, undefined)).toEqual({ prepare: true });
      expect(toQueryOptions({}, undefined).fetchSize).toBeUndefined();
    } finally {
      delete polluted.fetchSize;
      delete polluted.consistency;
    }
  });

  const nullObject = Object.create(null) as never;
  it.each(['consistency', 'serialConsistency', 'fetchSize', 'pageState', 'timeout', 'timestamp', 'isIdempotent', 'logged', 'counter'])(
    'a null-prototype %s (querystring.parse output) is a ConfigurationError, not a TypeError',
    (key) => {
      let thrown: unknown;
      try {
        toQueryOptions({ [key]: nullObject }, undefined);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      expect((thrown as Error).message).toContain('an object without a prototype');
    },
  );

  it('options that are not an object are a ConfigurationError', () => {
    expect(() => toQueryOptions(null as never, undefined)).toThrow(ConfigurationError);
    expect(() => toQueryOptions('fast' as never, undefined)).toThrow(ConfigurationError);
  });
});

describe('toConsistencyCode', () => {
  it('accepts names and codes', () => {
    expect(toConsistencyCode('quorum')).toBe(types.consistencies.quorum);
    expect(toConsistencyCode(types.consistencies.localOne)).toBe(types.consistencies.localOne);
    expect(() => toConsistencyCode('toString' as never)).toThrow(ConfigurationError);
  });
});
