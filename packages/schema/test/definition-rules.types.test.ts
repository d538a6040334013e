// Compile-time tests: definition rules that defineModel and defineType check at run time are also
// type errors when the definition is a literal (each @ts-expect-error marks the column that breaks
// a rule); the run-time check still throws for every one of them.
import { SchemaDefinitionError } from '@cassia/core';
import { expectTypeOf } from 'expect-type';
import { defineModel, defineType, t, type ColumnsShape, type ElementColumn, type ModelDefinition } from '../src';

describe('counters only as top-level columns, in the types', () => {
  it('refuses a counter in a collection, tuple, vector or user type field', () => {
    // Each of these is also a SchemaDefinitionError once a model uses it (definition-errors.test.ts).
    // @ts-expect-error a list of counters
    void t.list(t.counter());
    // @ts-expect-error a set of counters
    void t.set(t.counter());
    // @ts-expect-error a map to counters
    void t.map(t.text(), t.counter());
    // @ts-expect-error a map from counters
    void t.map(t.counter(), t.text());
    // @ts-expect-error a tuple holding a counter
    void t.tuple(t.int(), t.counter());
    // @ts-expect-error a vector of counters
    expect(() => t.vector(t.counter(), 2)).not.toThrow();
    // @ts-expect-error a user type with a counter field
    expect(() => defineType({ name: 'tally', fields: { n: t.counter() } })).toThrow(SchemaDefinitionError);
    expectTypeOf(t.counter()).not.toExtend<ElementColumn>();
    expectTypeOf(t.int()).toExtend<ElementColumn>();
  });

  it('keeps every other element type', () => {
    const Address = defineType({ name: 'address', fields: { street: t.text(), tags: t.set(t.text()), at: t.tuple(t.int(), t.duration()) } });
    expect(t.map(t.frozen(t.list(t.int())), t.udt(Address)).cql.kind).toBe('map');
  });
});

describe('defineModel rules, in the types', () => {
  it('a static column in a table without clustering columns', () => {
    expect(() =>
      defineModel({
        table: 'm',
        columns: {
          id: t.int(),
          // @ts-expect-error a static column needs clustering columns in the primary key
          note: t.text().static(),
        },
        partitionKey: 'id',
      }),
    ).toThrow(SchemaDefinitionError);
    expect(defineModel({ table: 'm', columns: { id: t.int(), c: t.int(), note: t.text().static() }, partitionKey: 'id', clusteringKey: ['c'] }).staticColumns).toEqual(['note']);
  });

  it('counters mixed with regular columns', () => {
    expect(() =>
      defineModel({
        table: 'm',
        columns: {
          id: t.int(),
          views: t.counter(),
          // @ts-expect-error counter columns cannot be mixed with other non-key columns
          title: t.text(),
        },
        partitionKey: 'id',
      }),
    ).toThrow(SchemaDefinitionError);
    const Counts = defineModel({ table: 'm', columns: { id: t.int(), day: t.date(), views: t.counter(), clicks: t.counter() }, partitionKey: 'id', clusteringKey: ['day'] });
    expect(Counts.isCounterTable).toBe(true);
  });

  it('a non-frozen collection, a user type, a counter, a duration or a static column in the primary key', () => {
    const Address = defineType({ name: 'address', fields: { street: t.text() } });
    expect(() =>
      defineModel({
        table: 'm',
        columns: {
          // @ts-expect-error a collection in the primary key must be frozen
          id: t.list(t.int()),
        },
        partitionKey: 'id',
      }),
    ).toThrow(SchemaDefinitionError);
    expect(() =>
      defineModel({
        table: 'm',
        columns: {
          id: t.int(),
          // @ts-expect-error a user type in the primary key must be frozen
          home: t.udt(Address),
          // @ts-expect-error a duration cannot be part of the primary key
          span: t.duration(),
          // @ts-expect-error a map in the primary key must be frozen
          tags: t.map(t.text(), t.int()),
        },
        partitionKey: 'id',
        clusteringKey: ['home', 'span', 'tags'],
      }),
    ).toThrow(SchemaDefinitionError);
    expect(() =>
      defineModel({
        table: 'm',
        columns: {
          // @ts-expect-error a counter cannot be part of the primary key
          id: t.counter(),
        },
        partitionKey: 'id',
      }),
    ).toThrow(SchemaDefinitionError);
    expect(() =>
      defineModel({
        table: 'm',
        columns: {
          id: t.int(),
          // @ts-expect-error a primary key column cannot be static
          c: t.int().static(),
        },
        partitionKey: 'id',
        clusteringKey: ['c'],
      }),
    ).toThrow(SchemaDefinitionError);
    const Frozen = defineModel({
      table: 'm',
      columns: { id: t.frozen(t.list(t.int())), home: t.frozen(t.udt(Address)), at: t.tuple(t.int(), t.text()), span: t.duration() },
      partitionKey: 'id',
      clusteringKey: ['home', 'at'],
    });
    expect(Frozen.primaryKey).toEqual(['id', 'home', 'at']);
  });

  it('checks nothing when the definition is not a literal (the run-time checks remain)', () => {
    const definition: ModelDefinition<ColumnsShape, string, string> = { table: 'm', columns: { id: t.list(t.int()) }, partitionKey: 'id' };
    expect(() => defineModel(definition)).toThrow(SchemaDefinitionError);
  });
});
