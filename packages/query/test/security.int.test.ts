// Security hardening on the real clusters: the two page-state attacks of issue 23 are refused,
// paged reads stay on the connection and keyspace they started with (rows checked per cluster),
// and system keyspaces are out of reach of data statements unless the connection opts in.
import { Client } from 'cassandra-driver';
import { ConnectionError, ConnectionRegistry, InvalidPageCursorError, REQUIRED_DRIVER_ENCODING, SystemKeyspaceError, type CassiaEvent } from '@cassia/core';
import { createTableCql, defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { bind, query, setPageCursorKeys } from '../src';

const KS = 'cassia_query_security';
const { cluster1, cluster2 } = testClusters();

// One partition per id: token ranges and full scans cross partitions.
const Item = defineModel({
  table: 'item',
  keyspace: KS,
  columns: { id: t.text(), n: t.int() },
  partitionKey: ['id'],
});

// Rows of one tenant, written with different origins on the two clusters.
const Entry = defineModel({
  table: 'entry',
  columns: { tenant: t.text(), seq: t.int(), origin: t.text() },
  partitionKey: ['tenant'],
  clusteringKey: ['seq'],
});

const SchemaKeyspaces = defineModel({
  table: 'keyspaces',
  columns: { keyspace_name: t.text(), durable_writes: t.boolean() },
  partitionKey: ['keyspace_name'],
});

const ITEMS = 20;
const ENTRIES = 9;
let raw1: Client;
let raw2: Client;
let registry: ConnectionRegistry;
// Every id with its token, lowest token first.
let byToken: { id: string; token: bigint }[];

function rawClient(contactPoint: string): Client {
  return new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1', encoding: REQUIRED_DRIVER_ENCODING });
}

beforeAll(async () => {
  raw1 = rawClient(cluster1);
  raw2 = rawClient(cluster2);
  await Promise.all([raw1.connect(), raw2.connect()]);
  for (const [client, origin] of [[raw1, 'c1'], [raw2, 'c2']] as const) {
    await client.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
    await client.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await client.execute(createTableCql(Item, KS));
    await client.execute(createTableCql(Entry, KS));
    for (let i = 0; i < ITEMS; i++) {
      await client.execute(`INSERT INTO "${KS}"."item" (id, n) VALUES (?, ?)`, [`item-${i}`, i], { prepare: true });
    }
    for (let seq = 0; seq < ENTRIES; seq++) {
      await client.execute(`INSERT INTO "${KS}"."entry" (tenant, seq, origin) VALUES (?, ?, ?)`, ['t', seq, origin], { prepare: true });
    }
  }
  const tokens = await raw1.execute(`SELECT id, token(id) AS t FROM "${KS}"."item"`);
  byToken = tokens.rows.map((row) => ({ id: row.id as string, token: BigInt(String(row.t)) })).sort((a, b) => (a.token < b.token ? -1 : 1));
  registry = new ConnectionRegistry();
  await registry.registerConnection('c1', { contactPoints: [cluster1], keyspace: KS, default: true });
  await registry.registerConnection('c2', { contactPoints: [cluster2], keyspace: KS });
});

afterAll(async () => {
  await registry.shutdown();
  for (const client of [raw1, raw2]) await client.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await Promise.all([raw1.shutdown(), raw2.shutdown()]);
});

/** Counts the statements the registry sends while `fn` runs. */
async function statementsSentBy(fn: () => Promise<unknown>): Promise<number> {
  let sent = 0;
  const stop = registry.onEvent((event: CassiaEvent) => {
    if (event.type === 'query') sent++;
  });
  try {
    await fn().catch(() => undefined);
  } finally {
    stop();
  }
  return sent;
}

async function problemOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidPageCursorError);
  return (error as InvalidPageCursorError).problem;
}

describe('attack 1: a token-range query continued with the unrestricted scan\'s state', () => {
  it('widens the range with a raw state, and is refused with a cursor before anything is sent', async () => {
    const middle = byToken[ITEMS / 2];
    const scan = query(Item, { registry }).fetchSize(3);
    const ranged = query(Item, { registry }).whereToken('>', { id: middle.id }).fetchSize(3);
    const inRange = new Set(byToken.filter((entry) => entry.token > middle.token).map((entry) => entry.id));

    // What the issue found: the scan's raw state moves the ranged query below its range.
    const scanFirst = await scan.page({ includeRawPageState: true });
    const widened = await ranged.page({ rawPageState: scanFirst.rawPageState });
    expect(widened.rows.some((row) => !inRange.has(row.id))).toBe(true);

    // With the cursor page() hands out, the same replay is refused.
    expect(await statementsSentBy(() => ranged.page({ pageState: scanFirst.pageState }))).toBe(0);
    expect(await problemOf(ranged.page({ pageState: scanFirst.pageState }))).toBe('statement');

    // Honest paging of the ranged query reads exactly its range.
    const read: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ranged.page({ pageState: cursor });
      read.push(...page.rows.map((row) => row.id));
      cursor = page.pageState;
    } while (cursor !== undefined);
    expect(new Set(read)).toEqual(inRange);
  });
});

