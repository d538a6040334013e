// A tenant fleet: a keyspace per tenant, tenants spread over two clusters. provisionTenant brings
// each tenant up (idempotent, so it can run at every deploy), forEachTarget fans maintenance out
// with a report per tenant, and a strict tenantScope routes each request: a statement that would
// land in another tenant's keyspace is refused before it is sent. Run: `npx tsx examples/tenant-fleet.ts`.
import { MisroutedStatementError, UnknownTenantError, registerConnection } from '@cassia/core';
import { dropKeyspace, forEachTarget, provisionTenant } from '@cassia/management';
import { query, tenantScope } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { runAsScript } from './support/run-example';
import type { ClusterName, Walkthrough } from './support/walkthrough';

const Invoice = defineModel({
  table: 'invoices',
  columns: { id: t.int(), customer: t.text(), cents: t.bigint() },
  partitionKey: ['id'],
});

/** The tenant directory; in an app this is a table or a config service. */
const directory: Record<string, { connection: ClusterName; keyspace: string }> = {};
for (let i = 0; i < 6; i++) directory[`tenant-${i}`] = { connection: i % 2 === 0 ? 'cluster1' : 'cluster2', keyspace: `fleet_example_${i}` };

/** Every request of the app goes through this scope: cached lookups, strict routing. */
const tenants = tenantScope((id) => directory[id], { maxTenants: 10_000, ttlMs: 60_000 });

export async function tenantFleet(w: Walkthrough): Promise<void> {
  w.step('register one lazy connection per cluster (no sockets until a tenant there is used)');
  for (const name of ['cluster1', 'cluster2'] as const) {
    await registerConnection(name, { contactPoints: [w.hosts[name]], lazyConnect: true, replace: true, clientOptions: { maxPrepared: 5_000 } });
  }

  w.step('provision every tenant, 4 at a time, and once more (nothing changes the second time)');
  const entries = Object.values(directory);
  const provision = () =>
    forEachTarget(entries, (home) => provisionTenant({ connection: home.connection, keyspace: home.keyspace, models: [Invoice], replicationFactor: 1 }), {
      concurrency: 4,
    });
  const first = await provision();
  const second = await provision();
  w.show('first run', first.map((o) => (o.status === 'ok' ? o.value.keyspaceAction : 'error')).join(', '));
  w.check(first.every((o) => o.status === 'ok') && second.every((o) => o.status === 'ok' && o.value.keyspaceAction === 'unchanged'), 'every tenant provisioned once, the second run changed nothing');

  w.step('one request per tenant, all at once, each in its strict tenant scope');
  await Promise.all(
    Object.keys(directory).map((tenant, i) => tenants.run(tenant, () => query(Invoice).create({ id: 1, customer: `${tenant}-customer`, cents: BigInt(100 * i) }))),
  );
  let foreign = 0;
  for (const [tenant, home] of Object.entries(directory)) {
    const rows = await w.raw(home.connection).execute(`SELECT customer FROM ${home.keyspace}.invoices`);
    foreign += rows.rows.filter((row) => row.get('customer') !== `${tenant}-customer`).length;
  }
  w.check(foreign === 0, 'every invoice is in its own tenant keyspace');

  w.step('a request that forgets where it is: using() another tenant inside a strict scope');
  const misrouted = await tenants
    .run('tenant-0', () => query(Invoice).using({ keyspace: directory['tenant-2'].keyspace }).create({ id: 2, customer: 'wrong' }))
    .catch((error: unknown) => error);
  w.show('error', misrouted instanceof MisroutedStatementError ? misrouted.code : String(misrouted));
  const leaked = await w.raw('cluster1').execute(`SELECT id FROM ${directory['tenant-2'].keyspace}.invoices WHERE id = 2`);
  w.check(misrouted instanceof MisroutedStatementError && leaked.rowLength === 0, 'refused before it was sent');

  const unknown = await tenants.run('tenant-404', async () => 'ran').catch((error: unknown) => error);
  w.check(unknown instanceof UnknownTenantError, 'an unknown tenant is an UnknownTenantError');
}

export async function dropFleetKeyspaces(): Promise<void> {
  await forEachTarget(Object.values(directory), (home) => dropKeyspace(home.keyspace, { connections: [home.connection] }), { concurrency: 2 });
}

if (require.main === module) runAsScript([tenantFleet], dropFleetKeyspaces);
