// migrate new --from-models: statements of every target, unqualified and deduplicated, warnings as
// comments, the destructive-steps notice, and nothing at all when no target needs a change.
import type { SyncResult } from '@cassia/management';
import { generatedMigration } from '../src/generated-migration';

const result = (connection: string, keyspace: string, statements: string[], warnings: string[] = []): SyncResult => ({
  connection, keyspace, table: 'users', action: statements.length > 0 ? 'updated' : 'unchanged', statements, warnings,
});

describe('generatedMigration', () => {
  it('writes each statement once, without the target keyspace, with the notice and warnings', () => {
    const { statements, text } = generatedMigration(
      [
        result('c1', 'app_eu', ['ALTER TABLE "app_eu"."users" ADD IF NOT EXISTS "email" text'], ['column "old" (text) is in the database but not in the model']),
        result('c2', 'app_us', ['ALTER TABLE "app_us"."users" ADD IF NOT EXISTS "email" text', 'CREATE INDEX IF NOT EXISTS "users_email_idx" ON "app_us"."users" ("email")']),
      ],
      './models.ts',
    );
    expect(statements).toEqual(['ALTER TABLE "users" ADD IF NOT EXISTS "email" text', 'CREATE INDEX IF NOT EXISTS "users_email_idx" ON "users" ("email")']);
    expect(text).toContain('Destructive steps');
    expect(text).toContain('-- warning: c1/app_eu users: column "old" (text) is in the database but not in the model');
    expect(text?.endsWith('ALTER TABLE "users" ADD IF NOT EXISTS "email" text;\nCREATE INDEX IF NOT EXISTS "users_email_idx" ON "users" ("email");\n')).toBe(true);
  });

  it('gives no text when nothing changes', () => {
    expect(generatedMigration([result('c1', 'app', [])], 'm.ts')).toEqual({ statements: [], text: undefined });
  });
});
