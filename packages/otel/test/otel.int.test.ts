// @cassia/otel on the real clusters, with the SDK's in-memory exporter and a collecting metric
// reader: span names, attributes and parents for a read, a write, a batch on cluster2, a read of
// 3 pages, a failed statement, an LWT that did not apply, server-side tracing; withConnection
// scopes across awaits; duration points per outcome; nothing recorded once uninstalled; and no
// bound value in any attribute or event (property test over random rows).
import { Client } from 'cassandra-driver';
import fc from 'fast-check';
import { ConnectionRegistry, LwtNotAppliedError, type Unsubscribe } from '@cassia/core';
import { batch, query } from '@cassia/query';
import { createTableCql, defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { cassiaInstrumentation, type CassiaInstrumentation } from '../src';
import { pointsWith, testSdk, type TestSdk } from './otel-test-sdk';

const KS = 'otel_it_spans';
const { cluster1, cluster2 } = testClusters();

const Reading = defineModel({
  table: 'readings',
  keyspace: KS,
  columns: { sensor: t.text(), seq: t.int(), label: t.text(), value: t.int() },
  partitionKey: ['sensor'],
  clusteringKey: ['seq'],
});

// Never created: statements on it fail on the server (Invalid, code 0x2200 = 8704).
const Missing = defineModel({ table: 'missing_table', keyspace: KS, columns: { id: t.text(), note: t.text() }, partitionKey: ['id'] });

let raw1: Client;
let raw2: Client;
let registry: ConnectionRegistry;
let sdk: TestSdk;
let instrumentation: CassiaInstrumentation;
let uninstall: Unsubscribe;
const readings = () => query(Reading, { registry });

/** Runs `fn` under an active span of the test's own, as a request handler would; returns that span. */
async function underRequest<T>(fn: () => Promise<T>): Promise<{ parent: Span; result: T }> {
  const parent = sdk.tracerProvider.getTracer('test').startSpan('request');
  try {
    const result = await context.with(trace.setSpan(context.active(), parent), fn);
    return { parent, result };
  } finally {
    parent.end();
  }
}

const cassiaSpans = (): ReadableSpan[] => sdk.spans().filter((span) => span.instrumentationScope.name === '@cassia/otel');
const childrenOf = (parent: Span | ReadableSpan): ReadableSpan[] =>
  cassiaSpans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

beforeAll(async () => {
  raw1 = new Client({ contactPoints: [cluster1], localDataCenter: 'datacenter1' });
  raw2 = new Client({ contactPoints: [cluster2], localDataCenter: 'datacenter1' });
  for (const raw of [raw1, raw2]) {
    await raw.connect();
    await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
    await raw.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await raw.execute(createTableCql(Reading, KS));
  }
  registry = new ConnectionRegistry();
  await registry.registerConnection('c1', { contactPoints: [cluster1], default: true });
  await registry.registerConnection('c2', { contactPoints: [cluster2] });
  sdk = testSdk();
  instrumentation = cassiaInstrumentation({ tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider });
  uninstall = registry.use(instrumentation);
});

beforeEach(() => sdk.exporter.reset());

afterAll(async () => {
  uninstall?.();
  await registry?.shutdown();
  for (const raw of [raw1, raw2]) {
    await raw?.execute(`DROP KEYSPACE IF EXISTS "${KS}"`).catch(() => undefined);
    await raw?.shutdown();
  }
  await sdk?.shutdown();
});

describe('spans', () => {
  it("records a write and a read as CLIENT spans under the caller's span, with the conventions' attributes", async () => {
    const { parent } = await underRequest(async () => {
      await readings().create({ sensor: 'span-a', seq: 1, label: 'north', value: 7 });
      await readings().where({ sensor: 'span-a', seq: 1 }).get();
    });
    const [write, read] = childrenOf(parent);
    expect([write.name, read.name]).toEqual(['INSERT readings', 'SELECT readings']);
    for (const span of [write, read]) {
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.attributes).toMatchObject({
        'db.system.name': 'cassandra',
        'db.namespace': KS,
        'db.collection.name': 'readings',
        'server.address': '127.0.0.1',
        'server.port': 9042,
        'cassia.connection': 'c1',
        'cassia.model': 'readings',
        'cassia.hosts_tried': 1,
      });
    }
    expect(write.attributes).toMatchObject({ 'db.operation.name': 'INSERT', 'db.query.summary': 'INSERT readings' });
    expect(write.attributes['db.query.text']).toMatch(/^INSERT INTO "otel_it_spans"\."readings" \(.*\) VALUES \(\?, \?, \?, \?\)$/);
    expect(read.attributes).toMatchObject({ 'db.operation.name': 'SELECT', 'db.query.summary': 'SELECT readings', 'db.response.returned_rows': 1 });
    expect(read.attributes['db.query.text']).toContain('WHERE "sensor" = ? AND "seq" = ?');
    // No value of the row reached a span.
    expect(JSON.stringify([write.attributes, read.attributes])).not.toMatch(/span-a|north/);
  });

  it("records a batch on cluster2 as one span with its statements' spans under it", async () => {
    const { parent } = await underRequest(() =>
      batch({ connection: 'c2' }, async (b) => {
        readings().batch(b).create({ sensor: 'batch-b', seq: 1, label: 'x', value: 1 });
        readings().batch(b).create({ sensor: 'batch-b', seq: 2, label: 'y', value: 2 });
      }),
    );
    const [batchSpan] = childrenOf(parent);
    expect(batchSpan.name).toBe('BATCH INSERT readings');
    expect(batchSpan.attributes).toMatchObject({
      'db.operation.name': 'BATCH INSERT',
      'db.operation.batch.size': 2,
      'db.collection.name': 'readings',
      'db.namespace': KS,
      'cassia.connection': 'c2',
      'server.address': '127.0.0.2',
    });
    const members = childrenOf(batchSpan);
    expect(members.map((span) => [span.name, span.attributes['cassia.connection']])).toEqual([
      ['INSERT readings', 'c2'],
      ['INSERT readings', 'c2'],
    ]);
    const landed = await raw2.execute(`SELECT seq FROM "${KS}".readings WHERE sensor = ?`, ['batch-b'], { prepare: true });
    expect(landed.rows.map((row) => row.get('seq'))).toEqual([1, 2]);
  });

  it('records each page of a paged read as its own span, numbered, under the caller', async () => {
    for (let seq = 1; seq <= 7; seq++) await raw1.execute(`INSERT INTO "${KS}".readings (sensor, seq, value) VALUES (?, ?, ?)`, ['paged-c', seq, seq], { prepare: true });
    const { parent, result } = await underRequest(async () => {
      const seen: number[] = [];
      for await (const row of readings().where({ sensor: 'paged-c' }).fetchSize(3)) seen.push(row.seq);
      return seen;
    });
    expect(result).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const pages = childrenOf(parent);
    expect(pages.map((span) => [span.name, span.attributes['cassia.page'], span.attributes['db.response.returned_rows']])).toEqual([
      ['SELECT readings', 1, 3],
      ['SELECT readings', 2, 3],
      ['SELECT readings', 3, 1],
    ]);
  });

  it('records a failed statement: status ERROR, the exception event and error.type, without its values', async () => {
    const { parent } = await underRequest(async () => {
      await expect(query(Missing, { registry }).create({ id: 'needle-id-3141', note: 'needle-note-2718' })).rejects.toMatchObject({ code: 'ERR_CASSIA_EXECUTION' });
    });
    const [span] = childrenOf(parent);
    expect(span.name).toBe('INSERT missing_table');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes).toMatchObject({ 'error.type': '8704', 'db.response.status_code': '8704' });
    const [exception] = span.events;
    expect(exception.name).toBe('exception');
    expect(exception.attributes).toMatchObject({ 'exception.type': 'ExecutionError' });
    expect(String(exception.attributes?.['exception.message'])).toContain('missing_table');
    expect(JSON.stringify([span.name, span.attributes, span.events, span.status])).not.toContain('needle');
  });

  it('marks an LWT that did not apply (a call the database answered: the status stays unset, the caller gets LwtNotAppliedError)', async () => {
    await readings().ifNotExists().create({ sensor: 'lwt-d', seq: 1, value: 1 });
    const [applied] = cassiaSpans();
    expect(applied.attributes['cassia.lwt.applied']).toBe(true);
    sdk.exporter.reset();
    await expect(readings().ifNotExists().create({ sensor: 'lwt-d', seq: 1, value: 2 })).rejects.toBeInstanceOf(LwtNotAppliedError);
    const [span] = cassiaSpans();
    expect(span.attributes).toMatchObject({ 'cassia.lwt.applied': false, 'db.operation.name': 'INSERT' });
    expect(span.attributes).not.toHaveProperty(['error.type']);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('records the options a statement was sent with: consistency, and idempotence when the query names it', async () => {
    await readings().consistency('localQuorum').idempotent(false).create({ sensor: 'opts-j', seq: 1, value: 1 });
    const [span] = cassiaSpans();
    expect(span.attributes).toMatchObject({ 'cassandra.consistency.level': 'local_quorum', 'cassandra.query.idempotent': false });
  });

  it('follows withConnection scopes across awaits', async () => {
    const { parent } = await underRequest(() =>
      registry.withConnection('c2', async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await readings().create({ sensor: 'scope-e', seq: 1, value: 1 });
        await Promise.resolve();
        return readings().where({ sensor: 'scope-e' }).all();
      }),
    );
    expect(childrenOf(parent).map((span) => [span.name, span.attributes['cassia.connection'], span.attributes['server.address']])).toEqual([
      ['INSERT readings', 'c2', '127.0.0.2'],
      ['SELECT readings', 'c2', '127.0.0.2'],
    ]);
  });

  it("adds the coordinator's trace events to a span when the query asks for tracing", async () => {
    await readings().create({ sensor: 'traced-f', seq: 1, value: 1 });
    sdk.exporter.reset();
    await readings().where({ sensor: 'traced-f' }).tracing().all();
    await instrumentation.flush();
    const [span] = cassiaSpans();
    expect(span.attributes['cassia.trace_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(span.events.length).toBeGreaterThan(0);
    expect(span.events.map((event) => event.name)).toEqual(expect.arrayContaining([expect.stringMatching(/single-partition query on readings/)]));
    expect(span.events.every((event) => event.attributes?.['cassia.trace.source'] === '127.0.0.1')).toBe(true);
    // An untraced query gets no events.
    sdk.exporter.reset();
    await readings().where({ sensor: 'traced-f' }).all();
    expect(cassiaSpans()[0].events).toEqual([]);
  });

  it('traces raw CQL given to execute as its operation', async () => {
    await registry.execute(`SELECT count(*) FROM "${KS}"."readings" WHERE sensor = ?`, ['raw-g'], { connection: 'c2' });
    const [span] = cassiaSpans();
    expect(span.name).toBe('SELECT');
    expect(span.attributes).toMatchObject({ 'db.operation.name': 'SELECT', 'cassia.connection': 'c2', 'db.response.returned_rows': 1 });
    expect(span.attributes).not.toHaveProperty(['cassia.model']);
  });
});

describe('metrics', () => {
  it('records db.client.operation.duration per operation, split by outcome', async () => {
    const before = await sdk.durationPoints();
    const count = (attributes: Record<string, string>) => pointsWith(before, attributes).reduce((sum, point) => sum + point.value.count, 0);
    const okBefore = count({ 'db.collection.name': 'readings', 'db.operation.name': 'INSERT', 'cassia.connection': 'c1' });
    const failedBefore = count({ 'db.collection.name': 'missing_table', 'error.type': '8704' });
    await readings().create({ sensor: 'metric-h', seq: 1, value: 1 });
    await readings().create({ sensor: 'metric-h', seq: 2, value: 2 });
    await query(Missing, { registry }).create({ id: 'm', note: 'n' }).catch(() => undefined);
    const after = await sdk.durationPoints();
    const countAfter = (attributes: Record<string, string>) => pointsWith(after, attributes).reduce((sum, point) => sum + point.value.count, 0);
    const ok = pointsWith(after, { 'db.collection.name': 'readings', 'db.operation.name': 'INSERT', 'cassia.connection': 'c1' }).filter((p) => !('error.type' in p.attributes));
    expect(ok).toHaveLength(1);
    expect(ok[0].attributes).toEqual({ 'db.system.name': 'cassandra', 'db.namespace': KS, 'db.collection.name': 'readings', 'db.operation.name': 'INSERT', 'cassia.connection': 'c1' });
    expect(countAfter({ 'db.collection.name': 'readings', 'db.operation.name': 'INSERT', 'cassia.connection': 'c1' }) - okBefore).toBe(2);
    expect(countAfter({ 'db.collection.name': 'missing_table', 'error.type': '8704' }) - failedBefore).toBe(1);
    expect(ok[0].value.min).toBeGreaterThan(0);
    // Seconds: a local insert takes well under one.
    expect(ok[0].value.max).toBeLessThan(1);
  });
});

describe('uninstalled', () => {
  it('records nothing once its unsubscribe ran (called twice: the second does nothing)', async () => {
    const other = new ConnectionRegistry();
    await other.registerConnection('solo', { contactPoints: [cluster1], default: true });
    try {
      const local = testSdk();
      const off = other.use(cassiaInstrumentation({ tracerProvider: local.tracerProvider, meterProvider: local.meterProvider }));
      await query(Reading, { registry: other }).create({ sensor: 'off-i', seq: 1, value: 1 });
      expect(local.spans()).toHaveLength(1);
      off();
      off();
      const pointsBefore = JSON.stringify(await local.durationPoints());
      await query(Reading, { registry: other }).create({ sensor: 'off-i', seq: 2, value: 2 });
      await query(Reading, { registry: other }).where({ sensor: 'off-i' }).all();
      await other.execute(`SELECT * FROM "${KS}"."readings" WHERE sensor = ?`, ['off-i']);
      expect(local.spans()).toHaveLength(1);
      const pointsAfter = await local.durationPoints();
      expect(pointsAfter.reduce((sum, point) => sum + point.value.count, 0)).toBe(1);
      expect(JSON.stringify(pointsAfter.map((point) => point.attributes))).toBe(JSON.stringify(JSON.parse(pointsBefore).map((point: { attributes: unknown }) => point.attributes)));
      await local.shutdown();
    } finally {
      await other.shutdown();
    }
  });
});

describe('no values', () => {
  it('puts no value of a random row into any span attribute, event or status (writes, keyed reads, traced reads)', async () => {
    const token = fc.stringMatching(/^[a-z0-9]{6,12}$/).map((s) => `zq${s}`);
    await fc.assert(
      fc.asyncProperty(token, token, fc.integer({ min: 10_000_000, max: 2_000_000_000 }), fc.boolean(), async (sensor, label, value, traced) => {
        sdk.exporter.reset();
        await readings().create({ sensor, seq: value, label, value });
        await readings().where({ sensor, seq: value }).get();
        const read = readings().where({ sensor });
        await (traced ? read.tracing() : read).all();
        await readings().where({ sensor, seq: value }).update({ label: `${label}x` });
        await instrumentation.flush();
        // The traced read's span carries the coordinator's events, so they are searched too.
        expect(cassiaSpans().some((span) => span.events.length > 0)).toBe(traced);
        const recorded = JSON.stringify(cassiaSpans().map((span) => [span.name, span.attributes, span.events.map((e) => [e.name, e.attributes]), span.status]));
        for (const secret of [sensor, label, String(value)]) expect({ secret, found: recorded.includes(secret) }).toEqual({ secret, found: false });
      }),
      { numRuns: 12 },
    );
  });
});
