// toCQL() of vector search and select expressions: ANN ordering, similarity scores, writetime/ttl,
// aggregates and GROUP BY, with every value bound and every misuse refused before sending.
import { ConnectionRegistry, InvalidIdentifierError, QueryBuildError, ValidationError } from '@cassia/core';
import { types } from 'cassandra-driver';
import { query } from '../src';
import { lazyRegistry } from './fixtures';
import { Doc } from './vector-fixtures';

let registry: ConnectionRegistry;
beforeAll(async () => {
  registry = await lazyRegistry();
});
afterAll(() => registry.shutdown());

const docs = () => query(Doc, { registry });
const v = [0.1, 0.2, 0.3];

function vectorOf(value: unknown): number[] {
  expect(value).toBeInstanceOf(types.Vector);
  return Array.from(value as Iterable<number>);
}

describe('orderByAnn', () => {
  it('orders by ANN OF a bound vector, after WHERE and before LIMIT', () => {
    const { cql, params } = docs().where({ tenant: 'a' }).orderByAnn('embedding', v).limit(10).toCQL();
    expect(cql).toBe('SELECT * FROM "ks0"."doc" WHERE "tenant" = ? ORDER BY "embedding" ANN OF ? LIMIT ?');
    expect(params[0]).toBe('a');
    expect(vectorOf(params[1])).toEqual([0.1, 0.2, 0.3]);
    expect(params[2]).toBe(10);
  });

  it('refuses a vector whose length is not the dimension (ValidationError)', () => {
    expect(() => docs().orderByAnn('embedding', [1, 2])).toThrow(ValidationError);
    expect(() => docs().orderByAnn('embedding', [1, 2, 3, 4])).toThrow(ValidationError);
    expect(() => docs().orderByAnn('embedding', ['a', 'b', 'c'] as never)).toThrow(ValidationError);
  });

  it('refuses a column that is not a vector', () => {
    expect(() => docs().orderByAnn('title' as 'embedding', v)).toThrow(/must be a vector column/);
    expect(() => docs().orderByAnn('nope' as 'embedding', v)).toThrow(QueryBuildError);
  });

  it('needs a limit from 1 to 1000', () => {
    const ann = docs().orderByAnn('embedding', v);
    expect(() => ann.toCQL()).toThrow(/needs limit\(n\) with n from 1 to 1000/);
    expect(() => ann.limit(1001).toCQL()).toThrow(QueryBuildError);
    expect(ann.limit(1000).toCQL().params).toHaveLength(2);
  });

  it('first() reads LIMIT 1; count() and orderBy() are refused', async () => {
    await expect(docs().orderByAnn('embedding', v).count()).rejects.toThrow(QueryBuildError);
    expect(() => docs().where({ tenant: 'a' }).orderBy('id').orderByAnn('embedding', v).limit(3).toCQL()).toThrow(/cannot be combined with orderBy/);
    expect(() => docs().orderByAnn('embedding', v).orderByAnn('embedding', v)).toThrow(/called already/);
  });

  it('leaves the earlier builder unchanged', () => {
    const base = docs().limit(5);
    base.orderByAnn('embedding', v);
    expect(base.toCQL().cql).toBe('SELECT * FROM "ks0"."doc" LIMIT ?');
  });
});

describe('selectSimilarity', () => {
  it.each(['cosine', 'dot_product', 'euclidean'] as const)('similarity_%s beside every column, the vector bound first', (fn) => {
    const { cql, params } = docs().selectSimilarity(fn, 'embedding', v, 'score').orderByAnn('embedding', v).limit(3).toCQL();
    expect(cql).toBe(
      `SELECT "tenant", "id", "title", "price", "views", "ratio", "tags", "embedding", similarity_${fn}("embedding", ?) AS "score" ` +
        'FROM "ks0"."doc" ORDER BY "embedding" ANN OF ? LIMIT ?',
    );
    expect(params).toHaveLength(3);
    expect(vectorOf(params[0])).toHaveLength(3);
  });

  it('beside the selected columns only', () => {
    expect(docs().select('id').selectSimilarity('cosine', 'embedding', v, 'score').toCQL().cql).toBe(
      'SELECT "id", similarity_cosine("embedding", ?) AS "score" FROM "ks0"."doc"',
    );
  });

  it('refuses an alias that names a column, repeats, or is no identifier', () => {
    expect(() => docs().selectSimilarity('cosine', 'embedding', v, 'title' as never)).toThrow(/names a column/);
    const scored = docs().selectSimilarity('cosine', 'embedding', v, 'score');
    expect(() => scored.selectSimilarity('euclidean', 'embedding', v, 'score' as never)).toThrow(/used twice/);
    expect(() => docs().selectSimilarity('cosine', 'embedding', v, 'a b' as never)).toThrow(InvalidIdentifierError);
    expect(() => docs().selectSimilarity('cosine', 'embedding', v, 'x" FROM t; --' as never)).toThrow(InvalidIdentifierError);
  });

  it('refuses an unknown function and a wrong vector', () => {
    expect(() => docs().selectSimilarity('manhattan' as never, 'embedding', v, 's')).toThrow(/'cosine', 'dot_product' or 'euclidean'/);
    expect(() => docs().selectSimilarity('cosine', 'embedding', [1], 's')).toThrow(ValidationError);
  });
});

