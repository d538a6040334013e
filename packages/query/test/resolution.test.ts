// Where statements run: the resolution order of API.md, bind, withContext, using, scopes and
// the default registry; plus immutability and the compiled-CQL cache.
import {
  ConfigurationError, ConnectionRegistry, NoDefaultConnectionError, UndefinedKeyspaceError, UnknownConnectionError,
  registerConnection, unregisterConnection,
} from '@cassia/core';
import { defaultRegistry } from '@cassia/core/internal';
import { defineModel, t, type AnyModel } from '@cassia/schema';
import fc from 'fast-check';
import { bind, query, withContext } from '../src';
import { clearCompiledShapes, compiledShapeCount, compileStatement, textOf } from '../src/compiler';
import type { QueryContext } from '../src/query-context';
import { QueryImpl } from '../src/query-impl';
import { resolveTarget } from '../src/resolve-target';
import { Automobile, Automobile2, Garage, REFUSED, lazyRegistry } from './fixtures';

let registry: ConnectionRegistry;
beforeAll(async () => {
  registry = await lazyRegistry();
});
afterAll(() => registry.shutdown());

const where = (q: { toCQL(): { cql: string } }) => q.toCQL().cql.split(' FROM ')[1].split(' ')[0];
// The context of a query the package made (internal: QueryImpl is not exported from the package).
const contextOf = (q: object): QueryContext => {
  if (!(q instanceof QueryImpl)) throw new Error('not a query made by query(), bind() or withContext()');
  return q.context;
};
const connectionOf = (q: { model: AnyModel }) => resolveTarget(q.model, contextOf(q)).connection.name;

describe('resolution order', () => {
  it('connection: using → bind → model → scope → default', async () => {
    const root = query(Automobile, { registry });
    expect(connectionOf(root)).toBe('default');
    expect(connectionOf(query(Automobile2, { registry }))).toBe('cluster2');
    expect(connectionOf(bind(Automobile2, { connection: 'cluster1', registry }))).toBe('cluster1');
    expect(connectionOf(bind(Automobile2, { connection: 'cluster1', registry }).using({ connection: 'default' }))).toBe('default');
    await registry.withConnection('cluster1', async () => {
      expect(connectionOf(root)).toBe('cluster1');
      // The model's own connection beats the scope.
      expect(connectionOf(query(Automobile2, { registry }))).toBe('cluster2');
    });
  });

  it('keyspace: using → bind → model → scope → connection', async () => {
    expect(where(query(Automobile, { registry }))).toBe('"ks0"."automobile"');
    expect(where(query(Automobile, { registry }).using({ connection: 'cluster2' }))).toBe('"ks2"."automobile"');
    expect(where(query(Automobile2, { registry }))).toBe('"test"."automobile"');
    expect(where(bind(Automobile2, { keyspace: 'b', registry }))).toBe('"b"."automobile"');
    expect(where(bind(Automobile2, { keyspace: 'b', registry }).using({ keyspace: 'u' }))).toBe('"u"."automobile"');
    await registry.withConnection({ keyspace: 'scoped' }, async () => {
      expect(where(query(Automobile, { registry }))).toBe('"scoped"."automobile"');
      expect(where(query(Automobile2, { registry }))).toBe('"test"."automobile"');
    });
  });

  it('using merges field by field and returns a new builder', () => {
    const a = query(Automobile, { registry }).using({ keyspace: 'k' });
    const b = a.using({ connection: 'cluster1' });
    expect(contextOf(b).using).toEqual({ keyspace: 'k', connection: 'cluster1' });
    expect(contextOf(a).using).toEqual({ keyspace: 'k' });
  });

  it('compiles without any connection when the keyspace is explicit (model, using or bind)', () => {
    const none = new ConnectionRegistry();
    expect(query(Automobile2, { registry: none }).where({ manufacturer: 'honda' }).toCQL().cql).toBe('SELECT * FROM "test"."automobile" WHERE "manufacturer" = ?');
    expect(query(Automobile, { registry: none }).using({ keyspace: 'ks2' }).createStatement({ manufacturer: 'a', year: 1, model: 'm' }).toCQL().cql).toMatch(/^INSERT INTO "ks2"\."automobile" /);
    expect(() => query(Automobile, { registry: none }).toCQL()).toThrow(NoDefaultConnectionError);
  });

  it('typed errors: unknown connection, no default, no keyspace, bad options', async () => {
    expect(() => query(Automobile, { registry }).using({ connection: 'nope' }).toCQL()).toThrow(UnknownConnectionError);
    const empty = new ConnectionRegistry();
    expect(() => query(Automobile, { registry: empty }).toCQL()).toThrow(NoDefaultConnectionError);
    await empty.registerConnection('c', { contactPoints: [REFUSED], lazyConnect: true, default: true });
    expect(() => query(Automobile, { registry: empty }).toCQL()).toThrow(UndefinedKeyspaceError);
    await empty.shutdown();
    expect(() => query(Automobile, { registry }).using({ server: 'x' } as never)).toThrow(ConfigurationError);
    expect(() => query(Automobile, { registry }).using({ keyspace: 'bad name' })).toThrow(/keyspace/);
    expect(() => bind(Automobile, { connection: '' })).toThrow(ConfigurationError);
    expect(() => query({} as never)).toThrow(ConfigurationError);
    expect(() => query(Automobile, { connection: 'x' } as never)).toThrow(ConfigurationError);
  });

  it('uses the module registry by default', async () => {
    await registerConnection('query_unit_default', { contactPoints: [REFUSED], lazyConnect: true, keyspace: 'dks' });
    try {
      expect(where(bind(Automobile, { connection: 'query_unit_default' }))).toBe('"dks"."automobile"');
      expect(contextOf(query(Automobile)).registry).toBe(defaultRegistry);
    } finally {
      await unregisterConnection('query_unit_default');
    }
  });
});

