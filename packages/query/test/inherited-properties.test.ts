// Inherited properties are never options or values: a polluted Object.prototype (a vulnerable
// deep merge of request JSON elsewhere in the application) or an object with a prototype of its
// own changes no CQL, no bound value and no option the driver is given.
import { CassiaError, ConfigurationError, ConnectionRegistry, QueryBuildError } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import fc from 'fast-check';
import { batch, bind, put, query, type CompiledStatement } from '../src';
import { isUpdateOperation } from '../src/update-operations';
import { Automobile, fakeRegistry, lazyRegistry } from './fixtures';

const Account = defineModel({
  table: 'account',
  keyspace: 'sec_ta',
  columns: { id: t.text(), name: t.text(), role: t.text(), email: t.text(), tags: t.map(t.text(), t.int()) },
  partitionKey: ['id'],
});

let registry: ConnectionRegistry;
beforeAll(async () => {
  registry = await lazyRegistry();
});
afterAll(() => registry.shutdown());

const prototypeRecord = Object.prototype as Record<PropertyKey, unknown>;

/** Runs `fn` with `pollution` set on Object.prototype, and always removes it again. */
function withPollutedPrototype<T>(pollution: Record<PropertyKey, unknown>, fn: () => T): T {
  const keys = Reflect.ownKeys(pollution).filter((key) => !Object.hasOwn(Object.prototype, key));
  try {
    for (const key of keys) prototypeRecord[key] = pollution[key as string];
    return fn();
  } finally {
    for (const key of keys) delete prototypeRecord[key];
  }
}

/** withPollutedPrototype for asynchronous work: the pollution stays until `fn`'s promise settles. */
async function withPollutedPrototypeAsync<T>(pollution: Record<PropertyKey, unknown>, fn: () => Promise<T>): Promise<T> {
  const keys = Reflect.ownKeys(pollution).filter((key) => !Object.hasOwn(Object.prototype, key));
  try {
    for (const key of keys) prototypeRecord[key] = pollution[key as string];
    return await fn();
  } finally {
    for (const key of keys) delete prototypeRecord[key];
  }
}

/** The statements a tenant's request could build, compiled. */
function compileAll(): CompiledStatement[] {
  const root = query(Account, { registry });
  const keyed = root.where({ id: 'alice' });
  return [
    keyed.toCQL(),
    keyed.limit(5).toCQL(),
    root.whereToken('>', { id: 'alice' }).toCQL(),
    keyed.updateStatement({ name: 'Alice' }).toCQL(),
    keyed.if({ name: 'A' }).updateStatement({ email: 'a@x' }).toCQL(),
    keyed.deleteStatement().toCQL(),
    keyed.updateStatement({ tags: put({ a: 1 }) }).toCQL(),
    bind(Account, { connection: 'cluster1', registry }).where({ id: 'bob' }).toCQL(),
    root.using({ connection: 'cluster2' }).where({ id: 'bob' }).toCQL(),
    query(Automobile, { registry }).where({ manufacturer: 'honda' }).toCQL(),
  ];
}

const POLLUTION = {
  keyspace: 'sec_tb',
  connection: 'cluster2',
  registry: {},
  role: 'admin',
  email: 'evil@x',
  name: 'Mallory',
  id: 'root',
  manufacturer: 'evil',
  a: 666,
  kind: 'model',
  op: 'increment',
  consistency: 'all',
  fetchSize: 1,
  limit: 1,
  [Symbol.for('cassia.query.update-operation')]: true,
};

describe('a polluted Object.prototype', () => {
  it('changes neither the CQL nor the bound values of any statement', () => {
    const clean = compileAll();
    const polluted = withPollutedPrototype(POLLUTION, compileAll);
    expect(polluted).toEqual(clean);
    expect(clean[0].cql).toBe('SELECT * FROM "sec_ta"."account" WHERE "id" = ?');
    expect(clean[3].cql).toBe('UPDATE "sec_ta"."account" SET "name" = ? WHERE "id" = ?');
  });

  it('adds no option the driver is given (consistency, fetch size, page state, timestamp)', async () => {
    // Every answer names its pageState: the fake client reads its answers by plain property access.
    const { registry: fake, calls } = await fakeRegistry([{ rows: [], pageState: null }, { rows: [], pageState: null }, { rows: [], pageState: null }]);
    const q = query(Automobile, { registry: fake }).where({ manufacturer: 'honda' });
    const pollution = { consistency: 'all', fetchSize: 1, pageState: 'ffff', timestamp: 5, timeout: 1, isIdempotent: false, keyspace: 'ks_b' };
    const row = query(Automobile, { registry: fake }).where({ manufacturer: 'honda', year: 1, model: 'm' });
    await withPollutedPrototypeAsync(pollution, () => Promise.all([q.all(), q.page(), row.updateStatement({ price: 1 }).execute()]));
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.cql).toContain('"ks"."automobile"');
      const options = call.options;
      for (const key of Object.keys(pollution)) {
        if (key !== 'isIdempotent') expect(Object.hasOwn(options, key)).toBe(false);
      }
      // Named by Cassia from the statement (reads and a plain update may be sent twice), not inherited.
      expect(Object.hasOwn(options, 'isIdempotent') && options.isIdempotent).toBe(true);
    }
    await fake.shutdown();
  });

  it('makes no value an update operation, and no object a model', () => {
    // Observed under the pollution, asserted after it: jest itself reads plain objects.
    const [operation, modelError] = withPollutedPrototype(POLLUTION, () => {
      let caught: unknown;
      try {
        query({ table: 'x' } as never);
      } catch (error) {
        caught = error;
      }
      return [isUpdateOperation({ op: 'increment', by: 1n }), caught];
    });
    expect(operation).toBe(false);
    expect(modelError).toBeInstanceOf(ConfigurationError);
  });
});

