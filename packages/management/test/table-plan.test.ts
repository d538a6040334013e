import { ConfigurationError, SchemaMismatchError } from '@cassia/core';
import { createTableCql, defineModel, t } from '@cassia/schema';
import { KeyspaceNotFoundError } from '@cassia/core';
import { planTable, type KeyspaceDescription } from '../src/internal';
import { Address, Automobile, Garage, TARGET, automobileColumns, defaultOptions, keyspace, table } from './fixtures';

function mismatch(fn: () => unknown): SchemaMismatchError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SchemaMismatchError) return error;
    throw error;
  }
  throw new Error('expected a SchemaMismatchError');
}

describe('planTable: a missing table', () => {
  it('creates user types first (dependency order), then the table, then its indexes', () => {
    const plan = planTable(Garage, TARGET, keyspace());
    expect(plan.action).toBe('created');
    expect(plan.statements[0]).toMatch(/^CREATE TYPE IF NOT EXISTS "ks1"\."address"/);
    expect(plan.statements[1]).toBe(createTableCql(Garage, 'ks1', { ifNotExists: true }));
    expect(plan.statements[2]).toMatch(/^CREATE INDEX IF NOT EXISTS "garage_tags_idx" ON "ks1"\."garage" \(FULL\("tags"\)\)/);
    expect(plan.statements).toHaveLength(3);
  });

  it('does not recreate a user type that exists', () => {
    const types = [{ name: 'address', fields: [{ name: 'street', type: 'text' }, { name: 'zip', type: 'int' }] }];
    const plan = planTable(Garage, TARGET, keyspace(undefined, types));
    expect(plan.statements.some((s) => s.startsWith('CREATE TYPE'))).toBe(false);
  });

  it('fails with KeyspaceNotFoundError when the keyspace is missing', () => {
    const missing: KeyspaceDescription = { name: 'ks1', exists: false, table: undefined, types: new Map() };
    expect(() => planTable(Automobile, TARGET, missing)).toThrow(KeyspaceNotFoundError);
    expect(() => planTable(Automobile, TARGET, missing)).toThrow(/ks1.*cluster1/);
  });
});

