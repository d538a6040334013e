// describeValue and escapeInput: every value described safely and briefly, input echoed cut and escaped.
import fc from 'fast-check';
import { describeValue, escapeInput, MAX_ECHOED_LENGTH } from '@cassia/core/internal';

describe('escapeInput', () => {
  it('keeps ordinary text as it is', () => {
    expect(escapeInput('cluster_1 ümlaut 名前 🙂')).toBe('cluster_1 ümlaut 名前 🙂');
  });

  it('escapes newlines, ANSI escapes, other controls, bidi overrides and lone surrogates', () => {
    expect(escapeInput('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(escapeInput('\u001b[31mred\u001b[0m')).toBe('\\u001b[31mred\\u001b[0m');
    expect(escapeInput('x\u0000y\u007fz\u0085')).toBe('x\\u0000y\\u007fz\\u0085');
    expect(escapeInput('abc\u202Egpj.exe')).toBe('abc\\u202egpj.exe');
    expect(escapeInput('line\u2028sep')).toBe('line\\u2028sep');
    expect(escapeInput('alice\ud800')).toBe('alice\\ud800');
    expect(escapeInput('\udc00bob')).toBe('\\udc00bob');
  });

  it('cuts long input and says how long it was, never splitting a surrogate pair', () => {
    const long = 'a'.repeat(1 << 20);
    const shown = escapeInput(long);
    expect(shown).toBe(`${'a'.repeat(MAX_ECHOED_LENGTH)}… (${1 << 20} characters)`);
    const pairAtCut = `${'b'.repeat(9)}🙂tail`;
    expect(escapeInput(pairAtCut, 10)).toBe(`${'b'.repeat(9)}… (${pairAtCut.length} characters)`);
  });

  it('never lets a control character, line break or lone surrogate through, and stays bounded', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 1, max: 200 }), (text, max) => {
        const shown = escapeInput(text, max);
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
        expect(shown).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        expect(shown.length).toBeLessThanOrEqual(max * 6 + 30);
      }),
      { seed: 23, numRuns: 500 },
    );
  });
});

describe('describeValue', () => {
  it.each<[string, unknown, string]>([
    ['a string, quoted', 'ks1', "'ks1'"],
    ['a string with a newline, escaped', 'a\nb', "'a\\nb'"],
    ['a number', 42, '42'],
    ['NaN', Number.NaN, 'NaN'],
    ['minus zero', -0, '-0'],
    ['a small bigint', -12n, '-12n'],
    ['a huge bigint, by size', 2n ** 4000n, 'a bigint of about 4004 bits'],
    ['a boolean', false, 'false'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a symbol', Symbol('secret'), 'a symbol'],
    ['a function', () => 1, 'a function'],
    ['an array', [1, 2, 3], 'an array of 3 elements'],
    ['a Buffer', Buffer.alloc(5), 'a Buffer of 5 bytes'],
    ['a typed array', new Float32Array(2), 'a typed array of 8 bytes'],
    ['a Date', new Date(0), 'a Date'],
    ['a Map', new Map(), 'a Map'],
    ['a Set', new Set(), 'a Set'],
    ['a null-prototype object', Object.create(null), 'an object without a prototype'],
    ['a plain object', { password: 'x' }, 'an object'],
    ['a class instance', new (class Widget {})(), 'an instance of Widget'],
  ])('%s', (_, value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('cuts a long string inside its quotes', () => {
    expect(describeValue('x'.repeat(500), 4)).toBe("'xxxx…' (500 characters)");
  });

  it('calls nothing the value defines, and survives hostile objects', () => {
    const called = jest.fn();
    const hostile = {
      toString: called,
      valueOf: called,
      [Symbol.toPrimitive]: called,
      get constructor() {
        called();
        return Object;
      },
    };
    expect(describeValue(hostile)).toBe('an object');
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(describeValue(revoked.proxy)).toBe('an object');
    const trapping = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } });
    expect(describeValue(trapping)).toBe('an object');
    expect(called).not.toHaveBeenCalled();
  });

  it('never throws and stays short for any value', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), (value) => {
        expect(describeValue(value).length).toBeLessThan(MAX_ECHOED_LENGTH * 6 + 40);
      }),
      { seed: 23, numRuns: 500 },
    );
  });
});
