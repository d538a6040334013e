// The query layer's side of the pipeline with a recording fake client: nothing is built while no
// middleware is registered; what a middleware changes (assign, onlyIf, ifNotExists, options) is
// what is sent; row() reads back the validated values by property name; info names columns by
// their database names and never holds a value.
import { MiddlewareError, type StatementInfo } from '@cassia/core';
import { query } from '../src';
import { QueryStatementCall } from '../src/statement-call';
import { Automobile, fakeRegistry } from './fixtures';

afterEach(() => jest.restoreAllMocks());

it('builds no call while the registry has no middleware, and one per statement once it has', async () => {
  const { registry } = await fakeRegistry([{ rows: [] }, { rows: [] }, { rows: [] }, { rows: [] }]);
  const reads = jest.spyOn(QueryStatementCall, 'read');
  const writes = jest.spyOn(QueryStatementCall, 'write');
  const cars = query(Automobile, { registry });
  await cars.create({ manufacturer: 'a', year: 1, model: 'x' });
  await cars.where({ manufacturer: 'a' }).first();
  expect(reads).not.toHaveBeenCalled();
  expect(writes).not.toHaveBeenCalled();
  const stop = registry.use(async (_statement, next) => next());
  await cars.create({ manufacturer: 'a', year: 1, model: 'x' });
  await cars.where({ manufacturer: 'a' }).first();
  stop();
  expect(reads).toHaveBeenCalledTimes(1);
  expect(writes).toHaveBeenCalledTimes(1);
  await registry.shutdown();
});

it('sends the write as middleware changed it, and row() reads its values back by property name', async () => {
  const { registry, calls } = await fakeRegistry([{ rows: [] }, { rows: [{ '[applied]': true }] }, { rows: [{ '[applied]': true }] }]);
  const infos: StatementInfo[] = [];
  const rows: unknown[] = [];
  registry.use(Automobile, async (statement, next) => {
    rows.push(statement.row());
    if (statement.info.kind === 'insert') {
      statement.assign('notes', 'checked');
      statement.assign('price', 5);
      statement.assign('price', 6);
      if (statement.info.columns.includes('remarks') && rows.length > 1) statement.ifNotExists();
    } else {
      statement.assign('notes', 'updated');
      statement.onlyIf('price', '=', 6);
    }
    statement.options.timeout = 999;
    infos.push(statement.info);
    return next();
  });
  const cars = query(Automobile, { registry });
  await cars.create({ manufacturer: 'a', year: 1, model: 'x' });
  await cars.ifNotExists().create({ manufacturer: 'b', year: 2, model: 'y' });
  await cars.where({ manufacturer: 'a', year: 1, model: 'x' }).ifExists().update({ price: 7 });
  expect(calls.map((call) => call.cql)).toEqual([
    'INSERT INTO "ks"."automobile" ("manufacturer", "year", "model", "remarks", "price") VALUES (?, ?, ?, ?, ?)',
    'INSERT INTO "ks"."automobile" ("manufacturer", "year", "model", "remarks", "price") VALUES (?, ?, ?, ?, ?) IF NOT EXISTS',
    'UPDATE "ks"."automobile" SET "price" = ?, "remarks" = ? WHERE "manufacturer" = ? AND "year" = ? AND "model" = ? IF "price" = ?',
  ]);
  expect(calls[0].params).toEqual(['a', 1, 'x', 'checked', 6]);
  expect(calls[2].params).toEqual([7, 'updated', 'a', 1, 'x', 6]);
  expect(calls.every((call) => call.options.readTimeout === 999)).toBe(true);
  expect(rows[0]).toEqual({ manufacturer: 'a', year: 1, model: 'x' });
  expect(rows[2]).toEqual({ manufacturer: 'a', year: 1, model: 'x', price: 7 });
  expect(infos[0]).toMatchObject({ kind: 'insert', operation: 'INSERT', table: 'automobile', model: 'automobile', keyspace: 'ks', connection: 'fake', conditional: false });
  expect(infos[0].columns).toEqual(['manufacturer', 'year', 'model', 'remarks', 'price']);
  expect(infos[2]).toMatchObject({ kind: 'update', conditional: true, columns: ['price', 'remarks'] });
  expect(Object.isFrozen(infos[0])).toBe(true);
  await registry.shutdown();
});

it('refuses changes a statement cannot take, before anything is sent', async () => {
  const { registry, calls } = await fakeRegistry([{ rows: [] }]);
  registry.use(async (statement, next) => {
    statement.assign('price', 1);
    return next();
  });
  await expect(query(Automobile, { registry }).where({ manufacturer: 'a' }).all()).rejects.toBeInstanceOf(MiddlewareError);
  await expect(query(Automobile, { registry }).where({ manufacturer: 'a' }).delete()).rejects.toBeInstanceOf(MiddlewareError);
  expect(calls).toHaveLength(0);
  await registry.shutdown();
});
