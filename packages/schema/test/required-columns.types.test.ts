// Compile-time tests of `.required()`: required columns are non-null when read, must be given
// (unless defaulted) and never null when written; `.withDefault()` alone keeps the read nullable.
import { expectTypeOf } from 'expect-type';
import { defineModel, t, type InferInsert, type InferPartial, type InferRow, type InferSave, type RequiredColumnsOf } from '../src';

const Account = defineModel({
  table: 'accounts',
  columns: {
    id: t.int(),
    email: t.text().required(),
    plan: t.text().withDefault('free').required(),
    created: t.timestamp().withDefault(() => new Date()),
    note: t.text(),
  },
  partitionKey: 'id',
});

describe('required columns in the types', () => {
  it('read as non-null; a default alone does not make a column non-null', () => {
    expectTypeOf<InferRow<typeof Account>>().toEqualTypeOf<{ id: number; email: string; plan: string; created: Date | null; note: string | null }>();
    expectTypeOf<RequiredColumnsOf<typeof Account>>().toEqualTypeOf<'email' | 'plan'>();
    expect(Account.columns.email.columnOptions.required).toBe(true);
  });

  it('an insert gives required columns without a default, never null', () => {
    expectTypeOf<InferInsert<typeof Account>>().toEqualTypeOf<{
      id: number;
      email: string;
      plan?: string;
      created?: Date | null;
      note?: string | null;
    }>();
    // @ts-expect-error email is required
    const missing: InferInsert<typeof Account> = { id: 1 };
    // @ts-expect-error a required column cannot be null
    const nulled: InferInsert<typeof Account> = { id: 1, email: null };
    void [missing, nulled];
  });

  it('save and partial writes never take null for a required column', () => {
    expectTypeOf<InferSave<typeof Account>>().toEqualTypeOf<{ id: number; email: string; plan: string; created: Date | null; note: string | null }>();
    expectTypeOf<InferPartial<typeof Account>>().toHaveProperty('email').toEqualTypeOf<string | undefined>();
    expectTypeOf<InferPartial<typeof Account>>().toHaveProperty('note').toEqualTypeOf<string | null | undefined>();
  });

  it('collection, tuple and vector elements cannot be required', () => {
    // @ts-expect-error required is a column option, not an element's
    void t.list(t.text().required());
  });
});