describe('attack 2: a limit(3) query continued with the state of the same query without a limit', () => {
  it('reads past its limit with a raw state, and is refused with a cursor', async () => {
    const unlimited = query(Entry, { registry }).where({ tenant: 't' }).fetchSize(2);
    const limited = unlimited.limit(3);

    const first = await unlimited.page({ includeRawPageState: true });
    const overrun: number[] = [];
    let raw = first.rawPageState;
    while (raw !== undefined) {
      const page = await limited.page({ rawPageState: raw, includeRawPageState: true });
      overrun.push(...page.rows.map((row) => row.seq));
      raw = page.rawPageState;
    }
    // Cassandra took the remaining count from the unlimited state: more than limit(3) allows.
    expect(overrun.length).toBeGreaterThan(3);

    expect(await statementsSentBy(() => limited.page({ pageState: first.pageState }))).toBe(0);
    expect(await problemOf(limited.page({ pageState: first.pageState }))).toBe('statement');

    // Its own cursors stop at the limit.
    const own = await limited.page();
    const rest = await limited.page({ pageState: own.pageState });
    expect([...own.rows, ...rest.rows].map((row) => row.seq)).toEqual([0, 1, 2]);
    expect(rest.pageState).toBeUndefined();
  });

  it('a changed or truncated cursor is refused on the real cluster, nothing sent', async () => {
    const q = query(Entry, { registry }).where({ tenant: 't' }).fetchSize(2);
    const cursor = (await q.page()).pageState!;
    const bytes = Buffer.from(cursor, 'base64url');
    bytes[20] ^= 0x40;
    const changed = bytes.toString('base64url');
    expect(await statementsSentBy(() => q.page({ pageState: changed }))).toBe(0);
    expect(await problemOf(q.page({ pageState: changed }))).toBe('forged');
    expect(await problemOf(q.page({ pageState: cursor.slice(0, 40) }))).toBe('malformed');
  });
});

