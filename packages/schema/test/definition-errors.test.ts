// Every definition check of defineModel / defineType throws SchemaDefinitionError naming model and column.
import { SchemaDefinitionError } from '@cassia/core';
import { defineModel, defineType, t, type ModelDefinition, type ColumnsShape } from '../src';

// Untyped entry point: these definitions are wrong on purpose, as a JavaScript caller could write them.
const define = (definition: Record<string, unknown>) =>
  defineModel(definition as unknown as ModelDefinition<ColumnsShape, string, string>);

function expectDefinitionError(fn: () => unknown, ...parts: string[]): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SchemaDefinitionError);
  const error = thrown as SchemaDefinitionError;
  expect(error.code).toBe('ERR_CASSIA_SCHEMA_DEFINITION');
  for (const part of parts) expect(error.message).toContain(part);
}

describe('defineModel definition checks', () => {
  it('empty partition key', () => {
    expectDefinitionError(() => define({ table: 'm', columns: { id: t.int() }, partitionKey: [] }), 'model "m"', 'partition key is empty');
  });

  it('partition key name that is not a column', () => {
    expectDefinitionError(() => define({ table: 'm', columns: { id: t.int() }, partitionKey: ['idx'] }), 'model "m"', 'column "idx"');
  });

  it('clustering key name that is not a column', () => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int() }, partitionKey: 'id', clusteringKey: ['c'] }),
      'column "c"',
      'not in columns',
    );
  });

  it('keys given as the wrong kind of value (from JavaScript or a cast)', () => {
    const columns = { id: t.int(), c: t.int() };
    expectDefinitionError(() => define({ table: 'm', columns, partitionKey: 5 as never }), 'model "m"', 'partitionKey must be a column name or a list of them, got number');
    expectDefinitionError(() => define({ table: 'm', columns, partitionKey: 'id', clusteringKey: 'c' as never }), 'model "m"', 'clusteringKey must be a list');
    expectDefinitionError(() => define({ table: 'm', columns, partitionKey: 'id', clusteringKey: [null] as never }), 'model "m"', 'clusteringKey entries are column names');
  });

  it('bad clustering order', () => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int(), c: t.int() }, partitionKey: 'id', clusteringKey: [['c', 'down']] }),
      'column "c"',
      'clustering order',
    );
  });

  it('a column named twice in the primary key', () => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int() }, partitionKey: 'id', clusteringKey: ['id'] }),
      'column "id"',
      'twice',
    );
  });

  it('non-frozen collection in the primary key', () => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.list(t.int()) }, partitionKey: 'id' }),
      'model "m"',
      'column "id"',
      'frozen',
    );
    const Point = defineType({ name: 'point', fields: { x: t.int() } });
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int(), p: t.udt(Point) }, partitionKey: 'id', clusteringKey: ['p'] }),
      'column "p"',
      'frozen',
    );
    expect(() => define({ table: 'm', columns: { id: t.frozen(t.list(t.int())) }, partitionKey: 'id' })).not.toThrow();
  });

  it('counter in the primary key', () => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.counter() }, partitionKey: 'id' }),
      'column "id"',
      'counter cannot be part of the primary key',
    );
  });

  it('duration in the primary key', () => {
    expectDefinitionError(() => define({ table: 'm', columns: { id: t.duration() }, partitionKey: 'id' }), 'column "id"', 'duration');
  });

  it('counters mixed with non-counter non-key columns', () => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int(), hits: t.counter(), name: t.text() }, partitionKey: 'id' }),
      'model "m"',
      'column "name"',
      'counter',
    );
  });

  it('static column without clustering columns', () => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int(), s: t.text().static() }, partitionKey: 'id' }),
      'column "s"',
      'static column needs clustering columns',
    );
  });

  it('static primary key column', () => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int().static(), c: t.int() }, partitionKey: 'id', clusteringKey: ['c'] }),
      'column "id"',
      'cannot be static',
    );
  });

  it('invalid identifiers: table, keyspace, column, db name, index', () => {
    expectDefinitionError(() => define({ table: 'bad table', columns: { id: t.int() }, partitionKey: 'id' }), 'model "bad table"', 'table');
    expectDefinitionError(() => define({ table: 'm', keyspace: '1ks', columns: { id: t.int() }, partitionKey: 'id' }), 'keyspace');
    expectDefinitionError(() => define({ table: 'm', columns: { 'my-id': t.int() }, partitionKey: 'my-id' }), 'column "my-id"');
    expectDefinitionError(() => define({ table: 'm', columns: { id: t.int().dbName('x y') }, partitionKey: 'id' }), 'column "id"', "'x y'");
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int(), v: t.int() }, partitionKey: 'id', indexes: [{ column: 'v', name: 'bad-name' }] }),
      'index',
      "'bad-name'",
    );
  });

  it('duplicate database names', () => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int(), a: t.int(), b: t.int().dbName('a') }, partitionKey: 'id' }),
      'column "b"',
      'database name "a"',
    );
  });

  it('columns named like what every object inherits are no duplicates', () => {
    const model = define({ table: 'm', columns: { id: t.int(), toString: t.text(), constructor: t.int() }, partitionKey: 'id' });
    expect(model.dbNames).toEqual({ id: 'id', toString: 'toString', constructor: 'constructor' });
  });

  it('a value in columns that is not a t.* column', () => {
    expectDefinitionError(() => define({ table: 'm', columns: { id: 'int' }, partitionKey: 'id' }), 'column "id"', 't.*');
  });

  it('no columns', () => {
    expectDefinitionError(() => define({ table: 'm', columns: {}, partitionKey: 'id' }), 'at least one column');
  });

  it('bad indexes', () => {
    const base = { table: 'm', columns: { id: t.int(), l: t.list(t.int()), m: t.map(t.text(), t.int()) }, partitionKey: 'id' };
    expectDefinitionError(() => define({ ...base, indexes: [{ column: 'zz' }] }), 'index on "zz"');
    expectDefinitionError(() => define({ ...base, indexes: [{ column: 'l', target: 'keys' }] }), 'non-frozen map');
    expectDefinitionError(() => define({ ...base, indexes: [{ column: 'm', target: 'full' }] }), 'frozen collection');
    expectDefinitionError(() => define({ ...base, indexes: [{ column: 'l' }, { column: 'l' }] }), 'used twice');
  });

  it('bad table options', () => {
    expectDefinitionError(() => define({ table: 'm', columns: { id: t.int() }, partitionKey: 'id', options: { 'x; DROP': 1 } }), 'table option');
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int() }, partitionKey: 'id', options: { gc_grace_seconds: Infinity } }),
      'finite',
    );
  });

  it('a counter with a default', () => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int(), c: t.counter().withDefault(1n) }, partitionKey: 'id' }),
      'counter cannot have a default',
    );
  });

  it('returns a frozen model', () => {
    const M = define({ table: 'm', columns: { id: t.int() }, partitionKey: 'id' });
    expect(Object.isFrozen(M)).toBe(true);
    expect(Object.isFrozen(M.columns)).toBe(true);
    expect(Object.isFrozen(M.partitionKey)).toBe(true);
    expect(Object.isFrozen(M.options)).toBe(true);
  });
});

