// The middleware on statement calls made by hand (no server): span names, kinds and parents, the
// outcome's attributes, failures, duration points, server trace events, and option checks.
import { ConfigurationError, ExecutionError, LwtNotAppliedError, type StatementCall, type StatementInfo, type StatementOutcome } from '@cassia/core';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { cassiaInstrumentation, type CassiaInstrumentation } from '../src/cassia-instrumentation';
import { pointsWith, testSdk, type TestSdk } from './otel-test-sdk';

const select: StatementInfo = Object.freeze({
  kind: 'select', operation: 'SELECT', connection: 'main', keyspace: 'app', table: 'users', model: 'users', columns: ['id'],
  cql: 'SELECT "id" FROM "app"."users" WHERE "id" = ?', conditional: false, page: undefined, batch: undefined, statements: undefined, tracing: false,
});

const outcome: StatementOutcome = Object.freeze({ rows: 2, applied: undefined, hasMorePages: false, queriedHost: '127.0.0.9:9043', triedHosts: 2, speculativeExecutions: 1, traceId: undefined });

function call(info: StatementInfo, trace?: { session?: unknown; fails?: boolean }): StatementCall {
  const client = {
    metadata: {
      getTrace: async () => {
        if (trace?.fails) throw new Error('trace not ready');
        return trace?.session;
      },
    },
  };
  return {
    info,
    options: { consistency: 'localQuorum', serialConsistency: undefined, timeout: undefined, idempotent: true, tracing: undefined },
    connection: { getClient: async () => client } as unknown as StatementCall['connection'],
    row: () => undefined,
    assign: () => undefined,
    onlyIf: () => undefined,
    ifNotExists: () => undefined,
    add: () => undefined,
  };
}

