// `.required()` columns in the builders (toCQL, nothing sent): writes that would leave one null are
// refused before a statement exists, in the types where the value is typed and at run time always.
import { ConnectionRegistry, QueryBuildError, ValidationError } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import { expectTypeOf } from 'expect-type';
import { query, type DeletableColumnsOf, type UpdateChanges } from '../src';
import { lazyRegistry } from './fixtures';

const Account = defineModel({
  table: 'accounts',
  columns: { id: t.int(), email: t.text().required(), roles: t.set(t.text()).required(), note: t.text() },
  partitionKey: 'id',
});

let registry: ConnectionRegistry;
beforeAll(async () => {
  registry = await lazyRegistry();
});
afterAll(() => registry.shutdown());

const accounts = () => query(Account, { registry });

describe('required columns in writes', () => {
  it('create and save need a value for each required column', () => {
    expect(accounts().createStatement({ id: 1, email: 'e', roles: new Set() }).toCQL().cql).toBe(
      'INSERT INTO "ks0"."accounts" ("id", "email", "roles") VALUES (?, ?, ?)',
    );
    // @ts-expect-error email is required
    expect(() => accounts().createStatement({ id: 1, roles: new Set() })).toThrow(ValidationError);
    // @ts-expect-error a required column cannot be null
    expect(() => accounts().saveStatement({ id: 1, email: null, roles: new Set(), note: null })).toThrow(/email: A required column/);
  });

  it('update may leave a required column out, or set a value, but not null', () => {
    expect(accounts().where({ id: 1 }).updateStatement({ note: null }).toCQL().cql).toBe('UPDATE "ks0"."accounts" SET "note" = ? WHERE "id" = ?');
    expect(accounts().where({ id: 1 }).updateStatement({ email: 'e' }).toCQL().params).toEqual(['e', 1]);
    // @ts-expect-error a required column cannot be set to null
    expect(() => accounts().where({ id: 1 }).updateStatement({ email: null })).toThrow(ValidationError);
    // @ts-expect-error nor a required collection
    expect(() => accounts().where({ id: 1 }).updateStatement({ roles: null })).toThrow(ValidationError);
    expectTypeOf<UpdateChanges<typeof Account>['email']>().toEqualTypeOf<string | undefined>();
  });

  it('delete(columns) cannot clear a required column', () => {
    expectTypeOf<DeletableColumnsOf<typeof Account>>().toEqualTypeOf<'note'>();
    // @ts-expect-error email is required
    expect(() => accounts().where({ id: 1 }).deleteStatement(['email'])).toThrow(QueryBuildError);
    expect(accounts().where({ id: 1 }).deleteStatement(['note']).toCQL().cql).toBe('DELETE "note" FROM "ks0"."accounts" WHERE "id" = ?');
  });

  it('a condition may still test a required column against null', () => {
    expect(accounts().where({ id: 1 }).if({ email: null }).updateStatement({ email: 'e' }).toCQL().cql).toContain('IF "email" = ?');
  });
});