describe('counters only as top-level columns', () => {
  // Untyped on purpose: the types refuse a counter in all of these (nested-counter.types.test.ts).
  const counter = t.counter() as never;
  const Holder = defineType({ name: 'holder', fields: { n: t.int() } });
  const nested: Record<string, () => unknown> = {
    list: () => t.list(counter),
    set: () => t.set(counter),
    'map value': () => t.map(t.text(), counter),
    'map key': () => t.map(counter, t.text()),
    tuple: () => t.tuple(t.int(), counter),
    vector: () => t.vector(counter, 2),
    'frozen list': () => t.frozen(t.list(counter)),
    'list of tuples': () => t.list(t.tuple(counter)),
  };
  it.each(Object.keys(nested))('a counter in a %s column is a SchemaDefinitionError', (kind) => {
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int(), c: nested[kind]() }, partitionKey: 'id' }),
      'model "m", column "c"',
      'a counter cannot be inside a collection, tuple, vector or user type',
    );
  });

  it('a user type whose field holds a counter, used in a model', () => {
    // A type made by hand around a defined one, as a cast could: defineModel walks its fields too.
    const forged = Object.freeze({ ...Holder, fieldList: [{ property: 'n', dbName: 'n', cql: { kind: 'list', element: { kind: 'native', name: 'counter' }, frozen: true } }] });
    expectDefinitionError(
      () => define({ table: 'm', columns: { id: t.int(), u: t.frozen(t.udt(forged as never)) }, partitionKey: 'id' }),
      'column "u"',
      'counter cannot be inside',
    );
  });

  it('counters as top-level columns stay valid', () => {
    const M = defineModel({ table: 'm', columns: { id: t.int(), n: t.counter() }, partitionKey: 'id' });
    expect(M.counterColumns).toEqual(['n']);
  });
});

describe('defineType definition checks', () => {
  it('invalid names, no fields, counters', () => {
    expectDefinitionError(() => defineType({ name: 'bad type', fields: { a: t.int() } }), 'type "bad type"');
    expectDefinitionError(() => defineType({ name: 'ty', fields: {} }), 'at least one field');
    expectDefinitionError(() => defineType({ name: 'ty', fields: { 'a-b': t.int() } }), 'field "a-b"');
    // @ts-expect-error a counter field is refused by the types too
    expectDefinitionError(() => defineType({ name: 'ty', fields: { a: t.counter() } }), 'counter');
    expectDefinitionError(() => defineType({ name: 'ty', keyspace: 'k s', fields: { a: t.int() } }), 'keyspace');
  });

  it('a counter inside a field (from JavaScript or a cast)', () => {
    const counter = t.counter() as never;
    expectDefinitionError(() => defineType({ name: 'ty', fields: { a: t.list(counter) } }), 'type "ty", field "a"', 'counter cannot be inside');
    expectDefinitionError(() => defineType({ name: 'ty', fields: { a: t.frozen(t.map(t.text(), counter)) } }), 'field "a"', 'counter cannot be inside');
  });

  it('bad vector dimension', () => {
    expectDefinitionError(() => t.vector(t.float(), 0), 'dimension');
    expectDefinitionError(() => t.vector(t.list(t.float()), 2), 'collections');
  });
});
