// Property tests (fast-check) of the query compiler through the public builders' toCQL():
// values never become CQL text (they are all bound), every identifier is double-quoted, and
// names that are not valid identifiers are rejected. No server needed.
import { InvalidIdentifierError, SchemaDefinitionError } from '@cassia/core';
import { isIdentifier } from '@cassia/core/internal';
import { append, query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import fc from 'fast-check';
// The shape cache would hand back the first CQL of a shape; clearing it makes every compile fresh,
// so "the CQL does not depend on the values" is really checked, not served from the cache.
import { clearCompiledShapes } from '../../packages/query/src/compiler';
import { report } from './support';

const RUNS = Number(process.env.CASSIA_PROPERTY_RUNS ?? 300);
let totalRuns = 0;
const params = <T>(p: fc.Parameters<T> = {}): fc.Parameters<T> => {
  totalRuns += p.numRuns ?? RUNS;
  return { numRuns: RUNS, ...p };
};

afterAll(() => report('property tests', { properties: 6, runsEach: RUNS, totalRuns }));

const Item = defineModel({
  table: 'item',
  keyspace: 'shop',
  columns: { id: t.text(), n: t.int(), big: t.bigint(), tags: t.list(t.text()), note: t.text() },
  partitionKey: ['id'],
  clusteringKey: ['n'],
});

// Strings that look like CQL: quotes, semicolons, comments, keywords.
const cqlish = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .array(fc.constantFrom("'", '"', ';', '--', '/*', '*/', ' OR 1=1', 'DROP TABLE x', '$$', '\\', '\n', '?', ':name', ')', 'shop', 'item'), { maxLength: 8 })
    .map((parts) => parts.join('')),
);
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

const KEYWORDS = new Set([
  'SELECT', 'FROM', 'WHERE', 'AND', 'IN', 'INSERT', 'INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE', 'IF', 'NOT', 'EXISTS',
  'USING', 'TTL', 'TIMESTAMP', 'LIMIT', 'ORDER', 'BY', 'ASC', 'DESC', 'ALLOW', 'FILTERING', 'DISTINCT', 'COUNT', 'CONTAINS',
  'KEY', 'TOKEN', 'PER', 'PARTITION', 'NULL',
]);

/** The CQL with every "quoted identifier" taken out, and the identifiers found. */
function splitQuoted(cql: string): { bare: string; identifiers: string[] } {
  const identifiers: string[] = [];
  const bare = cql.replace(/"((?:[^"]|"")*)"/g, (_, inner: string) => {
    identifiers.push(inner.replace(/""/g, '"'));
    return ' ';
  });
  return { bare, identifiers };
}

/** Every word outside double quotes is a CQL keyword: no bare identifier, no value text. */
function expectOnlyKeywordsOutsideQuotes(cql: string): void {
  const { bare } = splitQuoted(cql);
  expect(bare).not.toMatch(/['";$]|--|\/\*/);
  for (const word of bare.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) expect(KEYWORDS).toContain(word);
  for (const number of bare.match(/\d+/g) ?? []) expect(number).toBe(''); // no literal numbers either
}

function compileAll(values: { id: string; n: number; big: bigint; tags: string[]; note: string }) {
  clearCompiledShapes();
  const q = query(Item);
  return [
    q.where({ id: values.id }).where('n', '>=', values.n).limit(5).toCQL(),
    q.where('id', 'in', [values.id, values.note]).toCQL(),
    q.ttl(30).createStatement(values).toCQL(),
    q.where({ id: values.id, n: values.n }).ttl(60).updateStatement({ note: values.note, big: values.big, tags: append(...values.tags.slice(0, 3), 'x') }).toCQL(),
    q.where({ id: values.id, n: values.n }).if({ note: values.note }).deleteStatement(['tags']).toCQL(),
    q.where({ id: values.id }).allowFiltering().where('tags', 'contains', values.note).toCQL(),
  ];
}

// A partition key of one column is never empty (Cassandra refuses it; so does validation), and
// `note` is a partition key too in compileAll's IN list.
const nonEmpty = cqlish.filter((text) => text.length > 0);
const rowValues = fc.record({ id: nonEmpty, n: int32, big: int64, tags: fc.array(cqlish, { maxLength: 5 }), note: nonEmpty });

test('the CQL does not depend on the values: values are only ever bound', () => {
  const baseline = compileAll({ id: 'a', n: 1, big: 1n, tags: ['t'], note: 'b' }).map((c) => c.cql);
  fc.assert(
    fc.property(rowValues, (values) => {
      const compiled = compileAll(values);
      expect(compiled.map((c) => c.cql)).toEqual(baseline);
      for (const { cql } of compiled) expectOnlyKeywordsOutsideQuotes(cql);
    }),
    params(),
  );
});

test('no value text appears in the CQL, and the params carry every value exactly', () => {
  fc.assert(
    fc.property(rowValues, (values) => {
      const [select, inList, insert, update] = compileAll(values);
      const { identifiers } = splitQuoted(insert.cql);
      for (const text of [values.id, values.note, ...values.tags, String(values.n), String(values.big)]) {
        // A value may equal a column name by chance ("id"); otherwise it must not be in the text.
        if (text.length >= 3 && !identifiers.includes(text)) {
          for (const { cql } of [select, inList, insert, update]) expect(splitQuoted(cql).bare).not.toContain(text);
        }
      }
      expect(select.params).toEqual([values.id, values.n, 5]);
      expect(inList.params).toEqual([[values.id, values.note]]);
      expect(insert.params).toEqual(expect.arrayContaining([values.id, values.n, values.big, values.tags, values.note]));
      expect(update.params).toContain(values.big);
      expect(update.params).toContain(values.note);
      expect(update.params).toContainEqual([...values.tags.slice(0, 3), 'x']);
    }),
    params(),
  );
});

// Valid identifiers, reserved words included: they must come out quoted, never bare.
const identifier = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,47}$/),
  fc.constantFrom('select', 'from', 'where', 'key', 'token', 'ttl', 'limit', 'order', 'Key', 'userId', 'x'),
);