describe('objects with a prototype of their own', () => {
  it('using({ __proto__: { keyspace } }) and bind() ignore inherited keys', () => {
    const root = query(Account, { registry });
    const inherited = { __proto__: { keyspace: 'sec_tb', connection: 'cluster2' } } as unknown as { keyspace: string };
    expect(root.using(inherited).where({ id: 'a' }).toCQL().cql).toContain('"sec_ta"."account"');
    const bound = bind(Automobile, Object.assign(Object.create({ keyspace: 'sec_tb', registry }), { registry }));
    expect(bound.where({ manufacturer: 'a' }).toCQL().cql).toContain('"ks0"."automobile"');
  });

  it('whereToken ignores an inherited partition key value (it is missing, not taken)', () => {
    const root = query(Account, { registry });
    expect(() => root.whereToken('>', { __proto__: { id: 'alice' } } as unknown as { id: string })).toThrow(QueryBuildError);
  });

  it('where/if/update/put read own keys only', () => {
    const root = query(Account, { registry });
    const inherit = <T extends object>(own: T): T => Object.assign(Object.create({ role: 'admin', email: 'evil@x' }), own);
    expect(root.where(inherit({ id: 'a' })).toCQL()).toEqual(root.where({ id: 'a' }).toCQL());
    const keyed = root.where({ id: 'a' });
    expect(keyed.updateStatement(inherit({ name: 'n' })).toCQL()).toEqual(keyed.updateStatement({ name: 'n' }).toCQL());
    expect(keyed.if(inherit({ name: 'n' })).updateStatement({ email: 'e' }).toCQL()).toEqual(
      keyed.if({ name: 'n' }).updateStatement({ email: 'e' }).toCQL(),
    );
    expect(put(inherit({ a: 1 })).entries).toEqual(new Map([['a', 1]]));
  });

  it('batch options ignore an inherited connection', async () => {
    const b = batch(Object.create({ connection: 'cluster2', type: 'counter' }));
    expect(b.connectionName).toBeUndefined();
    expect(b.options.type).toBeUndefined();
    b.add(query(Account, { registry }).using({ connection: 'cluster1' }).where({ id: 'a' }).updateStatement({ name: 'n' }));
    expect(b.connectionName).toBe('cluster1');
  });
});

describe('property: inherited keys never change CQL or values', () => {
  const columns = ['id', 'name', 'role', 'email'];
  const optionNames = ['keyspace', 'connection', 'registry', 'consistency', 'fetchSize', 'limit', 'pageState', 'kind', 'op'];
  const ownValues = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), fc.string({ maxLength: 8 }), { minKeys: 1 });
  const inheritedValues = fc.dictionary(fc.constantFrom(...columns, ...optionNames), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), {
    minKeys: 1,
  });

  // A statement's CQL and values, or the error it gave.
  const outcome = (build: () => CompiledStatement): unknown => {
    try {
      return build();
    } catch (error) {
      return error instanceof CassiaError ? `${error.code}: ${error.message}` : error;
    }
  };
  const withProto = (own: Record<string, unknown>, proto: Record<string, unknown>) => Object.assign(Object.create(proto), own);

  it('for where, update, if, using and whereToken objects, and under a polluted Object.prototype', () => {
    const root = query(Account, { registry });
    const keyed = root.where({ id: 'k' });
    fc.assert(
      fc.property(ownValues(columns), ownValues(columns.slice(1)), inheritedValues, fc.boolean(), (where, changes, proto, pollute) => {
        // Read here, before any pollution: the test's own objects are plain too.
        const tokenKey = { id: Object.hasOwn(where, 'id') ? where.id : 'k' };
        const builds = (wrap: (own: Record<string, unknown>) => Record<string, unknown>) => [
          () => root.where(wrap(where)).toCQL(),
          () => keyed.updateStatement(wrap(changes)).toCQL(),
          () => keyed.if(wrap(changes)).updateStatement({ name: 'n' }).toCQL(),
          () => root.using(wrap({})).where({ id: 'k' }).toCQL(),
          () => root.whereToken('>', wrap(tokenKey) as { id: string }).toCQL(),
        ];
        const expected = builds((own) => own).map(outcome);
        const inherited = builds((own) => withProto(own, proto)).map(outcome);
        expect(inherited).toEqual(expected);
        if (pollute) {
          const polluted = withPollutedPrototype(proto, () => builds((own) => own).map(outcome));
          expect(polluted).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
