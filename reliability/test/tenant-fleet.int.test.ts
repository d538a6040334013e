// Tenant fleets on the real clusters (issue 22): 200 tenant keyspaces provisioned concurrently over
// cluster1 and cluster2 (each created once, schema read back with raw clients), 200 concurrent
// tenant requests under strict tenant scopes with 0 misrouted rows (raw read of every keyspace), a
// deliberate misroute refused with nothing sent, an unknown tenant, and every tenant keyspace × 2
// tables × 3 statement shapes (600 per connection) run warm without a re-prepare on connections
// with maxPrepared sized for them, beside the driver's default 500 (which re-prepares);
// CASSIA_FLEET_EXTRA_KEYSPACES adds keyspaces. Its keyspaces are fleet_t_*, fleet_p_* and fleet_shared, dropped after.
import { ConnectionRegistry, DEFAULT_MAX_PREPARED, MisroutedStatementError, UnknownTenantError, type CassiaEvent } from '@cassia/core';
import { forEachTarget, provisionTenant, type ProvisionReport } from '@cassia/management';
import { query, tenantScope } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { testClusters, holdLoadLock, stderrProgress } from '@cassia/testkit';
import type { Client } from 'cassandra-driver';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { rawClient, report, runBounded } from './support';

setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapUsed = (): number => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

const TENANTS = Number(process.env.CASSIA_FLEET_TENANTS ?? 200);
const EXTRA_KEYSPACES = Number(process.env.CASSIA_FLEET_EXTRA_KEYSPACES ?? 0);
const PROVISION_CONCURRENCY = 8;
const CONNECTIONS = ['cluster1', 'cluster2'] as const;
const SHARED = 'fleet_shared';

const Order = defineModel({
  table: 'orders',
  columns: { id: t.int(), tenant: t.text(), total: t.int() },
  partitionKey: ['id'],
});
const Customer = defineModel({
  table: 'customers',
  columns: { email: t.text(), name: t.text(), tags: t.set(t.text()) },
  partitionKey: ['email'],
});
// A table every tenant shares, in its own keyspace on cluster1.
const Plan = defineModel({ table: 'plans', keyspace: SHARED, connection: 'cluster1', columns: { id: t.int(), name: t.text() }, partitionKey: ['id'] });

const tenantName = (i: number): string => `fleet_t_${i}`;
const tenantConnection = (i: number): (typeof CONNECTIONS)[number] => CONNECTIONS[i % 2];
const extraKeyspace = (i: number): string => `fleet_p_${i}`;

const contactPoint = testClusters();
const raw: Record<string, Client> = {};
const registry = new ConnectionRegistry();

async function dropFleetKeyspaces(client: Client): Promise<void> {
  const rows = (await client.execute('SELECT keyspace_name FROM system_schema.keyspaces')).rows;
  // Only this file's (other fleet_* keyspaces belong to the bench smoke run and the example).
  const fleet = rows.map((row) => row.keyspace_name as string).filter((name) => /^fleet_(t_|p_|shared$)/.test(name));
  // A drop waits for the schema change on a busy node: more than the driver's 12 s default at times.
  await runBounded(fleet.length, 4, (i) => client.execute(`DROP KEYSPACE IF EXISTS "${fleet[i]}"`, [], { readTimeout: 120_000 }).then(() => undefined));
}

// Timed faults and heavy load: this file never runs beside another that holds the load lock.
let releaseLoadLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLoadLock = await holdLoadLock(stderrProgress);
}, 1_800_000);

beforeAll(async () => {
  raw.cluster1 = rawClient([contactPoint.cluster1]);
  raw.cluster2 = rawClient([contactPoint.cluster2]);
  await Promise.all([raw.cluster1.connect(), raw.cluster2.connect()]);
  await Promise.all([dropFleetKeyspaces(raw.cluster1), dropFleetKeyspaces(raw.cluster2)]);
  for (const name of CONNECTIONS) await registry.registerConnection(name, { contactPoints: [contactPoint[name]] });
}, 300_000);

