import { normalizeCqlType, sameCqlType } from '../src/internal';

describe('normalizeCqlType', () => {
  it.each([
    ['text', 'text'],
    ['VARCHAR', 'text'],
    ['frozen<map<text, int>>', 'frozen<map<text, int>>'],
    ['FROZEN< MAP<TEXT,INT> >', 'frozen<map<text, int>>'],
    ['list<frozen<address>>', 'list<address>'],
    ['list<frozen<"Addr">>', 'list<"Addr">'],
    ['list<frozen<"ks"."Addr">>', 'list<"Addr">'],
    ['list<frozen<ks.address>>', 'list<address>'],
    ['"address"', 'address'],
    ['vector<float, 3>', 'vector<float, 3>'],
    ['vector<FLOAT,3>', 'vector<float, 3>'],
    ['tuple<int, text>', 'frozen<tuple<int, text>>'],
    ['frozen<tuple<int, text>>', 'frozen<tuple<int, text>>'],
    ['map<text, frozen<tuple<int, varchar>>>', 'map<text, tuple<int, text>>'],
    ['frozen<map<text, frozen<list<int>>>>', 'frozen<map<text, list<int>>>'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCqlType(input)).toBe(expected);
  });

  it('keeps top-level frozenness meaningful', () => {
    expect(sameCqlType('frozen<list<int>>', 'list<int>')).toBe(false);
    expect(sameCqlType('frozen<address>', 'address')).toBe(false);
  });

  it('tells different types apart', () => {
    expect(sameCqlType('int', 'bigint')).toBe(false);
    expect(sameCqlType('map<text, int>', 'map<int, text>')).toBe(false);
    expect(sameCqlType('vector<float, 3>', 'vector<float, 4>')).toBe(false);
    expect(sameCqlType('"Addr"', 'addr')).toBe(false);
  });

  it('compares text it cannot parse as written (without spacing)', () => {
    expect(normalizeCqlType("'org.example.MyType'")).toBe("'org.example.MyType'");
    expect(sameCqlType('list<int', 'list<int')).toBe(true);
  });
});
