// The checks every package shares through @cassia/core/internal: unknown option keys, whole
// numbers in a range, 64-bit write timestamps and connection names.
import { ConfigurationError } from '@cassia/core';
import { assertKnownOptions, checkConnectionName, isInt64Timestamp, isIntegerInRange } from '@cassia/core/internal';

describe('assertKnownOptions', () => {
  const allowed = new Set(['connection', 'keyspace']);

  it('passes an object whose own keys are all allowed, whatever it inherits', () => {
    expect(() => assertKnownOptions({ connection: 'c1' }, allowed, 'using')).not.toThrow();
    expect(() => assertKnownOptions(Object.create({ polluted: true }) as object, allowed, 'using')).not.toThrow();
  });

  it('names the unknown keys, escaped, and lists the allowed ones (or the advice given)', () => {
    expect(() => assertKnownOptions({ conection: 'c1' }, allowed, 'using')).toThrow(ConfigurationError);
    expect(() => assertKnownOptions({ conection: 'c1' }, allowed, 'using')).toThrow(
      "Unknown option(s) 'conection' for using: allowed are connection, keyspace.",
    );
    expect(() => assertKnownOptions({ 'a\nb': 1 }, allowed, 'bind', 'use bind(Model, { ... })')).toThrow(
      "Unknown option(s) 'a\\nb' for bind: use bind(Model, { ... }).",
    );
  });

  it('names at most ten keys and never a value', () => {
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`key${i}`, `secret-value-${i}`]));
    let message = '';
    try {
      assertKnownOptions(many, allowed, 'batch()');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("'key9' and 15 more");
    expect(message).not.toContain('key10');
    expect(message).not.toContain('secret-value');
  });
});

describe('isIntegerInRange', () => {
  it('accepts safe integers within the bounds, both included', () => {
    expect(isIntegerInRange(1, 1, 10)).toBe(true);
    expect(isIntegerInRange(10, 1, 10)).toBe(true);
    expect(isIntegerInRange(0, 0)).toBe(true);
    expect(isIntegerInRange(Number.MAX_SAFE_INTEGER, 1)).toBe(true);
  });

  it('refuses what is outside, fractional, unsafe or not a number', () => {
    for (const value of [0, 11, 1.5, NaN, Infinity, 2 ** 53, '5', 5n, null, undefined]) {
      expect(isIntegerInRange(value, 1, value === 2 ** 53 ? Number.MAX_VALUE : 10)).toBe(false);
    }
  });
});

describe('isInt64Timestamp', () => {
  it('accepts safe integer numbers and bigints within a signed 64-bit integer', () => {
    for (const value of [0, -1, Number.MAX_SAFE_INTEGER, -(2n ** 63n), 2n ** 63n - 1n, 1_700_000_000_000_000n]) {
      expect(isInt64Timestamp(value)).toBe(true);
    }
  });

  it('refuses bigints beyond 64 bits, unsafe or fractional numbers and other types', () => {
    for (const value of [2n ** 63n, -(2n ** 63n) - 1n, 2 ** 53, 1.5, NaN, '1', null]) {
      expect(isInt64Timestamp(value)).toBe(false);
    }
  });
});

describe('checkConnectionName', () => {
  it('returns a non-empty string as it is', () => {
    expect(checkConnectionName('cluster1')).toBe('cluster1');
    expect(checkConnectionName(' ')).toBe(' ');
  });

  it('refuses anything else with a ConfigurationError that describes the value and says where', () => {
    expect(() => checkConnectionName('')).toThrow("A connection name must be a non-empty string, got ''.");
    expect(() => checkConnectionName(42, 'batch()')).toThrow('batch(): a connection name must be a non-empty string, got 42.');
    expect(() => checkConnectionName(Object.create(null), 'using')).toThrow(ConfigurationError);
    expect(() => checkConnectionName(Object.create(null), 'using')).toThrow('got an object without a prototype');
  });
});
