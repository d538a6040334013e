// `.required()` columns: validated on write (left out or null is a ValidationError, a default
// counts as given), non-null on read (a stored null is an UnreadableValueError), refused where
// it means nothing (counters, UDT fields).
import { SchemaDefinitionError, UnreadableValueError, ValidationError } from '@cassia/core';
import {
  defineModel, defineType, rowFromDatabase, t, validateColumnValue, validateInsert, validatePartial, type InferInsert, type InferPartial,
} from '../src';

const Account = defineModel({
  table: 'accounts',
  columns: {
    id: t.int(),
    email: t.text().required(),
    plan: t.text().withDefault('free').required(),
    since: t.timestamp().required().dbName('since_at'),
    roles: t.set(t.text()).required(),
    note: t.text(),
  },
  partitionKey: 'id',
});

const full = { id: 1, email: 'a@b.c', plan: 'pro', since: new Date(0), roles: new Set(['admin']), note: null };

function issuesOf(fn: () => unknown): unknown[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => ({ path: issue.path, message: issue.message }));
  }
  throw new Error('expected a ValidationError');
}

describe('required columns on write', () => {
  it('an insert must give each required column a value; a default counts', () => {
    expect(validateInsert(Account, full)).toEqual(full);
    const { plan: _plan, ...withoutPlan } = full;
    expect(validateInsert(Account, withoutPlan).plan).toBe('free');
    expect(issuesOf(() => validateInsert(Account, { id: 1 } as InferInsert<typeof Account>))).toEqual([
      { path: ['email'], message: 'Required: a required column (.required()) without a default' },
      { path: ['since'], message: 'Required: a required column (.required()) without a default' },
      { path: ['roles'], message: 'Required: a required column (.required()) without a default' },
    ]);
  });

  it('an insert cannot write null to a required column (not even one with a default)', () => {
    expect(issuesOf(() => validateInsert(Account, { ...full, email: null as never, plan: null as never }))).toEqual([
      { path: ['email'], message: 'A required column (.required()) cannot be null' },
      { path: ['plan'], message: 'A required column (.required()) cannot be null' },
    ]);
  });

  it('an update may leave required columns out, but not set them to null', () => {
    expect(validatePartial(Account, { note: 'x' })).toEqual({ note: 'x' });
    expect(validatePartial(Account, { email: 'e@f.g' })).toEqual({ email: 'e@f.g' });
    expect(issuesOf(() => validatePartial(Account, { email: null } as unknown as InferPartial<typeof Account>))).toEqual([
      { path: ['email'], message: 'A required column (.required()) cannot be null' },
    ]);
  });

  it('a single value check (also used for conditions) still takes null', () => {
    expect(validateColumnValue(Account, 'email', null)).toBeNull();
  });
});

describe('required columns on read', () => {
  const stored = { id: 1, email: 'a@b.c', plan: 'pro', since_at: new Date(0), roles: new Set(['admin']), note: null };

  it('reads a complete row as it is', () => {
    expect(rowFromDatabase(Account, stored)).toEqual({ ...full, since: new Date(0) });
  });

  it('a stored null in a required column is an UnreadableValueError naming table and column', () => {
    for (const [dbName, property] of [['email', 'email'], ['since_at', 'since']]) {
      let thrown: unknown;
      try {
        rowFromDatabase(Account, { ...stored, [dbName]: null });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UnreadableValueError);
      expect((thrown as UnreadableValueError).code).toBe('ERR_CASSIA_UNREADABLE_VALUE');
      expect((thrown as Error).message).toContain(`model "accounts", column "${property}" is required`);
    }
  });

  it('a required collection stored as null reads as empty (Cassandra stores an empty one as null)', () => {
    expect(rowFromDatabase(Account, { ...stored, roles: null }).roles).toEqual(new Set());
  });

  it('a row without the column (a select of others) is not an error', () => {
    expect(rowFromDatabase(Account, { id: 1, note: 'n' })).toEqual({ id: 1, note: 'n' });
  });
});

describe('where required means nothing', () => {
  it('a required counter is a SchemaDefinitionError', () => {
    expect(() => defineModel({ table: 'c', columns: { id: t.int(), n: t.counter().required() }, partitionKey: 'id' })).toThrow(SchemaDefinitionError);
  });

  it('a required UDT field is a SchemaDefinitionError (and a type error)', () => {
    // @ts-expect-error required is a column option, not a field option
    expect(() => defineType({ name: 'ty', fields: { a: t.text().required() } })).toThrow(/cannot be required/);
  });

  it('a required key column is just a key column', () => {
    const Keyed = defineModel({ table: 'k', columns: { id: t.int().required(), v: t.text() }, partitionKey: 'id' });
    expect(validateInsert(Keyed, { id: 1 })).toEqual({ id: 1 });
  });
});
