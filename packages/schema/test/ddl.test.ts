// DDL text for tables, types and indexes, and the normalized type text management compares.
import {
  addColumnCql, alterTableOptionsCql, createIndexCql, createTableCql, createTypeCql, cqlTypeText, defineModel, defineType, t,
} from '../src';
import { Address, Car, PageViews, Person } from './fixtures';

describe('createTableCql', () => {
  it('renders partition key, clustering order, static columns, db names and options', () => {
    expect(createTableCql(Car, 'garage', { ifNotExists: true })).toBe(
      'CREATE TABLE IF NOT EXISTS "garage"."cars" (' +
        '"make" text, "year" int, "model" text, "vin_code" uuid, "price" decimal, ' +
        '"owners" list<frozen<"person">>, "features" set<text>, "ratings" map<text, int>, "dealer" text static, ' +
        '"created" timestamp, "location" tuple<double, double>, "embedding" vector<float, 3>, "tags" frozen<list<text>>, ' +
        'PRIMARY KEY ("make", "year", "model")) ' +
        'WITH CLUSTERING ORDER BY ("year" DESC, "model" ASC) AND comment = \'Cars\'\' table\' ' +
        "AND compaction = {'class': 'SizeTieredCompactionStrategy', 'min_threshold': '4'} AND default_time_to_live = 3600",
    );
  });

  it('renders a composite partition key without clustering', () => {
    expect(createTableCql(PageViews, 'ks')).toBe(
      'CREATE TABLE "ks"."page_views" ("page" text, "day" date, "views" counter, "visitors" counter, PRIMARY KEY (("page", "day")))',
    );
  });

  it('renders caching, booleans and numbers in options', () => {
    const M = defineModel({
      table: 'o',
      columns: { id: t.int() },
      partitionKey: 'id',
      options: { caching: { keys: 'ALL', rows_per_partition: 10 }, cdc: false, gc_grace_seconds: 0, bloom_filter_fp_chance: 0.01 },
    });
    expect(createTableCql(M, 'ks')).toBe(
      'CREATE TABLE "ks"."o" ("id" int, PRIMARY KEY ("id")) WITH bloom_filter_fp_chance = 0.01 AND ' +
        "caching = {'keys': 'ALL', 'rows_per_partition': '10'} AND cdc = false AND gc_grace_seconds = 0",
    );
    expect(alterTableOptionsCql(M, 'ks', { comment: "it's" })).toBe('ALTER TABLE "ks"."o" WITH comment = \'it\'\'s\'');
  });

  it('rejects an invalid keyspace name', () => {
    expect(() => createTableCql(PageViews, 'bad-ks')).toThrow(expect.objectContaining({ code: 'ERR_CASSIA_INVALID_IDENTIFIER' }));
  });

  it('renders ALTER TABLE ADD for a column', () => {
    expect(addColumnCql(Car, 'dealer', 'garage')).toBe('ALTER TABLE "garage"."cars" ADD "dealer" text static');
  });
});

describe('createTypeCql', () => {
  it('renders fields with nested collections and UDTs frozen', () => {
    expect(createTypeCql(Address, 'ks')).toBe('CREATE TYPE "ks"."address" ("street" text, "zip" int, "tags" frozen<set<text>>)');
    expect(createTypeCql(Person, 'ks', { ifNotExists: true })).toBe(
      'CREATE TYPE IF NOT EXISTS "ks"."person" ("name" text, "home" frozen<"address">)',
    );
  });

  it('lists the types a model uses, dependencies first', () => {
    expect(Car.userTypes.map((type) => type.name)).toEqual(['address', 'person']);
    expect(Person.dependencies.map((type) => type.name)).toEqual(['address']);
  });
});

describe('createIndexCql', () => {
  it('renders secondary, SAI and keys() indexes with default and given names', () => {
    const [vin, embedding, ratings] = Car.indexes;
    expect(createIndexCql(Car, vin, 'garage')).toBe('CREATE INDEX "cars_vin_code_idx" ON "garage"."cars" ("vin_code")');
    expect(createIndexCql(Car, embedding, 'garage', { ifNotExists: true })).toBe(
      'CREATE INDEX IF NOT EXISTS "cars_embedding_idx" ON "garage"."cars" ("embedding") USING \'sai\'',
    );
    expect(createIndexCql(Car, ratings, 'garage')).toBe('CREATE INDEX "ratings_keys" ON "garage"."cars" (KEYS("ratings"))');
  });

  it('renders index options', () => {
    const M = defineModel({
      table: 'docs',
      columns: { id: t.int(), body: t.text() },
      partitionKey: 'id',
      indexes: [{ column: 'body', using: 'sai', options: { case_sensitive: 'false' } }],
    });
    expect(createIndexCql(M, M.indexes[0], 'ks')).toBe(
      'CREATE INDEX "docs_body_idx" ON "ks"."docs" ("body") USING \'sai\' WITH OPTIONS = {\'case_sensitive\': \'false\'}',
    );
  });
});

describe('cqlTypeText', () => {
  it('normalizes as system_schema.columns.type reports', () => {
    const Mixed = defineType({ name: 'MixedCase', fields: { a: t.int() } });
    expect(cqlTypeText(t.varchar())).toBe('text');
    expect(cqlTypeText(t.frozen(t.map(t.text(), t.int())))).toBe('frozen<map<text, int>>');
    expect(cqlTypeText(t.list(t.text()))).toBe('list<text>');
    expect(cqlTypeText(t.vector(t.float(), 3))).toBe('vector<float, 3>');
    expect(cqlTypeText(t.tuple(t.int(), t.text()))).toBe('frozen<tuple<int, text>>');
    expect(cqlTypeText(t.udt(Address))).toBe('address');
    expect(cqlTypeText(t.frozen(t.udt(Mixed)))).toBe('frozen<"MixedCase">');
    expect(cqlTypeText(t.map(t.text(), t.list(t.udt(Address))))).toBe('map<text, frozen<list<frozen<address>>>>');
    expect(cqlTypeText(t.set(t.tuple(t.int(), t.varchar())))).toBe('set<frozen<tuple<int, text>>>');
  });
});
