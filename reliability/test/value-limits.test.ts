// Unit checks of the two schema fixes the bad-input suite led to: a column refined with zod
// (a user-set size limit) stays a column, and key values over Cassandra's 65535-byte limit
// are refused by validation instead of being sent.
import { ValidationError } from '@cassia/core';
import { query } from '@cassia/query';
import { defineModel, isColumn, t, validateInsert } from '@cassia/schema';
import { z } from 'zod';

test('refine/check/superRefine keep a t.* column a column, with its CQL type and options', () => {
  const limited = t.text().refine((s) => s.length <= 3, 'too long');
  expect(isColumn(limited)).toBe(true);
  expect(limited.cql).toEqual({ kind: 'native', name: 'text' });
  expect(isColumn(t.blob().check(z.refine((b: Buffer) => b.length < 10)))).toBe(true);
  const renamed = t.int().dbName('n').refine((n) => n > 0);
  expect(renamed.columnOptions.dbName).toBe('n');
  expect(isColumn(renamed.static())).toBe(true);
  // Frozen collections clone their inner column; that path must still work.
  expect(t.frozen(t.list(t.text().refine((s) => s !== ''))).cql.kind).toBe('list');
});

test('a zod limit on a column is enforced on writes and where values', () => {
  const M = defineModel({
    table: 'm',
    keyspace: 'ks',
    columns: { id: t.text(), name: t.text().refine((s) => s.length <= 3, 'at most 3') },
    partitionKey: ['id'],
  });
  expect(() => validateInsert(M, { id: 'a', name: 'abcd' })).toThrow(ValidationError);
  expect(validateInsert(M, { id: 'a', name: 'abc' })).toEqual({ id: 'a', name: 'abc' });
  expect(() => query(M).where({ id: 'a' }).updateStatement({ name: 'abcd' })).toThrow(ValidationError);
});

test("primary key values over 65535 bytes are refused; 65535 bytes are fine; other columns are not limited", () => {
  const M = defineModel({
    table: 'm',
    keyspace: 'ks',
    columns: { id: t.text(), c: t.blob(), body: t.text() },
    partitionKey: ['id'],
    clusteringKey: ['c'],
  });
  const ok = { id: 'x'.repeat(65_535), c: Buffer.alloc(65_535), body: 'y'.repeat(200_000) };
  expect(() => validateInsert(M, ok)).not.toThrow();
  const error = (() => {
    try {
      validateInsert(M, { ...ok, id: 'é'.repeat(32_768), c: Buffer.alloc(65_536) });
    } catch (e) {
      return e as ValidationError;
    }
  })();
  expect(error).toBeInstanceOf(ValidationError);
  expect(error?.issues.map((issue) => [issue.path, issue.code])).toEqual([
    [['id'], 'too_big'],
    [['c'], 'too_big'],
  ]);
  expect(() => query(M).where({ id: 'x'.repeat(70_000) }).toCQL()).toThrow(ValidationError);
});
