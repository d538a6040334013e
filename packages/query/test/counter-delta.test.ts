// A counter delta must fit 64 bits as Cassandra applies it: `col - ?` negates the delta, so
// decrement(-2^63) is refused before anything is sent (issue 25, item 9).
import { QueryBuildError } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import { decrement, increment, query } from '../src';

const Hits = defineModel({ table: 'hits', keyspace: 'ks', columns: { id: t.int(), n: t.counter() }, partitionKey: 'id' });
const hits = () => query(Hits).where({ id: 1 });

test('decrement(-2^63) is out of range once negated; the other extremes are not', () => {
  expect(() => hits().updateStatement({ n: decrement(-(2n ** 63n)) }).toCQL()).toThrow(QueryBuildError);
  expect(() => hits().updateStatement({ n: decrement(-(2n ** 63n)) }).toCQL()).toThrow(/decrement\(-9223372036854775808\) is out of the counter's 64-bit range/);
  expect(hits().updateStatement({ n: decrement(2n ** 63n - 1n) }).toCQL().params[0]).toBe(2n ** 63n - 1n);
  expect(hits().updateStatement({ n: decrement(-(2n ** 63n) + 1n) }).toCQL().params[0]).toBe(-(2n ** 63n) + 1n);
  expect(hits().updateStatement({ n: increment(-(2n ** 63n)) }).toCQL().params[0]).toBe(-(2n ** 63n));
  expect(() => hits().updateStatement({ n: increment(2n ** 63n) }).toCQL()).toThrow(QueryBuildError);
});
