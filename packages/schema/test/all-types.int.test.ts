// Every column type against a real Cassandra (cluster1): DDL from this package, values written
// through toDatabase with prepared statements, read back through rowFromDatabase, compared deeply.
import { Client } from 'cassandra-driver';
import {
  createIndexCql, createTableCql, createTypeCql, cqlTypeText, defineModel, defineType, rowFromDatabase, rowToDatabase, t,
  validateInsert, type InferRow,
} from '../src';

const KEYSPACE = 'cassia_schema_it';

const Address = defineType({
  name: 'it_address',
  fields: { street: t.text(), zip: t.int().dbName('zip_code'), tags: t.set(t.text()) },
});
const Person = defineType({ name: 'it_person', fields: { name: t.text(), home: t.udt(Address), born: t.date() } });

const AllTypes = defineModel({
  table: 'all_types',
  columns: {
    id: t.uuid(),
    seq: t.int(),
    ascii_col: t.ascii(),
    text_col: t.text(),
    varchar_col: t.varchar(),
    int_col: t.int(),
    bigint_col: t.bigint(),
    smallint_col: t.smallint(),
    tinyint_col: t.tinyint(),
    varint_col: t.varint(),
    float_col: t.float(),
    double_col: t.double(),
    decimal_col: t.decimal(),
    boolean_col: t.boolean(),
    uuid_col: t.uuid(),
    timeuuid_col: t.timeuuid(),
    timestamp_col: t.timestamp(),
    date_col: t.date(),
    time_col: t.time(),
    duration_col: t.duration(),
    blob_col: t.blob(),
    inet4_col: t.inet(),
    inet6_col: t.inet(),
    list_col: t.list(t.text()),
    set_col: t.set(t.bigint()),
    map_col: t.map(t.text(), t.int()),
    int_map_col: t.map(t.int(), t.frozen(t.list(t.double()))),
    empty_list: t.list(t.int()),
    empty_map: t.map(t.uuid(), t.text()),
    tuple_col: t.tuple(t.int(), t.text(), t.bigint()),
    frozen_col: t.frozen(t.set(t.text())),
    address: t.udt(Address),
    people: t.list(t.udt(Person)),
    vector_col: t.vector(t.float(), 3),
    null_text: t.text(),
    renamed: t.text().dbName('db_renamed'),
    shared: t.text().static(),
  },
  partitionKey: 'id',
  clusteringKey: [['seq', 'desc']],
  indexes: [{ column: 'vector_col', using: 'sai' }, { column: 'map_col', target: 'keys' }],
  options: { comment: "all types' table", default_time_to_live: 0 },
});

const Counts = defineModel({
  table: 'counts',
  columns: { id: t.text(), hits: t.counter() },
  partitionKey: 'id',
});

const row: InferRow<typeof AllTypes> = {
  id: '6ba7b810-9dad-41d1-80b4-00c04fd430c8',
  seq: 1,
  ascii_col: 'plain ascii ~',
  text_col: 'unicode: héllo wörld ✓ 日本語 🚀',
  varchar_col: '',
  int_col: -2147483648,
  bigint_col: 9223372036854775807n,
  smallint_col: -32768,
  tinyint_col: 127,
  varint_col: -(2n ** 130n) + 7n,
  float_col: -3.25,
  double_col: Number.MAX_VALUE,
  decimal_col: '-123456789012345678901234567890.000000001',
  boolean_col: false,
  uuid_col: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  timeuuid_col: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  timestamp_col: new Date('2024-02-29T23:59:59.999Z'),
  date_col: '1970-01-01',
  time_col: '23:59:59.999999999',
  duration_col: { months: 14, days: 3, nanoseconds: 3_600_000_000_123n },
  blob_col: Buffer.from([0, 1, 2, 254, 255]),
  inet4_col: '192.168.1.254',
  inet6_col: '2001:db8::ff00:42:8329',
  list_col: ['b', 'a', 'b'],
  set_col: new Set([-(2n ** 63n), 0n, 2n ** 63n - 1n]),
  map_col: new Map([['one', 1], ['ünï', -1]]),
  int_map_col: new Map([[-1, [1.5, -0.25]], [2, []]]),
  empty_list: [],
  empty_map: new Map(),
  tuple_col: [42, 'tuple ✓', -1n],
  frozen_col: new Set(['x', 'y']),
  address: { street: '1 Main St', zip: 12345, tags: new Set(['home']) },
  people: [
    { name: 'Ann', home: { street: 'Elm', zip: null, tags: new Set() }, born: '1990-12-31' },
    { name: 'Bob ✓', home: null, born: null },
  ],
  vector_col: [0.5, -1.25, 3],
  null_text: null,
  renamed: 'under another name',
  shared: 'static value',
};

