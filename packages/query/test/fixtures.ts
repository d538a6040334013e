// Shared unit-test fixtures: models, a registry of connections that never connect, and a
// recording fake driver client for checking what would be sent.
import { ConnectionRegistry } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import type { Client } from 'cassandra-driver';

/** The seed's Automobile (no connection, keyspace from resolution). */
export const Automobile = defineModel({
  table: 'automobile',
  columns: { manufacturer: t.text(), year: t.int(), model: t.text(), price: t.int(), notes: t.text().dbName('remarks') },
  partitionKey: ['manufacturer'],
  clusteringKey: ['year', 'model'],
});

/** The seed's Automobile with `__connection__ = 'cluster2'` and a keyspace. */
export const Automobile2 = defineModel({
  table: 'automobile',
  keyspace: 'test',
  connection: 'cluster2',
  columns: { manufacturer: t.text(), year: t.int(), model: t.text() },
  partitionKey: ['manufacturer'],
  clusteringKey: ['year', 'model'],
});

/** Every collection kind, a static column, a default and a renamed column. */
export const Garage = defineModel({
  table: 'garage',
  keyspace: 'shop',
  columns: {
    owner: t.text(),
    slot: t.int(),
    name: t.text(),
    tags: t.list(t.text()),
    labels: t.set(t.text()),
    ratings: t.map(t.text(), t.int()),
    frozenTags: t.frozen(t.list(t.text())),
    city: t.text().static(),
    created: t.timestamp().withDefault(() => new Date(0)),
    userId: t.uuid().dbName('user_id'),
  },
  partitionKey: ['owner'],
  clusteringKey: ['slot'],
});

/** A counter table with a composite partition key. */
export const PageViews = defineModel({
  table: 'page_views',
  keyspace: 'stats',
  columns: { page: t.text(), day: t.date(), views: t.counter(), visitors: t.counter() },
  partitionKey: ['page', 'day'],
});

/** A contact point that refuses connections at once. */
export const REFUSED = '127.0.0.1:1';

/** A registry with lazy connections 'cluster1' (keyspace ks1), 'cluster2' (ks2) and default 'default' (ks0). */
export async function lazyRegistry(): Promise<ConnectionRegistry> {
  const registry = new ConnectionRegistry();
  await registry.registerConnection('default', { contactPoints: [REFUSED], lazyConnect: true, keyspace: 'ks0', default: true });
  await registry.registerConnection('cluster1', { contactPoints: [REFUSED], lazyConnect: true, keyspace: 'ks1' });
  await registry.registerConnection('cluster2', { contactPoints: [REFUSED], lazyConnect: true, keyspace: 'ks2' });
  return registry;
}

/** One call the fake client received. */
export interface RecordedCall {
  kind: 'execute' | 'batch';
  cql: string;
  params: unknown;
  options: Record<string, unknown>;
}

/** What the fake answers: rows (with optional pageState) per call, in order. */
export interface FakeResult {
  rows?: Record<string, unknown>[];
  pageState?: string | null;
}

/** A driver-client stand-in that records calls and replays prepared answers. */
export function fakeClient(answers: FakeResult[] = []): { client: Client; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const next = (): FakeResult => answers.shift() ?? { rows: [] };
  const result = (answer: FakeResult) => ({
    rows: answer.rows ?? [],
    pageState: answer.pageState ?? null,
    first: () => answer.rows?.[0] ?? null,
  });
  const client = {
    connect: async () => undefined,
    shutdown: async () => undefined,
    execute: async (cql: string, params: unknown, options: Record<string, unknown>) => {
      calls.push({ kind: 'execute', cql, params, options });
      return result(next());
    },
    batch: async (queries: { query: string; params: unknown }[], options: Record<string, unknown>) => {
      for (const q of queries) calls.push({ kind: 'batch', cql: q.query, params: q.params, options });
      return result(next());
    },
  };
  return { client: client as unknown as Client, calls };
}

/** A registry whose 'fake' connection (default, keyspace ks) records what it is sent. */
export async function fakeRegistry(answers: FakeResult[] = []) {
  const registry = new ConnectionRegistry();
  const fake = fakeClient(answers);
  await registry.registerConnection('fake', { client: fake.client, keyspace: 'ks', default: true });
  const other = fakeClient();
  await registry.registerConnection('other', { client: other.client, keyspace: 'ks' });
  return { registry, calls: fake.calls, otherCalls: other.calls };
}

/**
 * A query as a JavaScript caller holds it: no type-state, every method callable with anything.
 * For tests of the run-time checks the types already refuse (they must still throw).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UntypedQuery = { readonly [method: string]: (...args: any[]) => any };

/** `query` without its types (see UntypedQuery). */
export function untyped(query: object): UntypedQuery {
  return query as unknown as UntypedQuery;
}