describe('planTable: an existing table', () => {
  it('is unchanged when it matches', () => {
    const plan = planTable(Automobile, TARGET, keyspace(table('automobile', automobileColumns())));
    expect(plan).toMatchObject({ action: 'unchanged', statements: [], warnings: [] });
  });

  it('adds missing columns, never drops: an extra database column is a warning', () => {
    const WithColor = defineModel({ ...definition(), columns: { ...definition().columns, color: t.text().static() } });
    const columns = [...automobileColumns(), { name: 'legacy', kind: 'regular' as const, position: -1, clusteringOrder: 'none' as const, type: 'list<text>' }];
    const plan = planTable(WithColor, TARGET, keyspace(table('automobile', columns)));
    expect(plan.action).toBe('updated');
    expect(plan.statements).toEqual(['ALTER TABLE "ks1"."automobile" ADD IF NOT EXISTS "color" text static']);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatch(/"legacy" \(list<text>\).*not in the model/);
  });

  it('rejects a changed column type, naming target, column and both types', () => {
    const Changed = defineModel({ ...definition(), columns: { ...definition().columns, price: t.double(), extra: t.text() } });
    const error = mismatch(() => planTable(Changed, TARGET, keyspace(table('automobile', automobileColumns()))));
    expect(error).toMatchObject({ connection: 'cluster1', keyspace: 'ks1', table: 'automobile', column: 'price', expected: 'double', actual: 'decimal' });
    expect(error.message).toMatch(/price.*ks1\.automobile.*cluster1.*decimal.*double/);
  });

  it('rejects a changed key column type', () => {
    const Changed = defineModel({ ...definition(), columns: { ...definition().columns, year: t.bigint() } });
    const error = mismatch(() => planTable(Changed, TARGET, keyspace(table('automobile', automobileColumns()))));
    expect(error).toMatchObject({ column: 'year', expected: 'bigint', actual: 'int' });
  });

  it('rejects a different partition key, clustering columns or clustering order', () => {
    const columns = automobileColumns();
    const otherOrder = defineModel({ ...definition(), clusteringKey: ['year', 'model'] });
    expect(mismatch(() => planTable(otherOrder, TARGET, keyspace(table('automobile', columns))))).toMatchObject({
      column: 'model',
      expected: 'PRIMARY KEY ((manufacturer), year ASC, model ASC)',
      actual: 'PRIMARY KEY ((manufacturer), year ASC, model DESC)',
    });
    const composite = defineModel({ ...definition(), partitionKey: ['manufacturer', 'year'], clusteringKey: [['model', 'desc']] });
    expect(mismatch(() => planTable(composite, TARGET, keyspace(table('automobile', columns)))).column).toBe('year');
    const fewer = defineModel({ ...definition(), clusteringKey: ['year'] });
    expect(mismatch(() => planTable(fewer, TARGET, keyspace(table('automobile', columns)))).column).toBe('model');
  });

  it('rejects a static column that is regular in the database', () => {
    const StaticPrice = defineModel({ ...definition(), columns: { ...definition().columns, price: t.decimal().static() } });
    const error = mismatch(() => planTable(StaticPrice, TARGET, keyspace(table('automobile', automobileColumns()))));
    expect(error).toMatchObject({ column: 'price', expected: 'decimal static', actual: 'decimal' });
  });

  it('matches UDT and collection types however Cassandra spells them', () => {
    const columns = [
      { name: 'id', kind: 'partition_key' as const, position: 0, clusteringOrder: 'none' as const, type: 'uuid' },
      { name: 'owner', kind: 'regular' as const, position: -1, clusteringOrder: 'none' as const, type: 'address' },
      { name: 'tags', kind: 'regular' as const, position: -1, clusteringOrder: 'none' as const, type: 'frozen<map<text, int>>' },
      { name: 'cars', kind: 'regular' as const, position: -1, clusteringOrder: 'none' as const, type: 'list<frozen<ks1.address>>' },
    ];
    const types = [{ name: 'address', fields: [{ name: 'street', type: 'text' }, { name: 'zip', type: 'int' }] }];
    const options = { ...defaultOptions(), comment: "Bob's garage", default_time_to_live: 60 };
    const indexes = [{ name: 'garage_tags_idx', kind: 'COMPOSITES', options: { target: 'full(tags)' } }];
    const plan = planTable(Garage, TARGET, keyspace(table('garage', columns, { options, indexes }), types));
    expect(plan).toMatchObject({ action: 'unchanged', statements: [], warnings: [] });
  });

  it('alters only changed options, with quotes escaped in the statement', () => {
    const columns = automobileColumns();
    const WithOptions = defineModel({ ...definition(), options: { comment: "it's", default_time_to_live: 0, gc_grace_seconds: 10 } });
    const plan = planTable(WithOptions, TARGET, keyspace(table('automobile', columns)));
    expect(plan.statements).toEqual([`ALTER TABLE "ks1"."automobile" WITH comment = 'it''s' AND gc_grace_seconds = 10`]);
  });

  it('fails with ConfigurationError for an option the server does not know', () => {
    const Odd = defineModel({ ...definition(), options: { not_an_option: 1 } });
    expect(() => planTable(Odd, TARGET, keyspace(table('automobile', automobileColumns())))).toThrow(ConfigurationError);
  });

  it('creates missing indexes after added columns; warns about an index the model lacks', () => {
    const Indexed = defineModel({
      ...definition(),
      columns: { ...definition().columns, color: t.text() },
      indexes: [{ column: 'color' }, { column: 'price', using: 'sai' }],
    });
    const indexes = [{ name: 'by_hand', kind: 'CUSTOM', options: { class_name: 'sai', target: 'model' } }];
    const plan = planTable(Indexed, TARGET, keyspace(table('automobile', automobileColumns(), { indexes })));
    expect(plan.statements).toEqual([
      'ALTER TABLE "ks1"."automobile" ADD IF NOT EXISTS "color" text',
      'CREATE INDEX IF NOT EXISTS "automobile_color_idx" ON "ks1"."automobile" ("color")',
      `CREATE INDEX IF NOT EXISTS "automobile_price_idx" ON "ks1"."automobile" ("price") USING 'sai'`,
    ]);
    expect(plan.warnings).toEqual([expect.stringMatching(/"by_hand".*not in the model/)]);
  });

  it('does not create an index whose column is already indexed under another name', () => {
    const Indexed = defineModel({ ...definition(), indexes: [{ column: 'price' }] });
    const indexes = [{ name: 'price_by_hand', kind: 'COMPOSITES', options: { target: 'price' } }];
    const plan = planTable(Indexed, TARGET, keyspace(table('automobile', automobileColumns(), { indexes })));
    expect(plan.statements).toEqual([]);
    expect(plan.warnings).toEqual([expect.stringMatching(/already as "price_by_hand"/)]);
  });

  it('adds a missing field to a used user type before touching the table', () => {
    const types = [{ name: 'address', fields: [{ name: 'street', type: 'text' }] }];
    const plan = planTable(Garage, TARGET, keyspace(undefined, types));
    expect(plan.statements[0]).toBe('ALTER TYPE "ks1"."address" ADD IF NOT EXISTS "zip" int');
  });

  it('rejects a user type field whose type differs', () => {
    const types = [{ name: 'address', fields: [{ name: 'street', type: 'text' }, { name: 'zip', type: 'text' }] }];
    const error = mismatch(() => planTable(Garage, TARGET, keyspace(undefined, types)));
    expect(error).toMatchObject({ table: 'address', column: 'zip', expected: 'int', actual: 'text' });
  });

  it('keeps the Address fixture in sync with its description', () => {
    expect(Address.fieldList.map((f) => f.dbName)).toEqual(['street', 'zip']);
  });
});

// A fresh copy of Automobile's definition to vary in one test.
function definition() {
  return {
    table: 'automobile',
    columns: { manufacturer: t.text(), year: t.int(), model: t.text(), price: t.decimal() },
    partitionKey: 'manufacturer' as const,
    clusteringKey: ['year', ['model', 'desc']] as ['year', ['model', 'desc']],
  };
}