describe('all column types on cluster1', () => {
  const client = new Client({
    contactPoints: [process.env.CASSIA_CLUSTER1 ?? '127.0.0.1'],
    localDataCenter: 'datacenter1',
    encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true },
  });

  beforeAll(async () => {
    await client.connect();
    await client.execute(`DROP KEYSPACE IF EXISTS "${KEYSPACE}"`);
    await client.execute(
      `CREATE KEYSPACE "${KEYSPACE}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    for (const type of AllTypes.userTypes) await client.execute(createTypeCql(type, KEYSPACE));
    await client.execute(createTableCql(AllTypes, KEYSPACE));
    for (const index of AllTypes.indexes) await client.execute(createIndexCql(AllTypes, index, KEYSPACE));
    await client.execute(createTableCql(Counts, KEYSPACE, { ifNotExists: true }));
  });

  afterAll(async () => {
    try {
      await client.execute(`DROP KEYSPACE IF EXISTS "${KEYSPACE}"`);
    } finally {
      await client.shutdown();
    }
  });

  async function insert(values: Record<string, unknown>): Promise<void> {
    const params = rowToDatabase(AllTypes, values);
    const names = Object.keys(params);
    const cql = `INSERT INTO "${KEYSPACE}"."all_types" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
    await client.execute(cql, Object.values(params), { prepare: true });
  }

  async function select(seq: number) {
    const result = await client.execute(`SELECT * FROM "${KEYSPACE}"."all_types" WHERE "id" = ? AND "seq" = ?`, [row.id, seq], {
      prepare: true,
    });
    expect(result.rows).toHaveLength(1);
    return rowFromDatabase(AllTypes, result.rows[0]);
  }

  it('writes and reads back every type unchanged', async () => {
    await insert(validateInsert(AllTypes, row));
    expect(await select(1)).toEqual(row);
  });

  it('reads a row with only its key as nulls and empty collections', async () => {
    await insert({ id: row.id, seq: 2 });
    const read = await select(2);
    expect(read.text_col).toBeNull();
    expect(read.list_col).toEqual([]);
    expect(read.set_col).toEqual(new Set());
    expect(read.map_col).toEqual(new Map());
    expect(read.frozen_col).toEqual(new Set());
    expect(read.people).toEqual([]);
    expect(read.address).toBeNull();
    expect(read.vector_col).toBeNull();
    // The static column is shared by the partition.
    expect(read.shared).toBe('static value');
  });

  it('reports the column types as cqlTypeText spells them', async () => {
    const result = await client.execute(
      'SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?',
      [KEYSPACE, 'all_types'],
    );
    const reported = new Map(result.rows.map((r) => [r.column_name as string, r.type as string]));
    for (const [property, column] of Object.entries(AllTypes.columns)) {
      expect([property, reported.get(AllTypes.dbNames[property])]).toEqual([property, cqlTypeText(column)]);
    }
  });

  it('increments counters read back as bigint', async () => {
    await client.execute(`UPDATE "${KEYSPACE}"."counts" SET "hits" = "hits" + ? WHERE "id" = ?`, [5n, 'a'], { prepare: true });
    const result = await client.execute(`SELECT * FROM "${KEYSPACE}"."counts" WHERE "id" = ?`, ['a'], { prepare: true });
    expect(rowFromDatabase(Counts, result.rows[0])).toEqual({ id: 'a', hits: 5n });
  });
});
