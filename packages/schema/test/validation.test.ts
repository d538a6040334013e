// Column value validation (ranges, formats) and model-level insert/partial validation.
import { ValidationError } from '@cassia/core';
import { defineModel, t, validateColumnValue, validateInsert, validatePartial } from '../src';
import { Car, PageViews } from './fixtures';

function issuesOf(fn: () => unknown): ValidationError['issues'] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('column validation', () => {
  const cases: [string, { safeParse(v: unknown): { success: boolean } }, unknown[], unknown[]][] = [
    ['int', t.int(), [0, 2147483647, -2147483648], [2147483648, -2147483649, 1.5, '1']],
    ['smallint', t.smallint(), [32767, -32768], [32768, -32769]],
    ['tinyint', t.tinyint(), [127, -128], [128, -129]],
    ['bigint', t.bigint(), [9223372036854775807n, -9223372036854775808n], [9223372036854775808n, 1]],
    ['counter', t.counter(), [1n], [2n ** 63n]],
    ['varint', t.varint(), [2n ** 200n, -(2n ** 200n)], [1]],
    ['ascii', t.ascii(), ['abc'], ['é']],
    ['decimal', t.decimal(), ['1.50', '-3', '0.000001', '1e5', '1E+3', '-2.5E-7'], ['abc', 1.5, '1e', '1.e5', '1e12345678901', '1e2147483649', '.5']],
    ['uuid', t.uuid(), ['6ba7b810-9dad-41d1-80b4-00c04fd430c8'], ['not-a-uuid']],
    ['timeuuid', t.timeuuid(), ['6ba7b810-9dad-11d1-80b4-00c04fd430c8'], ['6ba7b810-9dad-41d1-80b4-00c04fd430c8']],
    ['inet', t.inet(), ['10.0.0.1', '::1', '2001:db8::1'], ['10.0.0.256', 'host']],
    ['date', t.date(), ['2024-02-29'], ['2023-02-29', '2024-1-1']],
    ['time', t.time(), ['00:00:00', '23:59:59.999999999'], ['24:00:00', '12:00']],
    ['timestamp', t.timestamp(), [new Date(0)], [new Date('x'), 0]],
    ['blob', t.blob(), [Buffer.from('a')], ['a']],
    ['duration', t.duration(), [{ months: 1, days: 2, nanoseconds: 3n }, { months: -1, days: 0, nanoseconds: -5n }], [{ months: 1, days: -1, nanoseconds: 0n }]],
    ['vector', t.vector(t.float(), 2), [[1, 2]], [[1], [1, 2, 3]]],
    ['tuple', t.tuple(t.int(), t.text()), [[1, 'a']], [[1], ['a', 1]]],
    ['set', t.set(t.int()), [new Set([1])], [[1]]],
    ['map', t.map(t.text(), t.int()), [new Map([['a', 1]])], [{ a: 1 }]],
  ];
  it.each(cases)('%s accepts valid and rejects invalid values', (_name, column, good, bad) => {
    for (const value of good) expect(column.safeParse(value).success).toBe(true);
    for (const value of bad) expect(column.safeParse(value).success).toBe(false);
  });
});

describe('validateInsert', () => {
  it('applies defaults and returns parsed values', () => {
    const values = validateInsert(Car, { make: 'vw', year: 2020, model: 'golf' });
    expect(values).toEqual({ make: 'vw', year: 2020, model: 'golf', created: new Date(0) });
  });

  it('calls a default function per insert', () => {
    let n = 0;
    const M = defineModel({ table: 'd', columns: { id: t.int(), v: t.int().withDefault(() => ++n) }, partitionKey: 'id' });
    expect(validateInsert(M, { id: 1 }).v).toBe(1);
    expect(validateInsert(M, { id: 2 }).v).toBe(2);
    expect(validateInsert(M, { id: 3, v: 9 }).v).toBe(9);
  });

  it('collects issues with column paths: missing key, bad value, unknown column, null key', () => {
    const issues = issuesOf(() =>
      validateInsert(Car, { make: null, year: 1.5, bogus: 1, owners: [{ name: 5 }] } as never),
    );
    const paths = issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['make', 'year', 'model', 'bogus', 'owners.0.name']));
  });

  it('refuses counters on insert', () => {
    const issues = issuesOf(() => validateInsert(PageViews, { page: 'a', day: '2024-01-01', views: 1n } as never));
    expect(issues[0].path).toEqual(['views']);
  });

  it('allows null for non-key columns', () => {
    expect(validateInsert(Car, { make: 'a', year: 1, model: 'b', price: null })).toMatchObject({ price: null });
  });

  it('reads own properties only (enumerable or not, own getters too); inherited ones are absent', () => {
    class Listing {
      make = 'vw';
      get year(): number {
        return 2020;
      }
    }
    const values = Object.create(new Listing(), {
      make: { value: 'vw', enumerable: true },
      year: { get: () => 2021, enumerable: true },
      model: { value: 'golf', enumerable: false },
    }) as Record<string, unknown>;
    values.dealer = 'd';
    expect(validateInsert(Car, values as never)).toEqual({ make: 'vw', year: 2021, model: 'golf', dealer: 'd', created: new Date(0) });
    // The class's prototype getter and the inherited `make` field are not the caller's own values.
    const inheritedKey = Object.create(new Listing(), { model: { value: 'golf', enumerable: true } }) as Record<string, unknown>;
    expect(issuesOf(() => validateInsert(Car, inheritedKey as never)).map((issue) => issue.path.join('.'))).toEqual(['make', 'year']);
    // An inherited key that is not a column is not the caller's value: not reported.
    const inherited = Object.create({ bogus: 1 }, { make: { value: 'a', enumerable: true } }) as Record<string, unknown>;
    expect(issuesOf(() => validateInsert(Car, inherited as never)).map((issue) => issue.path.join('.'))).toEqual(['year', 'model']);
  });
});

describe('validatePartial / validateColumnValue', () => {
  it('validates only what is given', () => {
    expect(validatePartial(Car, { price: '1.0' })).toEqual({ price: '1.0' });
    expect(issuesOf(() => validatePartial(Car, { year: null } as never))[0].path).toEqual(['year']);
    expect(issuesOf(() => validatePartial(Car, { nope: 1 } as never))[0].code).toBe('unrecognized_keys');
  });

  it('validates one column', () => {
    expect(validateColumnValue(Car, 'features', new Set(['x']))).toEqual(new Set(['x']));
    expect(issuesOf(() => validateColumnValue(Car, 'year', 'x' as never))[0].path).toEqual(['year']);
  });

  it('puts the issues in the message', () => {
    expect(() => validatePartial(Car, { year: 'x' } as never)).toThrow(/model "cars": invalid values: year:/);
  });
});
