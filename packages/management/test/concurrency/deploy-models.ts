// The models of a small application in two releases, for the concurrent-sync tests: v1, and v2
// which adds a user type field, columns, an index and a table (a "v2 deploy" on a v1 schema).
import { defineModel, defineType, t, type AnyModel, type TableOptions } from '@cassia/schema';

// speculative_retry 'NONE' is stored as 'NEVER': with it, a sync that does not normalise never settles.
const OPTIONS: TableOptions = { comment: 'deploy test', speculative_retry: 'NONE', caching: { keys: 'ALL', rows_per_partition: 'NONE' } };

function release(version: 1 | 2): AnyModel[] {
  const Address = defineType({
    name: 'deploy_address',
    fields: version === 1 ? { street: t.text(), zip: t.int() } : { street: t.text(), zip: t.int(), country: t.text() },
  });
  const Customer = defineModel({
    table: 'deploy_customer',
    columns: {
      id: t.uuid(),
      name: t.text(),
      home: t.udt(Address),
      tags: t.set(t.text()),
      ...(version === 2 ? { email: t.text() } : {}),
    },
    partitionKey: 'id',
    indexes: [{ column: 'tags' }, ...(version === 2 ? [{ column: 'email' as const, using: 'sai' }] : [])],
    options: OPTIONS,
  });
  const Order = defineModel({
    table: 'deploy_order',
    columns: {
      customer: t.uuid(),
      placed: t.timestamp(),
      shipTo: t.udt(Address).dbName('ship_to'),
      items: t.map(t.text(), t.int()),
      ...(version === 2 ? { note: t.text() } : {}),
    },
    partitionKey: 'customer',
    clusteringKey: [['placed', 'desc']],
    indexes: [{ column: 'items', target: 'keys', using: 'sai' }],
    options: OPTIONS,
  });
  const Shipment = defineModel({
    table: 'deploy_shipment',
    columns: { id: t.uuid(), route: t.list(t.udt(Address)), weight: t.double() },
    partitionKey: 'id',
    options: OPTIONS,
  });
  const Invoice = defineModel({
    table: 'deploy_invoice',
    columns: { id: t.uuid(), billTo: t.frozen(t.udt(Address)).dbName('bill_to'), total: t.decimal() },
    partitionKey: 'id',
    options: OPTIONS,
  });
  return version === 1 ? [Customer, Order, Shipment] : [Customer, Order, Shipment, Invoice];
}

/** Release 1's models. */
export const V1_MODELS = release(1);
/** Release 2's models: Address gains `country`, Customer `email` (with an SAI index), Order `note`, and a new table Invoice. */
export const V2_MODELS = release(2);
