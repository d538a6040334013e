// An audit trail as a statement middleware: every write of an audited model leaves a row in an
// audit table saying which table, which operation and which columns (names, never values). A
// write inside a batch gets its audit row in the same protocol batch (atomic with it); a write
// alone gets it once it has succeeded. Run: `npx tsx examples/audit-middleware.ts`.
import { onEvent, registerConnection, use, type Middleware } from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { batch, query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { types } from 'cassandra-driver';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

const KEYSPACE = 'mw_audit_example';

const Order = defineModel({
  table: 'orders',
  keyspace: KEYSPACE,
  connection: 'audited',
  columns: { id: t.text(), customer: t.text(), cents: t.bigint(), status: t.text() },
  partitionKey: ['id'],
});

const AuditEntry = defineModel({
  table: 'audit_log',
  keyspace: KEYSPACE,
  connection: 'audited',
  columns: { day: t.text(), at: t.timeuuid(), table_name: t.text(), operation: t.text(), columns: t.list(t.text()) },
  partitionKey: ['day'],
  clusteringKey: [['at', 'desc']],
});

/** The middleware: one audit row per write of any table but the audit table itself. */
export function auditTrail(): Middleware {
  return async (statement, next) => {
    const { kind, table, columns, batch: inBatch } = statement.info;
    if ((kind !== 'insert' && kind !== 'update' && kind !== 'delete') || table === AuditEntry.table) return next();
    const entry = { day: new Date().toISOString().slice(0, 10), at: types.TimeUuid.now().toString(), table_name: table!, operation: kind, columns: [...columns] };
    // In a batch: the audit row joins it, so both land or neither does.
    if (inBatch !== undefined) {
      statement.add(query(AuditEntry).createStatement(entry));
      return next();
    }
    const outcome = await next();
    await query(AuditEntry).create(entry);
    return outcome;
  };
}

export async function auditMiddleware(w: Walkthrough): Promise<void> {
  w.step('register a connection, create the keyspace and tables, use(auditTrail())');
  await registerConnection('audited', { contactPoints: [w.hosts.cluster1], replace: true });
  await createSimpleKeyspace(KEYSPACE, { replicationFactor: 1, connections: ['audited'] });
  await syncTable(Order);
  await syncTable(AuditEntry);
  const stop = use(auditTrail());
  let batchSizes: number[] = [];
  const stopListening = onEvent((event) => {
    if (event.type === 'query' && event.kind === 'batch') batchSizes.push(event.statements);
  });
  try {
    const day = new Date().toISOString().slice(0, 10);
    const auditRows = async () => (await query(AuditEntry).where({ day }).all()).map((row) => `${row.operation} ${row.table_name}(${(row.columns ?? []).join(',')})`);

    w.step("query(Order).create({ ... }) alone: the audit row is written once the order is");
    await query(Order).create({ id: 'o-1', customer: 'ada', cents: 1250n, status: 'new' });
    const afterCreate = await auditRows();
    w.show('audit rows', afterCreate);
    w.check(afterCreate.length === 1 && afterCreate[0] === 'insert orders(id,customer,cents,status)', 'one audit row naming the table and columns, no values');

    w.step('a batch of an update and a delete: each audit row joins the same protocol batch');
    batchSizes = [];
    await batch({}, async (b) => {
      await query(Order).batch(b).where({ id: 'o-1' }).update({ status: 'paid' });
      await query(Order).batch(b).where({ id: 'o-2' }).delete();
    });
    const afterBatch = await auditRows();
    w.show('audit rows', afterBatch);
    w.show('statements per batch sent', batchSizes);
    w.check(afterBatch.length === 3 && afterBatch.includes('update orders(status)') && afterBatch.includes('delete orders()'), 'an audit row per write of the batch');
    w.check(batchSizes.length === 1 && batchSizes[0] === 4, 'one protocol batch of 2 writes + 2 audit rows');
  } finally {
    stopListening();
    stop();
  }
}

export async function dropAuditKeyspace(): Promise<void> {
  await dropKeyspace(KEYSPACE, { connections: ['audited'] });
}

if (require.main === module) runAsScript([auditMiddleware], dropAuditKeyspace);
