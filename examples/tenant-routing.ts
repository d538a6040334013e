// An app-shaped example: a multi-tenant service whose tenants live on different clusters.
// Each request runs inside withConnection(), so repository code never names a connection, and
// concurrent requests for different tenants never see each other's routing.
import { randomUUID } from 'node:crypto';
import { types } from 'cassandra-driver';
import { registerConnection, withConnection } from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { query } from '@cassia/query';
import { defineModel, t, type InferInsert, type InferRow } from '@cassia/schema';
import { runAsScript } from './support/run-example';
import type { ClusterName, Walkthrough } from './support/walkthrough';

const Order = defineModel({
  table: 'orders',
  columns: {
    customer: t.text(),
    id: t.timeuuid(),
    total: t.decimal(),
    items: t.list(t.text()),
  },
  partitionKey: ['customer'],
  clusteringKey: [['id', 'desc']],
});

/** Which cluster and keyspace serve each tenant; in an app this comes from configuration. */
const tenants: Record<string, { connection: ClusterName; keyspace: string }> = {
  acme: { connection: 'cluster1', keyspace: 'tenant_acme' },
  globex: { connection: 'cluster2', keyspace: 'tenant_globex' },
};

/** Repository code: no connection or keyspace in sight. */
const orders = {
  place: (order: InferInsert<typeof Order>) => query(Order).create(order),
  forCustomer: (customer: string): Promise<InferRow<typeof Order>[]> => query(Order).where({ customer }).all(),
};

/** The request boundary: everything awaited inside runs against the tenant's cluster and keyspace. */
function forTenant<T>(tenant: string, handler: () => Promise<T>): Promise<T> {
  const home = tenants[tenant];
  if (!home) throw new Error(`unknown tenant ${tenant}`);
  return withConnection(home, handler);
}

/** A version-1 (time-based) uuid for the timeuuid clustering column. */
const timeuuid = (): string => types.TimeUuid.now().toString();

export async function tenantRouting(w: Walkthrough): Promise<void> {
  w.step('register one connection per cluster and sync Order into each tenant keyspace');
  for (const [name, host] of [['cluster1', w.hosts.cluster1], ['cluster2', w.hosts.cluster2]] as const) {
    await registerConnection(name, { contactPoints: [host], replace: true });
  }
  for (const home of Object.values(tenants)) {
    await createSimpleKeyspace(home.keyspace, { replicationFactor: 1, connections: [home.connection] });
    await syncTable(Order, { keyspaces: [home.keyspace], connections: [home.connection] });
  }

  w.step('20 concurrent requests, alternating tenants, all for customer "c1"');
  const requestIds = Array.from({ length: 20 }, (_, i) => ({ tenant: i % 2 === 0 ? 'acme' : 'globex', note: randomUUID().slice(0, 8) }));
  await Promise.all(
    requestIds.map(({ tenant, note }) =>
      forTenant(tenant, () => orders.place({ customer: 'c1', id: timeuuid(), total: '19.99', items: [`${tenant}-${note}`] })),
    ),
  );
  for (const [tenant, home] of Object.entries(tenants)) {
    const seen = await forTenant(tenant, () => orders.forCustomer('c1'));
    const stored = await w.raw(home.connection).execute(`SELECT items FROM ${home.keyspace}.orders WHERE customer = 'c1'`);
    const foreign = stored.rows.filter((row) => !(row.get('items') as string[])[0].startsWith(`${tenant}-`));
    w.show(`${tenant} orders (read via Cassia, stored on ${home.connection})`, `${seen.length}, ${stored.rowLength}`);
    w.check(seen.length === 10 && stored.rowLength === 10 && foreign.length === 0, `${tenant}'s orders are all on ${home.connection}/${home.keyspace}, and only its own`);
  }
}

export async function dropTenantKeyspaces(): Promise<void> {
  for (const home of Object.values(tenants)) await dropKeyspace(home.keyspace, { connections: [home.connection] });
}

if (require.main === module) runAsScript([tenantRouting], dropTenantKeyspaces);