describe('withContext', () => {
  it('gives one bound root per model, in order, and leaves the models untouched', async () => {
    const result = await withContext([Automobile, Garage], { connection: 'cluster1', keyspace: 'ctx', registry }, async (A, G) => {
      expect(where(A)).toBe('"ctx"."automobile"');
      expect(where(G)).toBe('"ctx"."garage"');
      expect(connectionOf(A)).toBe('cluster1');
      return 42;
    });
    expect(result).toBe(42);
    expect(Automobile.connection).toBeUndefined();
    expect(where(query(Garage, { registry }))).toBe('"shop"."garage"');
  });

  it('takes a single model too', async () => {
    await withContext(Automobile2, { connection: 'cluster1', registry }, async (A) => {
      expect(connectionOf(A)).toBe('cluster1');
      expect(where(A)).toBe('"test"."automobile"');
    });
  });

  it('rejects unknown options and an empty model list (cqlengine: ValueError)', async () => {
    // The types refuse an empty list; a JavaScript caller gets the error.
    await expect(withContext([] as never, { connection: 'cluster1' }, async () => 1)).rejects.toThrow(ConfigurationError);
    await expect(withContext(Automobile, { conection: 'x' } as never, async () => 1)).rejects.toThrow(ConfigurationError);
  });
});

describe('immutability', () => {
  it('no method changes an earlier builder', () => {
    const root = query(Automobile, { registry });
    const steps = [
      root,
      root.where({ manufacturer: 'a' }),
    ];
    const chained = steps[1]
      .where('year', '>', 2000)
      .select('model')
      .orderBy('year', 'desc')
      .limit(3)
      .perPartitionLimit(1)
      .allowFiltering()
      .distinct()
      .fetchSize(10)
      .consistency('quorum')
      .serialConsistency('serial')
      .timeout(100)
      .ifExists()
      .ttl(1)
      .timestamp(1)
      .using({ keyspace: 'other' });
    const before = steps.map((q) => q.toCQL());
    // Build many more from the same roots; none of them may change what the roots compile to.
    steps[0].where({ manufacturer: 'b' }).limit(1).using({ connection: 'cluster1' });
    steps[1].where('model', '=', 'x').select('year').if({ price: 1 });
    void chained.toCQL();
    expect(steps.map((q) => q.toCQL())).toEqual(before);
    // Nothing of a query can be reassigned: its state is private, model and context are getters.
    expect(Object.keys(root)).toEqual([]);
    expect(() => {
      (root as unknown as { model: unknown }).model = Garage;
    }).toThrow(TypeError);
    expect(root.model).toBe(Automobile);
    expect(root.toCQL().cql).toBe('SELECT * FROM "ks0"."automobile"');
    expect(chained.toCQL().cql).toBe(
      'SELECT DISTINCT "model" FROM "other"."automobile" WHERE "manufacturer" = ? AND "year" > ? ORDER BY "year" DESC ' +
        'PER PARTITION LIMIT ? LIMIT ? ALLOW FILTERING',
    );
  });

  it('write statements are frozen and independent of later builder calls', () => {
    const base = query(Garage, { registry }).where({ owner: 'a', slot: 1 });
    const statement = base.updateStatement({ name: 'x' });
    const text = statement.toCQL();
    base.ifExists().ttl(3).updateStatement({ name: 'y' });
    expect(statement.toCQL()).toEqual(text);
    expect(Object.isFrozen(statement)).toBe(true);
  });
});