describe('writetime and ttl', () => {
  it('selects WRITETIME and TTL of a regular column under their aliases', () => {
    expect(docs().select('id').selectWritetime('title', 'written').selectTtl('title', 'left').toCQL().cql).toBe(
      'SELECT "id", WRITETIME("title") AS "written", TTL("title") AS "left" FROM "ks0"."doc"',
    );
  });

  it('refuses key columns and non-frozen collections', () => {
    expect(() => docs().selectWritetime('id' as never, 'w')).toThrow(QueryBuildError);
    expect(() => docs().selectTtl('tags' as never, 'w')).toThrow(QueryBuildError);
  });
});

describe('aggregates and GROUP BY', () => {
  it('reads only the aggregates without select()', () => {
    const q = docs().where({ tenant: 'a' }).aggregate((f) => ({ n: f.count(), priced: f.count('price'), low: f.min('price'), high: f.max('title'), total: f.sum('views'), mean: f.avg('ratio') }));
    expect(q.toCQL()).toEqual({
      cql:
        'SELECT COUNT(*) AS "n", COUNT("price") AS "priced", MIN("price") AS "low", MAX("title") AS "high", SUM("views") AS "total", AVG("ratio") AS "mean" ' +
        'FROM "ks0"."doc" WHERE "tenant" = ?',
      params: ['a'],
    });
  });

  it('groups by a primary key prefix, beside the selected columns', () => {
    expect(docs().select('tenant').aggregate((f) => ({ n: f.count() })).groupBy('tenant').toCQL().cql).toBe(
      'SELECT "tenant", COUNT(*) AS "n" FROM "ks0"."doc" GROUP BY "tenant"',
    );
    expect(docs().groupBy('tenant', 'id').aggregate((f) => ({ n: f.count() })).toCQL().cql).toBe('SELECT COUNT(*) AS "n" FROM "ks0"."doc" GROUP BY "tenant", "id"');
  });

  it('refuses GROUP BY that is no key prefix', () => {
    expect(() => docs().groupBy('id' as never)).toThrow(/prefix of the primary key/);
    expect(() => docs().groupBy('title' as never)).toThrow(QueryBuildError);
  });

  it('refuses sum over text, aggregates not made by the callback, and mixing with per-row expressions', () => {
    expect(() => docs().aggregate((f) => ({ s: f.sum('title' as never) }))).toThrow(/needs a numeric column/);
    expect(() => docs().aggregate(() => ({ s: { kind: 'sum', column: 'price' } }) as never)).toThrow(/must be made by the callback/);
    expect(() => docs().aggregate(() => ({}))).toThrow(/at least one/);
    expect(() => docs().aggregate((f) => ({ price: f.count() }) as never)).toThrow(/names a column/);
    expect(() => docs().selectWritetime('title', 'w').aggregate((f) => ({ n: f.count() }))).toThrow(/cannot be combined/);
    expect(() => docs().aggregate((f) => ({ n: f.count() })).distinct().toCQL()).toThrow(/distinct/);
  });
});

describe('raw', () => {
  it('refuses what is not a SELECT, and values not given as a list', async () => {
    await expect(docs().raw('DELETE FROM {table}')).rejects.toThrow(/SELECT/);
    await expect(docs().raw('SELECT * FROM {table} WHERE tenant = ?', 'a' as never)).rejects.toThrow(/array/);
  });
});
