// The seed's Connection Selection examples against cluster1 and cluster2, checking where every
// row actually landed with raw driver clients. The default connection is lazy and unreachable
// (cqlengine's trick), so a statement that wrongly falls back to it fails loudly.
import { Client } from 'cassandra-driver';
import * as core from '@cassia/core';
import { BatchConnectionError, ConnectionError } from '@cassia/core';
import { createTableCql, defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { batch, query, withContext } from '../src';

const KS1 = 'cassia_query_it_1';
const KS2 = 'cassia_query_it_2';
const { cluster1, cluster2 } = testClusters();

const Automobile = defineModel({
  table: 'automobile',
  columns: { manufacturer: t.text(), year: t.int(), model: t.text(), price: t.int() },
  partitionKey: ['manufacturer'],
  clusteringKey: ['year', 'model'],
});

// The seed's model with `__connection__ = 'cluster2'` (and `__keyspace__`).
const Automobile2 = defineModel({
  table: 'automobile',
  keyspace: KS1,
  connection: 'cluster2',
  columns: { manufacturer: t.text(), year: t.int(), model: t.text(), price: t.int() },
  partitionKey: ['manufacturer'],
  clusteringKey: ['year', 'model'],
});

let raw1: Client;
let raw2: Client;

function rawClient(contactPoint: string): Client {
  return new Client({
    contactPoints: [contactPoint],
    localDataCenter: 'datacenter1',
    encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true },
  });
}

async function rows(client: Client, keyspace: string, manufacturer: string): Promise<string[]> {
  const result = await client.execute(`SELECT model FROM "${keyspace}"."automobile" WHERE manufacturer = ?`, [manufacturer], {
    prepare: true,
  });
  return result.rows.map((row) => String(row.model)).sort();
}

async function insertRaw(client: Client, keyspace: string, manufacturer: string, year: number, model: string) {
  await client.execute(`INSERT INTO "${keyspace}"."automobile" (manufacturer, year, model) VALUES (?, ?, ?)`, [manufacturer, year, model], {
    prepare: true,
  });
}

