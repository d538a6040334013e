// A connection registered with the caller's own driver client (issue 25, item 13): a client with
// the encoding Cassia needs round-trips bigint, varint, counter and maps keyed by booleans and
// blobs; a client with the driver's default encoding is refused at registration, naming the fix.
import { Client } from 'cassandra-driver';
import { ConfigurationError, ConnectionRegistry, REQUIRED_DRIVER_ENCODING } from '@cassia/core';
import { createTableCql, defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { increment, query } from '../src';

const KS = 'cassia_query_it_provided_client';
const { cluster1 } = testClusters();

const Wide = defineModel({
  table: 'wide',
  keyspace: KS,
  columns: {
    id: t.text(),
    big: t.bigint(),
    huge: t.varint(),
    flags: t.map(t.boolean(), t.text()),
    blobs: t.map(t.blob(), t.int()),
    pairs: t.map(t.frozen(t.tuple(t.int(), t.text())), t.text()),
  },
  partitionKey: ['id'],
});

const Hits = defineModel({
  table: 'hits',
  keyspace: KS,
  columns: { page: t.text(), hits: t.counter() },
  partitionKey: ['page'],
});

let raw: Client;
let provided: Client;
let registry: ConnectionRegistry;

beforeAll(async () => {
  raw = new Client({ contactPoints: [cluster1], localDataCenter: 'datacenter1', encoding: REQUIRED_DRIVER_ENCODING });
  await raw.connect();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  for (const model of [Wide, Hits]) await raw.execute(createTableCql(model, KS));
  provided = new Client({ contactPoints: [cluster1], localDataCenter: 'datacenter1', encoding: REQUIRED_DRIVER_ENCODING });
  registry = new ConnectionRegistry();
  await registry.registerConnection('mine', { client: provided, default: true });
});

afterAll(async () => {
  await registry.shutdown();
  await provided.shutdown();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.shutdown();
});

describe("a caller's client with REQUIRED_DRIVER_ENCODING", () => {
  it('round-trips bigint, varint and maps keyed by boolean, blob and frozen tuple', async () => {
    const row = {
      id: 'r1',
      big: -(2n ** 63n),
      huge: 2n ** 200n + 1n,
      flags: new Map([[true, 'yes'], [false, 'no']]),
      blobs: new Map([[Buffer.from([0, 1]), 1], [Buffer.from([255]), 2]]),
      pairs: new Map<[number, string], string>([[[1, 'a'], 'one-a']]),
    };
    await query(Wide, { registry }).create(row);
    const read = await query(Wide, { registry }).where({ id: 'r1' }).get();
    expect(read.big).toBe(-(2n ** 63n));
    expect(read.huge).toBe(2n ** 200n + 1n);
    expect(read.flags).toEqual(new Map([[false, 'no'], [true, 'yes']]));
    expect([...read.blobs].map(([key, value]) => [key.toString('hex'), value])).toEqual([['0001', 1], ['ff', 2]]);
    expect([...read.pairs]).toEqual([[[1, 'a'], 'one-a']]);
    // Stored as written, as another client sees it.
    const stored = (await raw.execute(`SELECT big, huge, flags, blobs FROM "${KS}"."wide" WHERE id = ?`, ['r1'], { prepare: true })).first();
    expect(stored.get('big')).toBe(-(2n ** 63n));
    expect(stored.get('huge')).toBe(2n ** 200n + 1n);
    expect((stored.get('flags') as Map<boolean, string>).size).toBe(2);
    expect((stored.get('blobs') as Map<Buffer, number>).size).toBe(2);
  });

  it('increments a counter by a bigint', async () => {
    await query(Hits, { registry }).where({ page: 'home' }).update({ hits: increment(2n ** 40n) });
    await query(Hits, { registry }).where({ page: 'home' }).update({ hits: increment(1n) });
    expect((await query(Hits, { registry }).where({ page: 'home' }).get()).hits).toBe(2n ** 40n + 1n);
  });
});

describe("a caller's client with the driver's default encoding", () => {
  it('is refused at registration with a ConfigurationError naming the encoding options to set', async () => {
    const defaults = new Client({ contactPoints: [cluster1], localDataCenter: 'datacenter1' });
    try {
      const error = await registry.registerConnection('defaults', { client: defaults }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain('encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true }');
      expect(registry.listConnections()).toEqual(['mine']);
    } finally {
      await defaults.shutdown();
    }
  });
});
