// Compile-time tests of vector search and select expressions (checked by `tsc -p tsconfig.test.json`):
// every narrowing of the row type, and every misuse as a `@ts-expect-error` line.
import { ConnectionRegistry } from '@cassia/core';
import { expectTypeOf } from 'expect-type';
import { query } from '../src';
import { Doc } from './vector-fixtures';

const registry = new ConnectionRegistry();
const docs = query(Doc, { registry });
const v = [0.1, 0.2, 0.3];

// Never called: only type-checked.
function typeOnly(): void {
  // ---- orderByAnn: vector columns only, the row type unchanged ----
  const nearest = docs.where({ tenant: 'a' }).orderByAnn('embedding', v).limit(10);
  expectTypeOf(nearest.all()).resolves.toEqualTypeOf<Awaited<ReturnType<typeof docs.all>>>();
  // @ts-expect-error ANN on a text column
  docs.orderByAnn('title', v);
  // @ts-expect-error ANN on a set column
  docs.orderByAnn('tags', v);
  // @ts-expect-error the query vector is a list of numbers
  docs.orderByAnn('embedding', ['a']);

  // ---- selectSimilarity adds `alias: number` ----
  const scored = docs.selectSimilarity('cosine', 'embedding', v, 'score').orderByAnn('embedding', v).limit(3);
  expectTypeOf(scored.first()).resolves.toEqualTypeOf<
    | { tenant: string; id: number; title: string | null; price: number | null; views: bigint | null; ratio: number | null; tags: Set<string>; embedding: number[] | null; score: number }
    | undefined
  >();
  const narrow = docs.select('id').selectSimilarity('euclidean', 'embedding', v, 'distance');
  expectTypeOf(narrow.first()).resolves.toEqualTypeOf<{ id: number; distance: number } | undefined>();
  // @ts-expect-error the alias names a column
  docs.selectSimilarity('cosine', 'embedding', v, 'title');
  // @ts-expect-error the alias is already in the row
  narrow.selectSimilarity('cosine', 'embedding', v, 'distance');
  // @ts-expect-error similarity of a non-vector column
  docs.selectSimilarity('cosine', 'price', v, 'score');
  // @ts-expect-error an unknown similarity function
  docs.selectSimilarity('manhattan', 'embedding', v, 'score');

  // ---- writetime / ttl ----
  const meta = docs.select('id').selectWritetime('title', 'written').selectTtl('price', 'left');
  expectTypeOf(meta.first()).resolves.toEqualTypeOf<{ id: number; written: bigint | null; left: number | null } | undefined>();
  // @ts-expect-error a key column has no write time
  docs.selectWritetime('id', 'w');
  // @ts-expect-error a non-frozen collection is many cells
  docs.selectTtl('tags', 'w');

  // ---- aggregates: typed by their column ----
  const totals = docs.where({ tenant: 'a' }).aggregate((f) => ({ n: f.count(), low: f.min('price'), last: f.max('title'), total: f.sum('views'), mean: f.avg('ratio') }));
  expectTypeOf(totals.first()).resolves.toEqualTypeOf<{ n: number; low: number | null; last: string | null; total: bigint; mean: number } | undefined>();
  const perTenant = docs.select('tenant').aggregate((f) => ({ n: f.count('price') })).groupBy('tenant');
  expectTypeOf(perTenant.all()).resolves.toEqualTypeOf<{ tenant: string; n: number }[]>();
  // @ts-expect-error sum over text
  docs.aggregate((f) => ({ s: f.sum('title') }));
  // @ts-expect-error avg over a vector
  docs.aggregate((f) => ({ s: f.avg('embedding') }));
  // @ts-expect-error min over a collection
  docs.aggregate((f) => ({ s: f.min('tags') }));
  // @ts-expect-error an aggregate alias that names a column
  docs.aggregate((f) => ({ price: f.count() }));
  // @ts-expect-error GROUP BY a regular column
  docs.groupBy('title');

  // ---- raw: typed rows ----
  expectTypeOf(docs.raw('SELECT * FROM {table} WHERE tenant = ?', ['a'])).resolves.toEqualTypeOf<Awaited<ReturnType<typeof docs.all>>>();
  expectTypeOf(docs.raw<{ id: number }>('SELECT id FROM {table}')).resolves.toEqualTypeOf<{ id: number }[]>();
}

it('type tests compile', () => {
  expect(typeof typeOnly).toBe('function');
});