describe('paged reads keep the connection and keyspace they started with', () => {
  const origins = (rows: { origin: string | null }[]) => [...new Set(rows.map((row) => row.origin))];

  it('for await: a default switch after the first page does not move the read', async () => {
    const q = query(Entry, { registry }).where({ tenant: 't' }).fetchSize(2);
    const read: { origin: string | null }[] = [];
    try {
      for await (const row of q) {
        read.push(row);
        if (read.length === 1) registry.setDefaultConnection('c2');
      }
    } finally {
      registry.setDefaultConnection('c1');
    }
    expect(read).toHaveLength(ENTRIES);
    expect(origins(read)).toEqual(['c1']);
  });

  it('.all(): a default switch while it reads does not move it', async () => {
    const q = query(Entry, { registry }).where({ tenant: 't' }).fetchSize(2);
    const reading = q.all();
    registry.setDefaultConnection('c2');
    try {
      const rows = await reading;
      expect(rows).toHaveLength(ENTRIES);
      expect(origins(rows)).toEqual(['c1']);
      // Statements started after the switch go to the new default.
      expect(origins(await q.all())).toEqual(['c2']);
    } finally {
      registry.setDefaultConnection('c1');
    }
  });

  it('for await resumed inside another tenant\'s withConnection scope stays where it started', async () => {
    const q = query(Entry, { registry }).where({ tenant: 't' }).fetchSize(2);
    const iterator = await registry.withConnection('c1', async () => {
      const it = q[Symbol.asyncIterator]();
      const first = await it.next();
      expect(first.value).toMatchObject({ origin: 'c1' });
      return it;
    });
    const rest = await registry.withConnection({ connection: 'c2', keyspace: 'other_tenant' }, async () => {
      const rows: { origin: string | null }[] = [];
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) rows.push(next.value);
      return rows;
    });
    expect(rest).toHaveLength(ENTRIES - 1);
    expect(origins(rest)).toEqual(['c1']);
  });

  it('after a replace of its connection, for await reads on to the end on the old cluster; a page() cursor is refused', async () => {
    const own1 = rawClient(cluster1);
    const own2 = rawClient(cluster2);
    await registry.registerConnection('app', { client: own1, keyspace: KS });
    try {
      const q = bind(Entry, { connection: 'app', registry }).where({ tenant: 't' }).fetchSize(2);
      const cursor = (await q.page()).pageState;
      const read: { origin: string | null }[] = [];
      let replacing: Promise<unknown> | undefined;
      let replaced = false;
      for await (const row of q) {
        read.push(row);
        if (read.length === 1) {
          // The replace resolves once the old connection has drained, which this read holds open.
          replacing = registry.registerConnection('app', { client: own2, keyspace: KS, replace: true }).then(() => (replaced = true));
          // New statements go to the new connection at once, while this read goes on.
          await new Promise((resolve) => setTimeout(resolve, 200));
          expect(origins(await bind(Entry, { connection: 'app', registry }).where({ tenant: 't' }).all())).toEqual(['c2']);
        }
      }
      // The read kept the Connection it started on and read every page there: never a row of cluster2.
      expect(origins(read)).toEqual(['c1']);
      expect(read).toHaveLength(ENTRIES);
      await replacing;
      expect(replaced).toBe(true);
      // The name now reaches cluster2: a cursor made on cluster1 does not continue there.
      expect(await statementsSentBy(() => q.page({ pageState: cursor }))).toBe(0);
      expect(await problemOf(q.page({ pageState: cursor }))).toBe('target');
      expect(origins(await q.all())).toEqual(['c2']);
    } finally {
      await registry.unregisterConnection('app');
      await Promise.all([own1.shutdown(), own2.shutdown()]);
    }
  });

  it('a page() cursor continued in another tenant\'s scope (connection or keyspace) is refused, never mixed', async () => {
    const q = query(Entry, { registry }).where({ tenant: 't' }).fetchSize(2);
    const cursor = await registry.withConnection('c1', async () => (await q.page()).pageState);
    expect(await problemOf(registry.withConnection('c2', () => q.page({ pageState: cursor })))).toBe('target');
    expect(await problemOf(registry.withConnection({ keyspace: 'system_distributed_x' }, () => q.page({ pageState: cursor })))).toBe('target');
    // Where it started, it continues.
    const next = await registry.withConnection('c1', () => q.page({ pageState: cursor }));
    expect(origins(next.rows)).toEqual(['c1']);
  });

  it('with an application key, a cursor from one registry (another server) continues on another', async () => {
    const other = new ConnectionRegistry();
    await other.registerConnection('c1', { contactPoints: [cluster1], keyspace: KS, default: true });
    try {
      const key = 'an application key of at least 32 bytes';
      setPageCursorKeys([key], { registry });
      setPageCursorKeys([key], { registry: other });
      const q = query(Entry, { registry }).where({ tenant: 't' }).fetchSize(4);
      const first = await q.page();
      const second = await query(Entry, { registry: other }).where({ tenant: 't' }).fetchSize(4).page({ pageState: first.pageState });
      expect([...first.rows, ...second.rows].map((row) => row.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      await other.shutdown();
    }
  });
});

describe('system keyspaces', () => {
  it('a keyspace from request input cannot reach them; a connection that opts in can', async () => {
    const request = JSON.parse('{"keyspace":"system_schema"}') as { keyspace: string };
    const sent = await statementsSentBy(async () => {
      await expect(query(SchemaKeyspaces, { registry }).using(request).all()).rejects.toThrow(SystemKeyspaceError);
      await expect(bind(SchemaKeyspaces, { keyspace: 'system_auth', registry }).all()).rejects.toThrow(SystemKeyspaceError);
      await expect(registry.withConnection(request, () => query(SchemaKeyspaces, { registry }).first())).rejects.toThrow(SystemKeyspaceError);
    });
    expect(sent).toBe(0);

    const admin = new ConnectionRegistry();
    await admin.registerConnection('admin', { contactPoints: [cluster1], keyspace: 'system_schema', default: true, allowSystemKeyspaces: true });
    try {
      const names = (await query(SchemaKeyspaces, { registry: admin }).all()).map((row) => row.keyspace_name);
      expect(names).toContain(KS);
    } finally {
      await admin.shutdown();
    }
  });
});