beforeAll(async () => {
  raw1 = rawClient(cluster1);
  raw2 = rawClient(cluster2);
  await Promise.all([raw1.connect(), raw2.connect()]);
  for (const client of [raw1, raw2]) {
    for (const keyspace of [KS1, KS2]) {
      await client.execute(`DROP KEYSPACE IF EXISTS "${keyspace}"`);
      await client.execute(
        `CREATE KEYSPACE "${keyspace}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
      );
      await client.execute(createTableCql(Automobile, keyspace));
    }
  }
  // Nothing listens on 127.0.0.9: any statement that falls back to the default fails loudly.
  await core.registerConnection('default', { contactPoints: ['127.0.0.9:9042'], lazyConnect: true, keyspace: KS1, default: true });
  await core.registerConnection('cluster1', { contactPoints: [cluster1], keyspace: KS1 });
  await core.registerConnection('cluster2', { contactPoints: [cluster2], keyspace: KS1 });
});

afterAll(async () => {
  await core.shutdown();
  for (const client of [raw1, raw2]) {
    for (const keyspace of [KS1, KS2]) await client.execute(`DROP KEYSPACE IF EXISTS "${keyspace}"`);
  }
  await Promise.all([raw1.shutdown(), raw2.shutdown()]);
});

describe('the seed: Connection Selection', () => {
  it('Default Model Connection: len(Automobile.objects.all()) runs on cluster2', async () => {
    await insertRaw(raw2, KS1, 'ford', 1990, 'a');
    await insertRaw(raw2, KS1, 'ford', 1991, 'b');
    await insertRaw(raw1, KS1, 'ford', 1992, 'only-on-1');
    expect(await query(Automobile2).where({ manufacturer: 'ford' }).count()).toBe(2);
    expect((await query(Automobile2).all()).length).toBe(2);
    // using(connection) overrides the model's connection.
    expect(await query(Automobile2).using({ connection: 'cluster1' }).where({ manufacturer: 'ford' }).count()).toBe(1);
  });

  it("using(connection='cluster1').create(...) lands on cluster1 only", async () => {
    await query(Automobile).using({ connection: 'cluster1' }).create({ manufacturer: 'honda', year: 2010, model: 'civic' });
    expect(await rows(raw1, KS1, 'honda')).toEqual(['civic']);
    expect(await rows(raw2, KS1, 'honda')).toEqual([]);
    expect(await rows(raw1, KS2, 'honda')).toEqual([]);
  });

  it("filter, then using(keyspace='ks2', connection='cluster2').all(); then per-row using(connection='cluster1').save()", async () => {
    await insertRaw(raw2, KS2, 'Tesla', 2018, 'model3');
    await insertRaw(raw2, KS2, 'Tesla', 2020, 'modelY');
    await insertRaw(raw2, KS1, 'Tesla', 2012, 'roadster-ks1');
    await insertRaw(raw1, KS2, 'Tesla', 2012, 'roadster-c1');
    const q = query(Automobile).where({ manufacturer: 'Tesla' });
    const autos = await q.using({ keyspace: KS2, connection: 'cluster2' }).all();
    expect(autos.map((a) => a.model).sort()).toEqual(['model3', 'modelY']);
    expect(autos[0]).toEqual({ manufacturer: 'Tesla', year: 2018, model: 'model3', price: null });

    for (const auto of autos) await query(Automobile).using({ connection: 'cluster1' }).save(auto);
    // cluster1's keyspace is KS1 (the connection's); KS2 on cluster1 keeps only its own row.
    expect(await rows(raw1, KS1, 'Tesla')).toEqual(['model3', 'modelY']);
    expect(await rows(raw1, KS2, 'Tesla')).toEqual(['roadster-c1']);
    expect(await rows(raw2, KS1, 'Tesla')).toEqual(['roadster-ks1']);
  });

  it("ContextQuery(Automobile, connection='cluster1'): filter(...).all() runs on cluster1", async () => {
    await insertRaw(raw2, KS1, 'honda', 2011, 'only-on-2');
    const found = await withContext(Automobile, { connection: 'cluster1' }, async (A) => A.where({ manufacturer: 'honda' }).all());
    expect(found.map((a) => a.model)).toEqual(['civic']);
    // Several models, with a keyspace too; the models themselves are untouched.
    await insertRaw(raw1, KS2, 'kia', 2001, 'rio');
    const [one, two] = await withContext([Automobile, Automobile2], { connection: 'cluster1', keyspace: KS2 }, async (A, B) =>
      Promise.all([A.where({ manufacturer: 'kia' }).all(), B.where({ manufacturer: 'kia' }).all()]),
    );
    expect(one.map((a) => a.model)).toEqual(['rio']);
    expect(two.map((a) => a.model)).toEqual(['rio']);
    expect(Automobile2.connection).toBe('cluster2');
  });

  it("BatchQuery(connection='cluster1'): Automobile.objects.batch(b).create(...) lands on cluster1", async () => {
    await batch({ connection: 'cluster1' }, async (b) => {
      await query(Automobile).batch(b).create({ manufacturer: 'mazda', year: 2010, model: 'mx5' });
      // The model's own connection gives way to the batch's.
      await query(Automobile2).batch(b).create({ manufacturer: 'mazda', year: 2011, model: 'rx8' });
    });
    expect(await rows(raw1, KS1, 'mazda')).toEqual(['mx5', 'rx8']);
    expect(await rows(raw2, KS1, 'mazda')).toEqual([]);
  });

  it('a statement that falls back to the (unreachable) default fails loudly', async () => {
    await expect(query(Automobile).where({ manufacturer: 'honda' }).all()).rejects.toThrow(ConnectionError);
    // withConnection scopes route like any other default.
    const scoped = await core.withConnection('cluster1', () => query(Automobile).where({ manufacturer: 'honda' }).all());
    expect(scoped.map((a) => a.model)).toEqual(['civic']);
  });
});

describe('batch connection rules on real clusters', () => {
  it('without a connection the first statement decides; a mix with the default fails before anything is sent', async () => {
    const b = batch();
    await query(Automobile2).batch(b).create({ manufacturer: 'mix', year: 1, model: 'a' });
    await expect(query(Automobile).batch(b).create({ manufacturer: 'mix', year: 2, model: 'b' })).rejects.toThrow(BatchConnectionError);
    await expect(
      query(Automobile).using({ connection: 'cluster1' }).batch(b).create({ manufacturer: 'mix', year: 3, model: 'c' }),
    ).rejects.toThrow(BatchConnectionError);
    expect(await rows(raw2, KS1, 'mix')).toEqual([]);
    // Keyspaces may differ inside a batch.
    await query(Automobile2).using({ keyspace: KS2 }).batch(b).create({ manufacturer: 'mix', year: 4, model: 'd' });
    await b.execute();
    expect(await rows(raw2, KS1, 'mix')).toEqual(['a']);
    expect(await rows(raw2, KS2, 'mix')).toEqual(['d']);
    expect(await rows(raw1, KS1, 'mix')).toEqual([]);
  });

  it('a batch with a connection refuses using({ connection })', async () => {
    await expect(
      batch({ connection: 'cluster1' }, async (b) => {
        await query(Automobile).batch(b).create({ manufacturer: 'refused', year: 1, model: 'a' });
        await query(Automobile).using({ connection: 'cluster2' }).batch(b).create({ manufacturer: 'refused', year: 2, model: 'b' });
      }),
    ).rejects.toThrow(BatchConnectionError);
    // The callback threw, so nothing ran.
    expect(await rows(raw1, KS1, 'refused')).toEqual([]);
    expect(await rows(raw2, KS1, 'refused')).toEqual([]);
  });
});
