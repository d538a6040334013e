// toCQL() of reads: every clause, identifier quoting, bound values, validation before sending.
import { ConnectionRegistry, QueryBuildError, ValidationError } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import { query, type Query } from '../src';
import { Automobile, Garage, PageViews, lazyRegistry } from './fixtures';

let registry: ConnectionRegistry;
beforeAll(async () => {
  registry = await lazyRegistry();
});
afterAll(() => registry.shutdown());

const auto = () => query(Automobile, { registry });
const garage = () => query(Garage, { registry });

describe('select clauses', () => {
  it('selects every column of "ks"."table" with no hidden LIMIT', () => {
    expect(auto().toCQL()).toEqual({ cql: 'SELECT * FROM "ks0"."automobile"', params: [] });
  });

  it('where({...}) is equality on each column, values bound', () => {
    expect(auto().where({ manufacturer: 'Tesla', year: 2020 }).toCQL()).toEqual({
      cql: 'SELECT * FROM "ks0"."automobile" WHERE "manufacturer" = ? AND "year" = ?',
      params: ['Tesla', 2020],
    });
  });

  it.each([['=', '='], ['<', '<'], ['<=', '<='], ['>', '>'], ['>=', '>=']] as const)('where(col, %s, v)', (op, cql) => {
    const q = auto().where('manufacturer', '=', 'honda').where('year', op, 2010);
    expect(q.toCQL()).toEqual({
      cql: `SELECT * FROM "ks0"."automobile" WHERE "manufacturer" = ? AND "year" ${cql} ?`,
      params: ['honda', 2010],
    });
  });

  it('in binds the whole list to one marker', () => {
    expect(auto().where('manufacturer', 'in', ['a', 'b', 'c']).toCQL()).toEqual({
      cql: 'SELECT * FROM "ks0"."automobile" WHERE "manufacturer" IN ?',
      params: [['a', 'b', 'c']],
    });
  });

  it('in with an empty list is a QueryBuildError', () => {
    expect(() => auto().where('manufacturer', 'in', [])).toThrow(QueryBuildError);
  });

  it('contains on list, set and map values; containsKey on maps', () => {
    const q = garage()
      .where('tags', 'contains', 'red')
      .where('labels', 'contains', 'x')
      .where('ratings', 'contains', 5)
      .where('ratings', 'containsKey', 'speed')
      .allowFiltering();
    expect(q.toCQL()).toEqual({
      cql:
        'SELECT * FROM "shop"."garage" WHERE "tags" CONTAINS ? AND "labels" CONTAINS ? AND "ratings" CONTAINS ? ' +
        'AND "ratings" CONTAINS KEY ? ALLOW FILTERING',
      params: ['red', 'x', 5, 'speed'],
    });
  });

  it('contains validates the element against the collection element type', () => {
    expect(() => garage().where('ratings', 'contains', 'five' as unknown as number)).toThrow(ValidationError);
    expect(() => (garage() as Query<typeof Garage>).where('name' as 'tags', 'contains', 'a')).toThrow(QueryBuildError);
    expect(() => garage().where('tags' as 'ratings', 'containsKey', 'a')).toThrow(QueryBuildError);
  });

  it('token ranges over the (composite) partition key', () => {
    expect(query(PageViews, { registry }).whereToken('>', { page: 'p', day: '2024-01-02' }).toCQL()).toEqual({
      cql: 'SELECT * FROM "stats"."page_views" WHERE token("page", "day") > token(?, ?)',
      params: ['p', expect.anything()],
    });
    expect(() => query(PageViews, { registry }).whereToken('>', { page: 'p' } as never)).toThrow(QueryBuildError);
    expect(() => auto().whereToken('!=' as '>', { manufacturer: 'a' })).toThrow(QueryBuildError);
  });

  it('select narrows to db names; orderBy, per partition limit, limit, allow filtering, distinct', () => {
    const q = garage()
      .select('owner', 'userId', 'name')
      .where({ owner: 'ann' })
      .orderBy('slot', 'desc')
      .perPartitionLimit(2)
      .limit(10)
      .allowFiltering();
    expect(q.toCQL()).toEqual({
      cql:
        'SELECT "owner", "user_id", "name" FROM "shop"."garage" WHERE "owner" = ? ORDER BY "slot" DESC ' +
        'PER PARTITION LIMIT ? LIMIT ? ALLOW FILTERING',
      params: ['ann', 2, 10],
    });
    expect(garage().distinct().toCQL().cql).toBe('SELECT DISTINCT "owner" FROM "shop"."garage"');
    expect(garage().select('owner', 'city').distinct().toCQL().cql).toBe('SELECT DISTINCT "owner", "city" FROM "shop"."garage"');
  });

  it('rejects unknown columns, bad values and bad options before anything is sent', () => {
    expect(() => auto().where({ nope: 1 } as never)).toThrow(QueryBuildError);
    expect(() => auto().where('nope' as 'year', '=', 1)).toThrow(QueryBuildError);
    expect(() => auto().where('year', '=', 'x' as unknown as number)).toThrow(ValidationError);
    expect(() => auto().where('year', 'like' as '=', 1)).toThrow(QueryBuildError);
    expect(() => auto().where('notes', '=', null as unknown as string)).toThrow(QueryBuildError);
    expect(() => auto().where({})).toThrow(QueryBuildError);
    expect(() => auto().select('nope' as 'year')).toThrow(QueryBuildError);
    expect(() => auto().select(...([] as never as ['year']))).toThrow(QueryBuildError); // the types refuse select()
    expect(() => auto().orderBy('price' as 'year')).toThrow(QueryBuildError);
    expect(() => auto().orderBy('year', 'up' as 'asc')).toThrow(QueryBuildError);
    expect(() => auto().limit(0)).toThrow(QueryBuildError);
    expect(() => auto().limit(1.5)).toThrow(QueryBuildError);
    expect(() => auto().perPartitionLimit(-1)).toThrow(QueryBuildError);
    expect(() => auto().fetchSize(0)).toThrow(QueryBuildError);
    expect(() => auto().timeout(0)).toThrow(QueryBuildError);
    expect(() => auto().consistency('nope' as 'one')).toThrow(/consistency/);
  });

  it('quotes identifiers exactly, keeping case and reserved words safe', () => {
    const Odd = defineModel({
      table: 'Select',
      keyspace: 'MyKs',
      columns: { from: t.text(), Where: t.int().dbName('order') },
      partitionKey: ['from'],
      clusteringKey: ['Where'],
    });
    expect(query(Odd, { registry }).where({ from: 'x' }).orderBy('Where', 'asc').select('Where').toCQL().cql).toBe(
      'SELECT "order" FROM "MyKs"."Select" WHERE "from" = ? ORDER BY "order" ASC',
    );
  });

  it('encodes values through the codec (uuid, date) and never puts them in the CQL text', () => {
    const id = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    const compiled = garage().where({ owner: "o'brien; DROP TABLE x" }).where('userId', '=', id).allowFiltering().toCQL();
    expect(compiled.cql).not.toContain('brien');
    expect(compiled.cql).not.toContain(id);
    expect(String(compiled.params[1])).toBe(id);
    expect(compiled.params[0]).toBe("o'brien; DROP TABLE x");
  });
});