afterAll(async () => {
  try {
    await registry.shutdown();
    await Promise.all([dropFleetKeyspaces(raw.cluster1), dropFleetKeyspaces(raw.cluster2)]);
  } finally {
    await Promise.all([raw.cluster1.shutdown(), raw.cluster2.shutdown()]);
  }
}, 600_000);

describe('tenant fleet', () => {
  it(`provisions ${TENANTS} tenant keyspaces concurrently, each once, schema as the models say`, async () => {
    const started = performance.now();
    const tenants = Array.from({ length: TENANTS }, (_, i) => i);
    const outcomes = await forEachTarget(
      tenants,
      (i) => provisionTenant({ registry, connection: tenantConnection(i), keyspace: tenantName(i), models: [Order, Customer], replicationFactor: 1 }),
      { concurrency: PROVISION_CONCURRENCY },
    );
    const provisionMs = performance.now() - started;
    const failed = outcomes.filter((outcome) => outcome.status === 'error');
    expect(failed.map((outcome) => (outcome.status === 'error' ? String(outcome.error) : ''))).toEqual([]);
    const reports = outcomes.map((outcome) => (outcome as { value: ProvisionReport }).value);
    expect(reports.every((r) => r.keyspaceAction === 'created' && r.tables.every((table) => table.action === 'created'))).toBe(true);

    // Twice, and from two registries (two processes' worth) at once: nothing changes, nothing fails.
    const second = new ConnectionRegistry();
    for (const name of CONNECTIONS) await second.registerConnection(name, { contactPoints: [contactPoint[name]] });
    const again = await Promise.all(
      [registry, second].flatMap((r) =>
        [0, 1, 2, 3].map((i) => provisionTenant({ registry: r, connection: tenantConnection(i), keyspace: tenantName(i), models: [Order, Customer], replicationFactor: 1 })),
      ),
    );
    expect(again.every((r) => r.keyspaceAction === 'unchanged' && r.tables.every((table) => table.action === 'unchanged'))).toBe(true);
    // A tenant new to both, provisioned by both at once.
    const raced = await Promise.all(
      [registry, second].map((r) => provisionTenant({ registry: r, connection: 'cluster1', keyspace: 'fleet_t_raced', models: [Order, Customer], replicationFactor: 1 })),
    );
    expect(raced.map((r) => r.keyspace)).toEqual(['fleet_t_raced', 'fleet_t_raced']);
    await second.shutdown();

    // Raw clients: each cluster holds exactly its tenants, each with both tables and every column.
    for (const name of CONNECTIONS) {
      const tables = (await raw[name].execute('SELECT keyspace_name, table_name FROM system_schema.tables')).rows
        .filter((row) => (row.keyspace_name as string).startsWith('fleet_t_'))
        .map((row) => `${row.keyspace_name as string}.${row.table_name as string}`)
        .sort();
      const expected = tenants
        .filter((i) => tenantConnection(i) === name)
        .flatMap((i) => [`${tenantName(i)}.customers`, `${tenantName(i)}.orders`]);
      if (name === 'cluster1') expected.push('fleet_t_raced.customers', 'fleet_t_raced.orders');
      expect(tables).toEqual(expected.sort());
      const columns = (await raw[name].execute("SELECT keyspace_name, table_name, column_name, type FROM system_schema.columns")).rows
        .filter((row) => (row.keyspace_name as string).startsWith('fleet_t_'));
      expect(columns).toHaveLength(expected.length * 3);
      const orderColumns = columns.filter((row) => row.table_name === 'orders').map((row) => `${row.column_name as string}:${row.type as string}`);
      expect(new Set(orderColumns)).toEqual(new Set(['id:int', 'tenant:text', 'total:int']));
    }
    report('fleet provisioning', {
      tenants: TENANTS,
      concurrency: PROVISION_CONCURRENCY,
      seconds: (provisionMs / 1000).toFixed(1),
      msPerTenant: (provisionMs / TENANTS).toFixed(0),
      slowestMs: Math.max(...outcomes.map((outcome) => outcome.durationMs)).toFixed(0),
    });
  }, 600_000);

  it(`${TENANTS} concurrent tenant requests under strict scopes: 0 misrouted`, async () => {
    await raw.cluster1.execute(`CREATE KEYSPACE IF NOT EXISTS "${SHARED}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await raw.cluster1.execute(`CREATE TABLE IF NOT EXISTS "${SHARED}"."plans" (id int PRIMARY KEY, name text)`);
    await raw.cluster1.execute(`INSERT INTO "${SHARED}"."plans" (id, name) VALUES (1, 'gold')`);
    let lookups = 0;
    const tenants = tenantScope(
      (id) => {
        lookups++;
        const i = Number(/^acct-(\d+)$/.exec(id)?.[1] ?? NaN);
        return Number.isInteger(i) && i < TENANTS ? { connection: tenantConnection(i), keyspace: tenantName(i) } : undefined;
      },
      { registry, allow: [Plan] },
    );
    // Two requests per tenant, all at once: each writes an order tagged with its tenant and reads the shared plan.
    await Promise.all(
      Array.from({ length: 2 * TENANTS }, (_, n) => {
        const i = n % TENANTS;
        return tenants.run(`acct-${i}`, async () => {
          await new Promise((resolve) => setTimeout(resolve, n % 7));
          await query(Order, { registry }).create({ id: n, tenant: tenantName(i), total: i });
          const plan = await query(Plan, { registry }).where({ id: 1 }).get();
          expect(plan.name).toBe('gold');
          const back = await query(Order, { registry }).where({ id: n }).get();
          expect(back.tenant).toBe(tenantName(i));
        });
      }),
    );
    expect(lookups).toBe(TENANTS);
    let misrouted = 0;
    let found = 0;
    for (let i = 0; i < TENANTS; i++) {
      const rows = (await raw[tenantConnection(i)].execute(`SELECT id, tenant FROM "${tenantName(i)}"."orders"`)).rows;
      found += rows.length;
      misrouted += rows.filter((row) => row.tenant !== tenantName(i) || (row.id as number) % TENANTS !== i).length;
    }
    expect(found).toBe(2 * TENANTS);
    expect(misrouted).toBe(0);
    report('fleet scoped requests', { requests: 2 * TENANTS, tenants: TENANTS, resolverCalls: lookups, rowsFound: found, misrouted });
  }, 300_000);

  it('a strict scope refuses a deliberate misroute and sends nothing; an unknown tenant is a typed error', async () => {
    const tenants = tenantScope((id) => (id === 'acct-0' ? { connection: tenantConnection(0), keyspace: tenantName(0) } : undefined), { registry });
    const queries: CassiaEvent[] = [];
    const off = registry.onEvent((event) => {
      if (event.type === 'query') queries.push(event);
    });
    const before = (await raw[tenantConnection(2)].execute(`SELECT count(*) FROM "${tenantName(2)}"."orders"`)).first().count as bigint;
    const failure = await tenants
      .run('acct-0', () => query(Order, { registry }).using({ keyspace: tenantName(2) }).create({ id: 999_999, tenant: 'intruder' }))
      .catch((error: unknown) => error);
    off();
    expect(failure).toBeInstanceOf(MisroutedStatementError);
    expect(queries).toEqual([]);
    const after = (await raw[tenantConnection(2)].execute(`SELECT count(*) FROM "${tenantName(2)}"."orders"`)).first().count as bigint;
    expect(after).toBe(before);
    const intruder = await raw[tenantConnection(2)].execute(`SELECT id FROM "${tenantName(2)}"."orders" WHERE id = 999999`);
    expect(intruder.rows).toEqual([]);

    const unknown = await tenants.run('acct-404', async () => 'ran').catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(UnknownTenantError);
    expect((unknown as UnknownTenantError).code).toBe('ERR_CASSIA_UNKNOWN_TENANT');
  });

  it('every tenant keyspace × 2 tables × 3 statement shapes runs warm without re-preparing when maxPrepared fits them', async () => {
    // The tenant keyspaces, plus CASSIA_FLEET_EXTRA_KEYSPACES more on cluster1 (one orders table each).
    const createStarted = performance.now();
    await runBounded(EXTRA_KEYSPACES, PROVISION_CONCURRENCY, async (i) => {
      await raw.cluster1.execute(`CREATE KEYSPACE IF NOT EXISTS "${extraKeyspace(i)}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`, [], { readTimeout: 120_000 });
      await raw.cluster1.execute(`CREATE TABLE IF NOT EXISTS "${extraKeyspace(i)}"."orders" (id int PRIMARY KEY, tenant text, total int)`, [], { readTimeout: 120_000 });
    });
    const createMs = performance.now() - createStarted;
    const targets = Array.from({ length: TENANTS }, (_, i) => ({ cluster: tenantConnection(i), keyspace: tenantName(i), customers: true }));
    for (let i = 0; i < EXTRA_KEYSPACES; i++) targets.push({ cluster: 'cluster1', keyspace: extraKeyspace(i), customers: false });
    const statementsOn = (cluster: string): number => targets.filter((target) => target.cluster === cluster).reduce((sum, target) => sum + (target.customers ? 6 : 3), 0);
    const fleet = new ConnectionRegistry();
    for (const cluster of CONNECTIONS) {
      // Cassia's default (DEFAULT_MAX_PREPARED, room for these statements), and the driver's own default of 500.
      expect(statementsOn(cluster)).toBeLessThan(DEFAULT_MAX_PREPARED);
      await fleet.registerConnection(`${cluster}_sized`, { contactPoints: [contactPoint[cluster]] });
      await fleet.registerConnection(`${cluster}_driver500`, { contactPoints: [contactPoint[cluster]], clientOptions: { maxPrepared: 500 } });
    }
    const reprepared = new Map<string, number>();
    fleet.onEvent((event) => {
      if (event.type === 'reprepared') reprepared.set(event.connection, (reprepared.get(event.connection) ?? 0) + 1);
    });
    // One pass: a plain INSERT, a keyed read and an UPDATE per table in every keyspace.
    const pass = async (setting: string): Promise<number> => {
      const started = performance.now();
      await runBounded(targets.length, 16, async (n) => {
        const target = targets[n];
        const where = { connection: `${target.cluster}_${setting}`, keyspace: target.keyspace };
        const orders = query(Order, { registry: fleet }).using(where);
        await orders.create({ id: n, tenant: target.keyspace, total: 1 });
        await orders.where({ id: n }).get();
        await orders.where({ id: n }).update({ total: 2 });
        if (!target.customers) return;
        const customers = query(Customer, { registry: fleet }).using(where);
        await customers.create({ email: `c${n}@example.com`, name: 'c' });
        await customers.where({ email: `c${n}@example.com` }).get();
        await customers.where({ email: `c${n}@example.com` }).update({ name: 'd' });
      });
      return performance.now() - started;
    };
    const count = (setting: string): number => CONNECTIONS.reduce((sum, cluster) => sum + (reprepared.get(`${cluster}_${setting}`) ?? 0), 0);
    const figures: Record<string, string | number> = {
      keyspaces: targets.length,
      statementsPerConnection: CONNECTIONS.map(statementsOn).join('/'),
      extraCreateSeconds: (createMs / 1000).toFixed(1),
    };
    for (const setting of ['sized', 'driver500']) {
      const heapBefore = heapUsed();
      const coldMs = await pass(setting);
      // Mostly the driver's prepared-statement cache (text, id, result metadata per statement).
      if (setting === 'sized') figures.heapPerPreparedBytes = Math.round((heapUsed() - heapBefore) / (statementsOn('cluster1') + statementsOn('cluster2')));
      figures[`${setting}ColdReprepared`] = count(setting);
      reprepared.clear();
      const warmMs = await pass(setting);
      figures[`${setting}ColdMs`] = coldMs.toFixed(0);
      figures[`${setting}WarmMs`] = warmMs.toFixed(0);
      figures[`${setting}WarmReprepared`] = count(setting);
    }
    await fleet.shutdown();
    report('fleet prepared statements', figures);
    expect(figures.sizedWarmReprepared).toBe(0);
    // The driver's default cache (500) is smaller than the statements: it drops and prepares again.
    if (Math.max(...CONNECTIONS.map(statementsOn)) > 500) expect(figures.driver500WarmReprepared).toBeGreaterThan(0);
  }, 600_000);
});

// Declared last: it runs after this file's own cleanup.
afterAll(() => releaseLoadLock?.());
