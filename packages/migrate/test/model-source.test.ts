// schema pull's source writer, on plain descriptions: type texts to t.* calls, keys and clustering
// order, static columns, indexes, options that differ from the defaults, type order by dependency.
import type { KeyspaceSchema, TableDescription } from '@cassia/management/internal';
import { cqlTypeSource, userTypesIn } from '../src/cql-type-source';
import { modelSource } from '../src/model-source';

const udt = (name: string) => `${name}Type`;

describe('cqlTypeSource', () => {
  it.each([
    ['text', 't.text()'],
    ['frozen<map<text, frozen<list<int>>>>', 't.frozen(t.map(t.text(), t.frozen(t.list(t.int()))))'],
    ['set<timeuuid>', 't.set(t.timeuuid())'],
    ['tuple<int, text, frozen<address>>', 't.tuple(t.int(), t.text(), t.frozen(t.udt(addressType)))'],
    ['vector<float, 3>', 't.vector(t.float(), 3)'],
    ['frozen<"Odd""Name">', 't.frozen(t.udt(Odd"NameType))'],
    ['counter', 't.counter()'],
  ])('%s → %s', (text, source) => {
    expect(cqlTypeSource(text, udt)).toBe(source);
  });

  it('names the user types a type refers to, and refuses text it cannot read', () => {
    expect(userTypesIn('map<frozen<a>, frozen<list<frozen<b>>>>')).toEqual(['a', 'b']);
    expect(() => cqlTypeSource('map<text', udt)).toThrow(/expected '>'/);
    expect(() => cqlTypeSource('list<int> extra', udt)).toThrow(/the end of the type/);
  });
});

describe('modelSource', () => {
  const events: TableDescription = {
    name: 'events',
    columns: [
      { name: 'note', kind: 'static', position: -1, clusteringOrder: 'none', type: 'text' },
      { name: 'seq', kind: 'clustering', position: 1, clusteringOrder: 'asc', type: 'int' },
      { name: 'at', kind: 'clustering', position: 0, clusteringOrder: 'desc', type: 'timeuuid' },
      { name: 'day', kind: 'partition_key', position: 0, clusteringOrder: 'none', type: 'date' },
      { name: 'Spot', kind: 'regular', position: -1, clusteringOrder: 'none', type: 'frozen<place>' },
    ],
    indexes: [{ name: 'events_note', kind: 'COMPOSITES', options: { target: 'keys(m)' } }],
    options: {
      comment: 'kept',
      default_time_to_live: 0,
      gc_grace_seconds: 864000,
      caching: { keys: 'NONE', rows_per_partition: '100' },
      compression: { chunk_length_in_kb: '16', class: 'org.apache.cassandra.io.compress.LZ4Compressor' },
      extensions: {},
    },
  };
  const schema: KeyspaceSchema = {
    name: 'ks',
    settings: { name: 'ks', replication: {}, durableWrites: true },
    tables: new Map([['events', events]]),
    types: new Map([
      ['place', { name: 'place', fields: [{ name: 'at', type: 'frozen<point>' }] }],
      ['point', { name: 'point', fields: [{ name: 'x', type: 'double' }] }],
    ]),
    partitionKeyColumns: [],
  };

  it('writes defineType (dependencies first) and defineModel with keys in order', () => {
    const source = modelSource(schema, 'pulled');
    expect(source.startsWith("// pulled\nimport { defineModel, defineType, t } from '@cassia/schema';\n")).toBe(true);
    expect(source.indexOf('export const pointType')).toBeLessThan(source.indexOf('export const placeType'));
    expect(source).toContain('    at: t.frozen(t.udt(pointType)),');
    expect(source).toContain(
      [
        'export const events = defineModel({',
        '  table: "events",',
        '  columns: {',
        '    day: t.date(),',
        '    at: t.timeuuid(),',
        '    seq: t.int(),',
        '    note: t.text().static(),',
        '    Spot: t.frozen(t.udt(placeType)),',
        '  },',
        '  partitionKey: ["day"],',
        '  clusteringKey: [["at", \'desc\'], "seq"],',
        '  indexes: [',
        '    { name: "events_note", column: "m", target: \'keys\' },',
        '  ],',
        '  options: {',
        '    caching: { keys: "NONE", rows_per_partition: 100 },',
        '    comment: "kept",',
        '  },',
        '});',
      ].join('\n'),
    );
  });
});