describe('compiled CQL cache', () => {
  it('caches by shape: same shape, different values reuse the text; bound values differ', () => {
    clearCompiledShapes();
    const q = (name: string, years: number[]) => query(Automobile, { registry }).where({ manufacturer: name }).where('year', 'in', years);
    const a = q('a', [1]).toCQL();
    const b = q('b', [1, 2, 3]).toCQL();
    expect(compiledShapeCount()).toBe(1);
    expect(b.cql).toBe(a.cql);
    expect(a.params).toEqual(['a', [1]]);
    expect(b.params).toEqual(['b', [1, 2, 3]]);
    query(Automobile, { registry }).where({ manufacturer: 'a' }).limit(5).toCQL();
    query(Automobile, { registry }).where({ manufacturer: 'a' }).limit(7).toCQL();
    expect(compiledShapeCount()).toBe(2);
    query(Automobile, { registry }).using({ keyspace: 'other' }).where({ manufacturer: 'a' }).limit(7).toCQL();
    expect(compiledShapeCount()).toBe(3);
  });

  it("an INSERT's shared column list is one cache entry per set of columns; select() lists made per call are not keyed by identity", () => {
    clearCompiledShapes();
    const insert = (year: number, notes?: string) =>
      query(Automobile, { registry }).createStatement({ manufacturer: 'm', year, model: 'x', ...(notes === undefined ? {} : { notes }) }).toCQL();
    const first = insert(1);
    expect(first.cql).toBe('INSERT INTO "ks0"."automobile" ("manufacturer", "year", "model") VALUES (?, ?, ?)');
    for (let year = 2; year < 50; year++) expect(insert(year)).toEqual({ cql: first.cql, params: ['m', year, 'x'] });
    expect(insert(3, 'n').cql).toBe('INSERT INTO "ks0"."automobile" ("manufacturer", "year", "model", "remarks") VALUES (?, ?, ?, ?)');
    expect(compiledShapeCount()).toBe(2);
    // The same text compiled from a node whose list is not shared.
    const byNames = compileStatement({
      kind: 'insert', table: { keyspace: 'ks0', table: 'automobile' }, columns: ['manufacturer', 'year', 'model'], values: ['m', 1, 'x'], writesList: false,
      condition: { kind: 'none' }, using: { ttl: undefined, timestamp: undefined },
    });
    expect(textOf(byNames)).toEqual(first);
    clearCompiledShapes();
    for (let i = 0; i < 50; i++) query(Automobile, { registry }).select('model', 'price').where({ manufacturer: 'm' }).toCQL();
    expect(compiledShapeCount()).toBe(1);
  });

  it('keeps at most 2,000 shapes and compiles correctly past the bound', () => {
    clearCompiledShapes();
    const select = (keyspace: string, id: number) => query(Automobile, { registry }).using({ keyspace }).where({ manufacturer: `m${id}` }).toCQL();
    for (let i = 0; i < 2_500; i++) {
      const { cql, params } = select(`ks_${i}`, i);
      expect(cql).toBe(`SELECT * FROM "ks_${i}"."automobile" WHERE "manufacturer" = ?`);
      expect(params).toEqual([`m${i}`]);
      expect(compiledShapeCount()).toBeLessThanOrEqual(2_000);
    }
    // Started over at the bound: the newest shapes are cached again, and hits still bind their own values.
    expect(compiledShapeCount()).toBe(500);
    expect(select('ks_2499', 7)).toEqual({ cql: 'SELECT * FROM "ks_2499"."automobile" WHERE "manufacturer" = ?', params: ['m7'] });
    expect(compiledShapeCount()).toBe(500);
  });

  it('a cached hit gives the same result as a fresh compile', () => {
    const node = Object.freeze({
      kind: 'delete' as const,
      table: { keyspace: 'k', table: 't' },
      columns: [],
      where: [{ kind: 'compare' as const, column: 'id', op: '=' as const, value: 1 }],
      condition: { kind: 'none' as const },
      timestamp: { value: 5 },
    });
    clearCompiledShapes();
    const fresh = compileStatement(node);
    const cached = compileStatement({ ...node, where: [{ ...node.where[0], value: 2 }] });
    expect(fresh).toEqual({ cql: 'DELETE FROM "k"."t" USING TIMESTAMP ? WHERE "id" = ?', params: [5, 1], safety: 'idempotent-write' });
    expect(cached).toEqual({ cql: fresh.cql, params: [5, 2], safety: 'idempotent-write' });
  });

  it('property: a cached compile always equals a fresh one (text and bound values)', () => {
    fc.assert(
      fc.property(
        // A partition key of one column is never empty (Cassandra refuses it; so does validation).
        fc.string({ minLength: 1 }),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 5 }),
        fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
        (make, years, limit) => {
          const build = () => {
            const q = query(Automobile, { registry }).where({ manufacturer: make }).where('year', 'in', years);
            return limit === undefined ? q : q.limit(limit);
          };
          const warm = build().toCQL();
          clearCompiledShapes();
          const fresh = build().toCQL();
          expect(warm).toEqual(fresh);
          expect(fresh.params).toEqual(limit === undefined ? [make, years] : [make, years, limit]);
          // The text never depends on the values, only on the shape.
          expect(fresh.cql).toBe(
            'SELECT * FROM "ks0"."automobile" WHERE "manufacturer" = ? AND "year" IN ?' + (limit === undefined ? '' : ' LIMIT ?'),
          );
        },
      ),
    );
  });

  it('models with renamed columns compile to db names (shape includes names)', () => {
    const M = defineModel({ table: 'm', keyspace: 'k', columns: { id: t.int().dbName('pk') }, partitionKey: ['id'] });
    expect(query(M, { registry }).where({ id: 1 }).toCQL().cql).toBe('SELECT * FROM "k"."m" WHERE "pk" = ?');
  });
});