describe('cassiaInstrumentation', () => {
  let sdk: TestSdk;
  let middleware: CassiaInstrumentation;

  beforeEach(() => {
    sdk = testSdk();
    middleware = cassiaInstrumentation({ tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider });
  });
  afterEach(() => sdk.shutdown());

  it("makes a CLIENT span named by the summary, under the caller's active span, with the outcome's attributes", async () => {
    const parent = sdk.tracerProvider.getTracer('test').startSpan('request');
    const got = await context.with(trace.setSpan(context.active(), parent), () => middleware(call(select), async () => outcome));
    parent.end();
    expect(got).toBe(outcome);
    const [span] = sdk.spans().filter((s) => s.name === 'SELECT users');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(span.instrumentationScope.name).toBe('@cassia/otel');
    expect(span.attributes).toEqual({
      'db.system.name': 'cassandra',
      'db.namespace': 'app',
      'db.collection.name': 'users',
      'db.operation.name': 'SELECT',
      'db.query.summary': 'SELECT users',
      'db.query.text': select.cql,
      'db.response.returned_rows': 2,
      'server.address': '127.0.0.9',
      'server.port': 9043,
      'cassia.connection': 'main',
      'cassia.model': 'users',
      'cassia.hosts_tried': 2,
      'cassandra.speculative_execution.count': 1,
      'cassandra.consistency.level': 'local_quorum',
      'cassandra.query.idempotent': true,
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it("nests a batch's statement spans under the batch span when their middleware runs inside the batch's", async () => {
    const insert: StatementInfo = Object.freeze({ ...select, kind: 'insert', operation: 'INSERT', cql: 'INSERT INTO "app"."users" ("id") VALUES (?)' });
    const batchInfo: StatementInfo = Object.freeze({ ...select, kind: 'batch', operation: 'BATCH', table: undefined, model: undefined, statements: [insert, insert] });
    const member: StatementInfo = Object.freeze({ ...insert, batch: batchInfo });
    await middleware(call(batchInfo), async () => {
      await middleware(call(member), async () => outcome);
      await middleware(call(member), async () => outcome);
      return outcome;
    });
    const spans = sdk.spans();
    const batchSpan = spans.find((s) => s.name === 'BATCH INSERT users')!;
    expect(batchSpan.attributes['db.operation.batch.size']).toBe(2);
    const members = spans.filter((s) => s.name === 'INSERT users');
    expect(members).toHaveLength(2);
    for (const span of members) expect(span.parentSpanContext?.spanId).toBe(batchSpan.spanContext().spanId);
    // A batch is one operation: one duration point, the batch's.
    const points = await sdk.durationPoints();
    expect(points.map((point) => point.attributes['db.operation.name'])).toEqual(['BATCH INSERT']);
    expect(points[0].value.count).toBe(1);
  });

  it('records a failure: status ERROR, the exception event, error.type and the status code, and rethrows the same error', async () => {
    const error = new ExecutionError('Statement failed on connection "main": unconfigured table users', { connection: 'main', serverCode: 8704 });
    await expect(middleware(call(select), async () => Promise.reject(error))).rejects.toBe(error);
    const [span] = sdk.spans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: error.message });
    expect(span.attributes['error.type']).toBe('8704');
    expect(span.attributes['db.response.status_code']).toBe('8704');
    expect(span.events.map((event) => [event.name, event.attributes?.['exception.type'], event.attributes?.['exception.message']])).toEqual([
      ['exception', 'ExecutionError', error.message],
    ]);
    const points = await sdk.durationPoints();
    expect(pointsWith(points, { 'error.type': '8704', 'db.response.status_code': '8704', 'db.collection.name': 'users' })).toHaveLength(1);
  });

  it('marks an LWT that did not apply, whether reported in the outcome or as LwtNotAppliedError', async () => {
    await middleware(call(select), async () => ({ ...outcome, applied: false }));
    await expect(middleware(call(select), async () => Promise.reject(new LwtNotAppliedError('not applied', {})))).rejects.toBeInstanceOf(LwtNotAppliedError);
    expect(sdk.spans().map((span) => span.attributes['cassia.lwt.applied'])).toEqual([false, false]);
  });

  it('records one duration point per statement and page, in seconds with the conventions’ buckets, split by outcome', async () => {
    for (const page of [1, 2, 3]) await middleware(call({ ...select, page }), async () => outcome);
    await middleware(call(select), async () => Promise.reject(new LwtNotAppliedError('not applied', {}))).catch(() => undefined);
    const metric = (await sdk.durationMetric())!;
    expect(metric.descriptor.unit).toBe('s');
    const points = metric.dataPoints;
    const ok = pointsWith(points, { 'db.operation.name': 'SELECT', 'cassia.connection': 'main', 'db.namespace': 'app', 'db.collection.name': 'users' }).filter((p) => !('error.type' in p.attributes));
    expect(ok).toHaveLength(1);
    expect(ok[0].value.count).toBe(3);
    expect(ok[0].value.buckets.boundaries).toEqual([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10]);
    expect(pointsWith(points, { 'error.type': 'ERR_CASSIA_LWT_NOT_APPLIED' })[0].value.count).toBe(1);
  });

  it("adds the coordinator's trace events and ends the span once they are read; flush() waits for it", async () => {
    const at = new Date();
    const session = { duration: 900, events: [{ id: { getDate: () => at }, activity: 'Executing single-partition query on users', source: '127.0.0.9', elapsed: 300, thread: 'ReadStage-1' }] };
    const traceId = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    await middleware(call({ ...select, tracing: true }, { session }), async () => ({ ...outcome, traceId }));
    await middleware.flush();
    const [span] = sdk.spans();
    expect(span.attributes['cassia.trace_id']).toBe(traceId);
    expect(span.attributes['cassia.trace.duration_us']).toBe(900);
    expect(span.events.map((event) => event.name)).toEqual(['Executing single-partition query on users']);
  });

  it('ends the span with an event saying so when the trace cannot be read or is malformed, and ignores a trace id that is not a uuid', async () => {
    await middleware(call(select, { fails: true }), async () => ({ ...outcome, traceId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' }));
    await middleware(call(select, { session: { events: [] } }), async () => ({ ...outcome, traceId: "x' OR 1=1" }));
    const unreadable = { get events(): never { throw new Error('unreadable'); } };
    await middleware(call(select, { session: unreadable }), async () => ({ ...outcome, traceId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' }));
    await middleware.flush();
    const spans = sdk.spans();
    expect(spans).toHaveLength(3);
    expect(spans.map((span) => span.events.map((event) => event.name)).sort()).toEqual([[], ['cassia.trace.unavailable'], ['cassia.trace.unavailable']]);
  });

  it('leaves db.query.text out with captureCql: false', async () => {
    const quiet = cassiaInstrumentation({ tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider, captureCql: false });
    await quiet(call(select), async () => outcome);
    expect(sdk.spans()[0].attributes).not.toHaveProperty(['db.query.text']);
  });

  it('refuses unknown options and providers that are not ones, naming the key and never a value', () => {
    expect(() => cassiaInstrumentation({ tracerprovider: {} } as never)).toThrow(ConfigurationError);
    expect(() => cassiaInstrumentation({ tracerProvider: { secret: 'hunter2' } } as never)).toThrow(/tracerProvider of cassiaInstrumentation must be/);
    expect(() => cassiaInstrumentation({ meterProvider: 5 } as never)).toThrow(ConfigurationError);
    expect(() => cassiaInstrumentation({ captureCql: 'yes' } as never)).toThrow(/captureCql/);
    expect(() => cassiaInstrumentation(null as never)).toThrow(ConfigurationError);
    // An inherited option is not an option.
    expect(() => cassiaInstrumentation(Object.create({ captureCql: 'yes' }))).not.toThrow();
  });
});
