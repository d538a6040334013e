// The seed's Connections section against two real clusters: setup, registration from hosts and
// from a client, default switching, unregistering, lazy connect, retryConnect, scoped routing.
import { Client } from 'cassandra-driver';
import {
  ConnectionError,
  ConnectionRegistry,
  ExecutionError,
  NoDefaultConnectionError,
  type CassiaEvent,
} from '@cassia/core';
import * as core from '@cassia/core';
import { clusterContactPoints, createTestKeyspace, dropTestKeyspace, rawClient } from './clusters';

const KEYSPACE = 'cassia_core_it';
const { cluster1, cluster2 } = clusterContactPoints();
const INSERT = `INSERT INTO "${KEYSPACE}"."rows" (id, origin, n) VALUES (?, ?, ?)`;
const SELECT = `SELECT id, origin, n FROM "${KEYSPACE}"."rows" WHERE id = ?`;

let raw1: Client;
let raw2: Client;

async function rowOn(client: Client, id: string) {
  const result = await client.execute(SELECT, [id], { prepare: true });
  return result.first() ?? undefined;
}

beforeAll(async () => {
  raw1 = rawClient(cluster1);
  raw2 = rawClient(cluster2);
  await Promise.all([raw1.connect(), raw2.connect()]);
  // A keyspace left over from an aborted run must not make rows appear on the wrong cluster.
  await Promise.all([dropTestKeyspace(raw1, KEYSPACE), dropTestKeyspace(raw2, KEYSPACE)]);
});

afterAll(async () => {
  await core.shutdown();
  await Promise.all([dropTestKeyspace(raw1, KEYSPACE), dropTestKeyspace(raw2, KEYSPACE)]);
  await Promise.all([raw1.shutdown(), raw2.shutdown()]);
});