test('every identifier is double-quoted, whatever the names (reserved words included)', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(identifier, { minLength: 4, maxLength: 4, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
      identifier,
      identifier,
      nonEmpty,
      ([pk, ck, col, list], table, keyspace, value) => {
        clearCompiledShapes();
        const M = defineModel({
          table,
          keyspace,
          columns: { [pk]: t.text(), [ck]: t.int(), [col]: t.text(), [list]: t.list(t.text()) },
          partitionKey: [pk],
          clusteringKey: [ck],
        });
        const q = query(M) as unknown as ReturnType<typeof query>;
        const anyQ = q as unknown as {
          where(v: Record<string, unknown>): typeof anyQ;
          where(c: string, op: string, v: unknown): typeof anyQ;
          select(...c: string[]): { toCQL(): { cql: string } };
          orderBy(c: string, d: string): typeof anyQ;
          createStatement(v: Record<string, unknown>): { toCQL(): { cql: string } };
          updateStatement(v: Record<string, unknown>): { toCQL(): { cql: string } };
          deleteStatement(c?: string[]): { toCQL(): { cql: string } };
          toCQL(): { cql: string };
        };
        const statements = [
          anyQ.where({ [pk]: value }).where(ck, '>', 3).orderBy(ck, 'desc').toCQL(),
          anyQ.where({ [pk]: value }).select(col, list),
          anyQ.createStatement({ [pk]: value, [ck]: 1, [col]: value, [list]: [value] }),
          anyQ.where({ [pk]: value, [ck]: 1 }).updateStatement({ [col]: value, [list]: append(value) }),
          anyQ.where({ [pk]: value }).deleteStatement(),
        ].map((s) => ('cql' in s ? s.cql : s.toCQL().cql));
        for (const cql of statements) {
          expectOnlyKeywordsOutsideQuotes(cql);
          const { identifiers } = splitQuoted(cql);
          expect(identifiers.every((name) => [pk, ck, col, list, table, keyspace].includes(name))).toBe(true);
          expect(cql).toContain(`"${keyspace}"."${table}"`);
        }
      },
    ),
    params(),
  );
});

// Anything that is not an identifier: CQL fragments, spaces, quotes, unicode, too long, empty.
const notIdentifier = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    cqlish,
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{48,60}$/),
    fc.stringMatching(/^[0-9_][A-Za-z0-9_]{0,10}$/),
    fc.constantFrom('', ' ', 'a b', 'a;b', 'a"b', "a'b", 'a--b', 'a/*b*/', 'ks.tbl', 'ümlaut', 'a-b', 'x\u0000'),
  )
  .filter((name) => !isIdentifier(name));

test('invalid names are rejected wherever a name is taken', () => {
  fc.assert(
    fc.property(notIdentifier, (name) => {
      const define = (definition: Record<string, unknown>) => () => defineModel(definition as never);
      expect(define({ table: name, columns: { id: t.text() }, partitionKey: ['id'] })).toThrow(SchemaDefinitionError);
      expect(define({ table: 'ok', keyspace: name, columns: { id: t.text() }, partitionKey: ['id'] })).toThrow(SchemaDefinitionError);
      expect(define({ table: 'ok', columns: { id: t.text(), [name]: t.int() }, partitionKey: ['id'] })).toThrow(SchemaDefinitionError);
      expect(() => query(Item).using({ keyspace: name })).toThrow(InvalidIdentifierError);
    }),
    params(),
  );
});

test('a rejected name never reaches the compiler: toCQL() with a bad keyspace throws, it does not quote it', () => {
  fc.assert(
    fc.property(notIdentifier, (name) => {
      const M = defineModel({ table: 'item', columns: { id: t.text() }, partitionKey: ['id'] });
      expect(() => query(M).using({ keyspace: name }).toCQL()).toThrow(InvalidIdentifierError);
    }),
    params({ numRuns: Math.max(50, Math.round(RUNS / 3)) }),
  );
});

test('compiling is pure: the same builder compiles to the same statement, builders are not changed', () => {
  fc.assert(
    fc.property(rowValues, rowValues, (a, b) => {
      const base = query(Item).where({ id: a.id });
      const before = base.toCQL();
      base.where('n', '>', b.n).limit(3).toCQL();
      expect(base.toCQL()).toEqual(before);
    }),
    params({ numRuns: Math.max(50, Math.round(RUNS / 3)) }),
  );
});
