// `.required()` columns and uuid()/timeuuid() values against a real cluster (cluster1): Cassia
// refuses writes that would leave a required column null before sending anything, and a row that
// another client wrote with that column null fails to read with UnreadableValueError.
import { Client } from 'cassandra-driver';
import { ConnectionRegistry, QueryBuildError, UnreadableValueError, ValidationError } from '@cassia/core';
import { createTableCql, defineModel, t, timeuuid, uuid, type InferInsert } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { query } from '../src';

const KS = 'cassia_query_it_required';
const { cluster1 } = testClusters();

const Account = defineModel({
  table: 'accounts',
  keyspace: KS,
  columns: {
    id: t.uuid().branded(),
    email: t.text().required(),
    plan: t.text().withDefault('free').required(),
    note: t.text(),
  },
  partitionKey: 'id',
});

const Event = defineModel({
  table: 'events',
  keyspace: KS,
  columns: { stream: t.uuid(), at: t.timeuuid().branded(), body: t.text().required() },
  partitionKey: 'stream',
  clusteringKey: ['at'],
});

let raw: Client;
let registry: ConnectionRegistry;
const accounts = () => query(Account, { registry });
const events = () => query(Event, { registry });

beforeAll(async () => {
  raw = new Client({ contactPoints: [cluster1], localDataCenter: 'datacenter1' });
  await raw.connect();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  for (const model of [Account, Event]) await raw.execute(createTableCql(model, KS));
  registry = new ConnectionRegistry();
  await registry.registerConnection('cluster1', { contactPoints: [cluster1], default: true });
});

afterAll(async () => {
  await registry.shutdown();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.shutdown();
});

const rowCount = async (id: string) => (await raw.execute(`SELECT id FROM "${KS}".accounts WHERE id = ?`, [id], { prepare: true })).rowLength;

describe('required columns', () => {
  it('create writes a required column given or defaulted, and reads it back non-null', async () => {
    const id = uuid();
    await accounts().create({ id, email: 'ann@example.com' });
    expect(await accounts().where({ id }).get()).toEqual({ id, email: 'ann@example.com', plan: 'free', note: null });
  });

  it('create or save without a required column, or with null, sends nothing', async () => {
    const id = uuid();
    await expect(accounts().create({ id } as InferInsert<typeof Account>)).rejects.toThrow(ValidationError);
    await expect(accounts().create({ id, email: null as never })).rejects.toThrow(/email: A required column \(\.required\(\)\) cannot be null/);
    await expect(accounts().save({ id, email: 'x@y.z', plan: null as never, note: null })).rejects.toThrow(ValidationError);
    expect(await rowCount(id)).toBe(0);
  });

  it('update may leave a required column alone, but cannot set it to null or delete it', async () => {
    const id = uuid();
    await accounts().create({ id, email: 'bo@example.com', plan: 'pro' });
    await accounts().where({ id }).update({ note: 'vip' });
    await expect(accounts().where({ id }).update({ email: null as never })).rejects.toThrow(ValidationError);
    await expect(accounts().where({ id }).delete(['email' as never])).rejects.toThrow(QueryBuildError);
    expect(await accounts().where({ id }).get()).toEqual({ id, email: 'bo@example.com', plan: 'pro', note: 'vip' });
  });

  it('a row another client wrote with a required column null fails to read with UnreadableValueError', async () => {
    const id = uuid();
    // A raw driver insert leaving the required email out (stored as null).
    await raw.execute(`INSERT INTO "${KS}".accounts (id, plan) VALUES (?, ?)`, [id, 'free'], { prepare: true });
    for (const read of [() => accounts().where({ id }).get(), () => accounts().where({ id }).first(), () => accounts().where({ id }).all()]) {
      await expect(read()).rejects.toThrow(UnreadableValueError);
    }
    await expect(accounts().where({ id }).get()).rejects.toThrow(/model "accounts", column "email" is required/);
    // A select of other columns does not read it.
    expect(await accounts().where({ id }).select('id', 'plan').get()).toEqual({ id, plan: 'free' });
  });
});

describe('uuid() and timeuuid() values', () => {
  it('key rows, order by time, and read back as written', async () => {
    const stream = uuid();
    const times = [timeuuid(new Date(1_700_000_000_000)), timeuuid(new Date(1_700_000_001_000)), timeuuid(new Date(1_700_000_002_000))];
    for (const at of [times[2], times[0], times[1]]) await events().create({ stream, at, body: `at ${at}` });
    const rows = await events().where({ stream }).all();
    expect(rows.map((row) => row.at)).toEqual(times);
    expect(rows[0]).toEqual({ stream, at: times[0], body: `at ${times[0]}` });
  });

  it('a random uuid into a timeuuid column is refused before sending', async () => {
    const stream = uuid();
    await expect(events().create({ stream, at: uuid() as never, body: 'b' })).rejects.toThrow(/version 1 \(time-based\) UUID/);
    expect(await events().where({ stream }).count()).toBe(0);
  });
});