describe('the seed: setup and registerConnection', () => {
  afterAll(() => core.shutdown());

  it('setup before the keyspace exists, register cluster2, create keyspaces, route rows', async () => {
    // The seed calls setup first and creates its keyspaces afterwards.
    await core.setup({ contactPoints: [cluster1], keyspace: KEYSPACE });
    await core.registerConnection('cluster2', { contactPoints: [cluster2], keyspace: KEYSPACE });
    expect(core.listConnections()).toEqual(['default', 'cluster2']);
    expect(core.defaultConnectionName()).toBe('default');

    for (const connection of ['default', 'cluster2']) {
      await core.execute(
        `CREATE KEYSPACE IF NOT EXISTS "${KEYSPACE}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
        [],
        { connection },
      );
      await core.execute(`CREATE TABLE IF NOT EXISTS "${KEYSPACE}"."rows" (id text PRIMARY KEY, origin text, n bigint)`, [], {
        connection,
      });
    }

    await core.execute(INSERT, ['seed-default', 'default', 1n]);
    await core.execute(INSERT, ['seed-cluster2', 'cluster2', 2n], { connection: 'cluster2' });

    expect(await rowOn(raw1, 'seed-default')).toMatchObject({ origin: 'default', n: 1n });
    expect(await rowOn(raw2, 'seed-default')).toBeUndefined();
    expect(await rowOn(raw2, 'seed-cluster2')).toMatchObject({ origin: 'cluster2', n: 2n });
    expect(await rowOn(raw1, 'seed-cluster2')).toBeUndefined();

    // Reads through Cassia come back the same way, with bigint for bigint columns.
    const read = await core.execute(SELECT, ['seed-cluster2'], { connection: 'cluster2' });
    expect(read.first()).toMatchObject({ id: 'seed-cluster2', n: 2n });
  });

  it('resolves to each connection and its keyspace', () => {
    expect(core.resolve()).toMatchObject({ keyspace: KEYSPACE });
    expect(core.resolve().connection.name).toBe('default');
    expect(core.resolve({ connection: 'cluster2' }).connection.name).toBe('cluster2');
  });
});

describe('a registry on two clusters', () => {
  let registry: ConnectionRegistry;

  beforeAll(async () => {
    await Promise.all([createTestKeyspace(raw1, KEYSPACE), createTestKeyspace(raw2, KEYSPACE)]);
  });
  beforeEach(() => {
    registry = new ConnectionRegistry();
  });
  afterEach(() => registry.shutdown());

  it('registers from an existing client, which stays open after unregistering', async () => {
    const client = rawClient(cluster2);
    await client.connect();
    try {
      const connection = await registry.registerConnection('cluster3', { client, keyspace: KEYSPACE, default: true });
      expect(connection.ownsClient).toBe(false);
      await registry.execute(INSERT, ['from-client', 'cluster3', 3n]);
      expect(await rowOn(raw2, 'from-client')).toMatchObject({ origin: 'cluster3' });

      await expect(registry.unregisterConnection('cluster3')).resolves.toBe(true);
      // The caller owns the client: it still works.
      const still = await client.execute(SELECT, ['from-client'], { prepare: true });
      expect(still.rowLength).toBe(1);
      await expect(connection.execute(SELECT, ['from-client'])).rejects.toThrow(ConnectionError);
    } finally {
      await client.shutdown();
    }
  });

  it('unregistering closes a registry-created client: a further query on it fails', async () => {
    const connection = await registry.registerConnection('cluster1', { contactPoints: [cluster1], default: true });
    const client = await connection.getClient();
    await client.execute('SELECT release_version FROM system.local');
    await expect(registry.unregisterConnection('cluster1')).resolves.toBe(true);

    await expect(client.execute('SELECT release_version FROM system.local')).rejects.toThrow();
    await expect(connection.execute('SELECT release_version FROM system.local')).rejects.toThrow(ConnectionError);
    await expect(registry.execute('SELECT release_version FROM system.local')).rejects.toThrow(NoDefaultConnectionError);
  });

  it('switches the default on registration and on the fly', async () => {
    await registry.registerConnection('cluster1', { contactPoints: [cluster1], keyspace: KEYSPACE, default: true });
    await registry.registerConnection('cluster2', { contactPoints: [cluster2], keyspace: KEYSPACE, default: true });
    expect(registry.defaultConnectionName()).toBe('cluster2');
    await registry.execute(INSERT, ['default-on-registration', 'cluster2', 0n]);

    registry.setDefaultConnection('cluster1');
    await registry.execute(INSERT, ['default-on-the-fly', 'cluster1', 0n]);

    expect(await rowOn(raw2, 'default-on-registration')).toBeDefined();
    expect(await rowOn(raw1, 'default-on-registration')).toBeUndefined();
    expect(await rowOn(raw1, 'default-on-the-fly')).toBeDefined();
    expect(await rowOn(raw2, 'default-on-the-fly')).toBeUndefined();
  });

  it('lazy connect: nothing at registration, one connect under concurrent first use', async () => {
    const connect = jest.spyOn(Client.prototype, 'connect');
    try {
      const connection = await registry.registerConnection('cluster1', { contactPoints: [cluster1], keyspace: KEYSPACE, lazyConnect: true });
      expect(connect).not.toHaveBeenCalled();
      const clients = await Promise.all([connection.getClient(), connection.getClient(), connection.getClient()]);
      expect(new Set(clients).size).toBe(1);
      expect(connect).toHaveBeenCalledTimes(1);
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => connection.execute(INSERT, [`lazy-${i}`, 'cluster1', BigInt(i)])),
      );
      expect(results).toHaveLength(5);
      expect(connect).toHaveBeenCalledTimes(1);
      expect(await rowOn(raw1, 'lazy-4')).toMatchObject({ n: 4n });
    } finally {
      connect.mockRestore();
    }
  });

  it('lazy connect under concurrent first statements also connects once', async () => {
    const connect = jest.spyOn(Client.prototype, 'connect');
    try {
      const connection = await registry.registerConnection('cluster2', { contactPoints: [cluster2], keyspace: KEYSPACE, lazyConnect: true });
      await Promise.all(Array.from({ length: 4 }, () => connection.execute('SELECT release_version FROM system.local')));
      expect(connect).toHaveBeenCalledTimes(1);
    } finally {
      connect.mockRestore();
    }
  });

  it('retryConnect: a failed first connect registers anyway and connects at the next use', async () => {
    // The first attempt fails as if the cluster were down; the next use reaches the real cluster.
    const realConnect = Client.prototype.connect as (this: Client) => Promise<void>;
    let calls = 0;
    const connect = jest.spyOn(Client.prototype, 'connect').mockImplementation(function (this: Client) {
      calls += 1;
      if (calls === 1) return Promise.reject(new Error('cluster down for the first attempt'));
      return realConnect.call(this);
    } as typeof Client.prototype.connect);
    try {
      const connection = await registry.registerConnection('cluster1', {
        contactPoints: [cluster1],
        keyspace: KEYSPACE,
        retryConnect: true,
        default: true,
      });
      expect(calls).toBe(1);
      await registry.execute(INSERT, ['retried', 'cluster1', 7n]);
      expect(calls).toBe(2);
      expect(await rowOn(raw1, 'retried')).toMatchObject({ n: 7n });
      expect(connection.closed).toBe(false);
    } finally {
      connect.mockRestore();
    }
  });

  it('without retryConnect, an unreachable cluster rejects registration and registers nothing', async () => {
    await expect(
      registry.registerConnection('nowhere', { contactPoints: ['127.0.0.1:1'] }),
    ).rejects.toThrow(ConnectionError);
    expect(registry.listConnections()).toEqual([]);
  });

  it('two concurrent withConnection scopes write to their own cluster with no cross-talk', async () => {
    await registry.registerConnection('cluster1', { contactPoints: [cluster1], keyspace: KEYSPACE });
    await registry.registerConnection('cluster2', { contactPoints: [cluster2], keyspace: KEYSPACE });
    // Any statement that wrongly falls back to the default fails loudly (cqlengine's own trick).
    await registry.registerConnection('unreachable-default', { contactPoints: ['127.0.0.1:1'], lazyConnect: true, default: true });

    const writer = (connection: 'cluster1' | 'cluster2') =>
      registry.withConnection(connection, async () => {
        for (let i = 0; i < 20; i += 1) {
          const { connection: target, keyspace } = registry.resolve();
          await target.execute(`INSERT INTO "${keyspace}"."rows" (id, origin, n) VALUES (?, ?, ?)`, [`scoped-${connection}-${i}`, connection, BigInt(i)]);
          // Yield so the two scopes interleave.
          await new Promise<void>((resolve) => setImmediate(() => resolve()));
        }
      });
    await Promise.all([writer('cluster1'), writer('cluster2')]);

    for (let i = 0; i < 20; i += 1) {
      expect(await rowOn(raw1, `scoped-cluster1-${i}`)).toMatchObject({ origin: 'cluster1' });
      expect(await rowOn(raw2, `scoped-cluster1-${i}`)).toBeUndefined();
      expect(await rowOn(raw2, `scoped-cluster2-${i}`)).toMatchObject({ origin: 'cluster2' });
      expect(await rowOn(raw1, `scoped-cluster2-${i}`)).toBeUndefined();
    }
  });

  it('applies options and a batch on a real cluster', async () => {
    const connection = await registry.registerConnection('cluster1', {
      contactPoints: [cluster1],
      keyspace: KEYSPACE,
      consistency: 'one',
    });
    await connection.batch(
      [
        { query: INSERT, params: ['batch-a', 'cluster1', 1n] },
        { query: INSERT, params: ['batch-b', 'cluster1', 2n] },
      ],
      { logged: true, timestamp: 1_000_000n },
    );
    const written = await raw1.execute(`SELECT WRITETIME(origin) AS w FROM "${KEYSPACE}"."rows" WHERE id = ?`, ['batch-b'], {
      prepare: true,
    });
    expect(written.first()?.get('w')).toBe(1_000_000n);

    for (let i = 0; i < 5; i += 1) await connection.execute(INSERT, [`page-${i}`, 'cluster1', BigInt(i)]);
    const firstPage = await connection.execute(`SELECT id FROM "${KEYSPACE}"."rows"`, [], { fetchSize: 2 });
    expect(firstPage.rowLength).toBe(2);
    expect(firstPage.pageState).toBeTruthy();
    const secondPage = await connection.execute(`SELECT id FROM "${KEYSPACE}"."rows"`, [], {
      fetchSize: 2,
      pageState: firstPage.pageState,
    });
    expect(secondPage.rowLength).toBe(2);
    expect(secondPage.rows[0].get('id')).not.toBe(firstPage.rows[0].get('id'));
  });

  it('wraps server errors in ExecutionError and reports queries', async () => {
    const connection = await registry.registerConnection('cluster1', { contactPoints: [cluster1], keyspace: KEYSPACE });
    const events: CassiaEvent[] = [];
    registry.onEvent((event) => events.push(event));
    const error = (await connection.execute(`SELECT * FROM "${KEYSPACE}"."no_such_table"`).catch((e: unknown) => e)) as ExecutionError;
    expect(error).toBeInstanceOf(ExecutionError);
    expect(error.connection).toBe('cluster1');
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.serverCode).toBe(0x2200);
    await connection.execute(SELECT, ['batch-a'], { keyspace: KEYSPACE });
    expect(events).toEqual([
      expect.objectContaining({ type: 'query', connection: 'cluster1', errorCode: 'ERR_CASSIA_EXECUTION' }),
      expect.objectContaining({ type: 'query', connection: 'cluster1', keyspace: KEYSPACE, errorCode: undefined }),
    ]);
  });
});
