// Every statement kind names its idempotence to the driver, observed on cluster1 through a driver
// RequestTracker (what the driver itself was told for each request it sent): reads, plain writes,
// set/map changes, list remove and set-at-index, deletes → idempotent; counter changes, list
// append/prepend, whole non-frozen lists and lightweight transactions → not; batches only when all their statements are;
// `.idempotent(flag)` overrides. A connection with retry and speculative options runs them all.
import { Client, tracker, type ExecutionOptions, type Host } from 'cassandra-driver';
import { ConnectionRegistry } from '@cassia/core';
import { createTableCql, defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { add, append, batch, decrement, increment, prepend, put, query, remove, removeKeys, setAt } from '../src';

const KS = 'cassia_query_it_idempotence';
const { cluster1 } = testClusters();

const Doc = defineModel({
  table: 'docs',
  keyspace: KS,
  columns: {
    id: t.text(), title: t.text(), tags: t.list(t.text()), frozenTags: t.frozen(t.list(t.text())), labels: t.set(t.text()), scores: t.map(t.text(), t.int()),
  },
  partitionKey: ['id'],
});

const Hits = defineModel({
  table: 'hits',
  keyspace: KS,
  columns: { page: t.text(), n: t.counter() },
  partitionKey: ['page'],
});

// The driver checks `instanceof RequestTracker`, a class at run time that its typings declare as an interface.
const RequestTrackerBase = (tracker as unknown as { RequestTracker: new () => tracker.RequestTracker }).RequestTracker;

/** What the driver was told for each request it completed: its CQL (or CQL list, for a batch) and isIdempotent. */
class IdempotenceTracker extends RequestTrackerBase {
  readonly seen: { cql: string; idempotent: boolean }[] = [];

  override onSuccess(_host: Host, query: string | Array<{ query: string }>, _params: unknown, options: ExecutionOptions): void {
    this.record(query, options);
  }

  override onError(_host: Host, query: string | Array<{ query: string }>, _params: unknown, options: ExecutionOptions): void {
    this.record(query, options);
  }

  override shutdown(): void {}

  private record(query: string | Array<{ query: string }>, options: ExecutionOptions): void {
    const cql = typeof query === 'string' ? query : query.map((q) => q.query).join('\n');
    if (cql.includes(KS)) this.seen.push({ cql, idempotent: options.isIdempotent() });
  }
}

let raw: Client;
let registry: ConnectionRegistry;
const requests = new IdempotenceTracker();
const docs = () => query(Doc, { registry });
const hits = () => query(Hits, { registry });

beforeAll(async () => {
  raw = new Client({ contactPoints: [cluster1], localDataCenter: 'datacenter1' });
  await raw.connect();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  for (const model of [Doc, Hits]) await raw.execute(createTableCql(model, KS));
  registry = new ConnectionRegistry();
  await registry.registerConnection('cluster1', {
    contactPoints: [cluster1],
    default: true,
    retry: { maxRetries: 2 },
    speculative: { delayMs: 500, maxExecutions: 2 },
    clientOptions: { requestTracker: requests },
  });
});

afterAll(async () => {
  await registry.shutdown();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.shutdown();
});

// Runs `statement` and returns what the driver was told about the one request it sent.
async function told(statement: () => Promise<unknown>): Promise<{ cql: string; idempotent: boolean }> {
  const before = requests.seen.length;
  await statement();
  expect(requests.seen.length).toBe(before + 1);
  return requests.seen[before];
}

const doc = () => docs().where({ id: 'd1' });

it.each<[string, boolean, () => Promise<unknown>]>([
  ['plain INSERT', true, () => docs().create({ id: 'd1', title: 'a', frozenTags: ['x', 'y'], labels: new Set(['l']), scores: new Map([['s', 1]]) })],
  ['INSERT of a whole non-frozen list', false, () => docs().create({ id: 'd5', title: 'a', tags: ['x', 'y'] })],
  ['UPDATE of a whole non-frozen list', false, () => doc().update({ tags: ['x', 'y'] })],
  ['UPDATE of a frozen list', true, () => doc().update({ frozenTags: ['x'] })],
  ['INSERT with ttl', true, () => docs().ttl(600).create({ id: 'd2', title: 'b' })],
  ['SELECT by key', true, () => doc().get()],
  ['SELECT of a column', true, () => docs().select('title').where({ id: 'd1' }).first()],
  ['SELECT count', true, () => docs().where({ id: 'd1' }).count()],
  ['UPDATE of a plain value', true, () => doc().update({ title: 'c' })],
  ['set add', true, () => doc().update({ labels: add('m') })],
  ['set remove', true, () => doc().update({ labels: remove('m') })],
  ['map put', true, () => doc().update({ scores: put({ t: 2 }) })],
  ['map removeKeys', true, () => doc().update({ scores: removeKeys('t') })],
  ['list remove', true, () => doc().update({ tags: remove('z') })],
  ['list setAt', true, () => doc().update({ tags: setAt(0, 'w') })],
  ['DELETE of a column', true, () => doc().delete(['title'])],
  ['DELETE of a row', true, () => docs().where({ id: 'd2' }).delete()],
  ['list append', false, () => doc().update({ tags: append('z') })],
  ['list prepend', false, () => doc().update({ tags: prepend('v') })],
  ['counter increment', false, () => hits().where({ page: 'p' }).update({ n: increment(3) })],
  ['counter decrement', false, () => hits().where({ page: 'p' }).update({ n: decrement() })],
  ['INSERT IF NOT EXISTS', false, () => docs().ifNotExists().create({ id: 'd3', title: 'x' })],
  ['UPDATE IF', false, () => docs().where({ id: 'd3' }).if({ title: 'x' }).update({ title: 'y' })],
  ['DELETE IF EXISTS', false, () => docs().where({ id: 'd3' }).ifExists().delete()],
  ['a counter increment made idempotent', true, () => hits().idempotent(true).where({ page: 'q' }).update({ n: increment() })],
  ['a plain INSERT made non-idempotent', false, () => docs().idempotent(false).create({ id: 'd4', title: 'z' })],
])('%s → isIdempotent %s', async (_what, expected, statement) => {
  expect((await told(statement)).idempotent).toBe(expected);
});

it('a whole non-frozen list written twice with one timestamp (what a driver retry does) doubles: why it is not idempotent', async () => {
  const written = docs().timestamp(1_000_000);
  for (let i = 0; i < 2; i++) await written.create({ id: 'twice', title: 't', tags: ['a', 'b'] });
  const read = await raw.execute(`SELECT tags FROM "${KS}".docs WHERE id = 'twice'`);
  expect(read.rows[0].tags).toEqual(['a', 'b', 'a', 'b']);
  for (let i = 0; i < 2; i++) await docs().timestamp(1_000_000).create({ id: 'twice-frozen', title: 't', frozenTags: ['a', 'b'] });
  const frozen = await raw.execute(`SELECT "frozenTags" FROM "${KS}".docs WHERE id = 'twice-frozen'`);
  expect(frozen.rows[0].frozenTags).toEqual(['a', 'b']);
});

it('the same shape tells the driver the same on every run (cache hits included)', async () => {
  for (let i = 0; i < 3; i++) {
    expect((await told(() => docs().where({ id: `r${i}` }).update({ tags: append('a') }))).idempotent).toBe(false);
    expect((await told(() => docs().where({ id: `r${i}` }).update({ labels: add('a') }))).idempotent).toBe(true);
  }
});

describe('batches', () => {
  it('of idempotent statements are idempotent', async () => {
    const b = batch({ connection: 'cluster1' });
    b.add(docs().createStatement({ id: 'b1', title: 't' }));
    b.add(docs().where({ id: 'b1' }).updateStatement({ labels: add('x') }));
    const sent = await told(() => b.execute());
    expect(sent.cql).toContain('INSERT INTO');
    expect(sent.idempotent).toBe(true);
  });

  it('with one non-idempotent statement, counter batches and conditional batches are not', async () => {
    const mixed = batch({ connection: 'cluster1', type: 'unlogged' });
    mixed.add(docs().createStatement({ id: 'b2', title: 't' }));
    mixed.add(docs().where({ id: 'b2' }).updateStatement({ tags: append('x') }));
    expect((await told(() => mixed.execute())).idempotent).toBe(false);
    const counters = batch({ connection: 'cluster1', type: 'counter' }).add(hits().where({ page: 'b' }).updateStatement({ n: increment() }));
    expect((await told(() => counters.execute())).idempotent).toBe(false);
    const conditional = batch({ connection: 'cluster1' }).add(docs().ifNotExists().createStatement({ id: 'b3', title: 't' }));
    expect((await told(() => conditional.execute())).idempotent).toBe(false);
  });

  it('follow their own idempotent(flag)', async () => {
    const forced = batch({ connection: 'cluster1' }).idempotent(false).add(docs().createStatement({ id: 'b4', title: 't' }));
    expect((await told(() => forced.execute())).idempotent).toBe(false);
  });

  it('all of it was written as asked', async () => {
    expect(await docs().where({ id: 'b1' }).get()).toMatchObject({ title: 't', labels: new Set(['x']) });
    expect(await docs().where({ id: 'b2' }).get()).toMatchObject({ tags: ['x'] });
    expect((await hits().where({ page: 'p' }).get()).n).toBe(2n);
  });
});
