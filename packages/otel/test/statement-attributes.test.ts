// Span names and attributes from a statement's description: the conventions' summary for single
// statements and batches, and only names (never values) in what is recorded.
import type { StatementInfo } from '@cassia/core';
import { metricAttributes, spanStartAttributes, statementNames } from '../src/statement-attributes';

function info(overrides: Partial<StatementInfo>): StatementInfo {
  return Object.freeze({
    kind: 'select',
    operation: 'SELECT',
    connection: 'main',
    keyspace: 'app',
    table: 'users',
    model: 'users',
    columns: ['id', 'name'],
    cql: 'SELECT "id", "name" FROM "app"."users" WHERE "id" = ?',
    conditional: false,
    page: undefined,
    batch: undefined,
    statements: undefined,
    tracing: false,
    ...overrides,
  });
}

describe('statementNames', () => {
  it('names a single statement `{operation} {table}`', () => {
    expect(statementNames(info({}))).toEqual({ operation: 'SELECT', table: 'users', keyspace: 'app', summary: 'SELECT users' });
  });

  it('names raw CQL by its operation alone (no table known)', () => {
    expect(statementNames(info({ kind: 'raw', operation: 'CREATE', table: undefined, model: undefined }))).toEqual({
      operation: 'CREATE', table: undefined, keyspace: 'app', summary: 'CREATE',
    });
  });

  it('names a batch of one operation on one table `BATCH {operation} {table}`', () => {
    const inserts = [info({ kind: 'insert', operation: 'INSERT' }), info({ kind: 'insert', operation: 'INSERT' })];
    const batch = info({ kind: 'batch', operation: 'BATCH', table: undefined, model: undefined, statements: inserts });
    expect(statementNames(batch)).toEqual({ operation: 'BATCH INSERT', table: 'users', keyspace: 'app', summary: 'BATCH INSERT users' });
  });

  it('names a mixed batch `BATCH`, keeping the keyspace only when every statement shares it', () => {
    const mixed = [info({ kind: 'insert', operation: 'INSERT' }), info({ kind: 'update', operation: 'UPDATE', table: 'audit', keyspace: 'other' })];
    const batch = info({ kind: 'batch', operation: 'BATCH', table: undefined, keyspace: undefined, model: undefined, statements: mixed });
    expect(statementNames(batch)).toEqual({ operation: 'BATCH', table: undefined, keyspace: undefined, summary: 'BATCH' });
  });

  it('names a batch of one operation on two tables `BATCH {operation}` without a table', () => {
    const two = [info({ kind: 'insert', operation: 'INSERT' }), info({ kind: 'insert', operation: 'INSERT', table: 'audit' })];
    const batch = info({ kind: 'batch', operation: 'BATCH', table: undefined, model: undefined, statements: two });
    expect(statementNames(batch)).toMatchObject({ operation: 'BATCH INSERT', table: undefined, summary: 'BATCH' });
  });
});

describe('spanStartAttributes', () => {
  it('records the conventions and Cassia attributes of a page of a read', () => {
    const page = info({ page: 3 });
    expect(spanStartAttributes(page, statementNames(page), true)).toEqual({
      'db.system.name': 'cassandra',
      'db.operation.name': 'SELECT',
      'db.query.summary': 'SELECT users',
      'db.namespace': 'app',
      'db.collection.name': 'users',
      'db.query.text': 'SELECT "id", "name" FROM "app"."users" WHERE "id" = ?',
      'cassia.connection': 'main',
      'cassia.model': 'users',
      'cassia.page': 3,
    });
  });

  it('leaves the CQL text out when captureCql is false', () => {
    const plain = info({});
    expect(spanStartAttributes(plain, statementNames(plain), false)).not.toHaveProperty(['db.query.text']);
  });

  it("gives a batch its size and its statements' distinct texts joined by `; `", () => {
    const insert = info({ kind: 'insert', operation: 'INSERT', cql: 'INSERT INTO "app"."users" ("id") VALUES (?)' });
    const update = info({ kind: 'update', operation: 'UPDATE', cql: 'UPDATE "app"."users" SET "name" = ? WHERE "id" = ?' });
    const batch = info({ kind: 'batch', operation: 'BATCH', table: undefined, model: undefined, cql: 'unused', statements: [insert, insert, update] });
    const attributes = spanStartAttributes(batch, statementNames(batch), true);
    expect(attributes['db.operation.batch.size']).toBe(3);
    expect(attributes['db.query.text']).toBe(`${insert.cql}; ${update.cql}`);
  });
});

describe('metricAttributes', () => {
  it('labels a duration point by system, connection, keyspace, table and operation only', () => {
    const page = info({ page: 2 });
    expect(metricAttributes(page, statementNames(page))).toEqual({
      'db.system.name': 'cassandra',
      'db.operation.name': 'SELECT',
      'db.namespace': 'app',
      'db.collection.name': 'users',
      'cassia.connection': 'main',
    });
  });
});
