// The OpenTelemetry middleware: a CLIENT span per statement, batch and page under the caller's
// active context, and a `db.client.operation.duration` point per operation. A batch's span is the
// active context while its statements' middleware runs, so their spans nest under it.
import { LwtNotAppliedError, type Middleware, type StatementCall, type StatementOutcome } from '@cassia/core';
import { context, metrics, SpanKind, SpanStatusCode, trace, type Histogram, type Span, type Tracer } from '@opentelemetry/api';
import { consistencyLevelName } from './consistency-level';
import { errorAttributes, exceptionAttributes, statusMessageOf } from './error-attributes';
import { resolveInstrumentationOptions, type CassiaInstrumentationOptions } from './instrumentation-options';
import {
  ATTR_CASSANDRA_CONSISTENCY_LEVEL,
  ATTR_CASSANDRA_QUERY_IDEMPOTENT,
  ATTR_CASSANDRA_SPECULATIVE_EXECUTION_COUNT,
  ATTR_CASSIA_HOSTS_TRIED,
  ATTR_CASSIA_LWT_APPLIED,
  ATTR_CASSIA_TRACE_ID,
  ATTR_DB_RESPONSE_RETURNED_ROWS,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  DURATION_BUCKETS_SECONDS,
  METRIC_DB_CLIENT_OPERATION_DURATION,
} from './semantic-conventions';
import { addTraceEvents, TRACE_UNAVAILABLE_EVENT, type DriverTraceSession } from './server-trace';
import { metricAttributes, spanStartAttributes, statementNames } from './statement-attributes';

/** The instrumentation scope name of every tracer and meter this package asks for. */
export const INSTRUMENTATION_NAME = '@cassia/otel';
/** The version recorded with the instrumentation scope. */
export const INSTRUMENTATION_VERSION = '0.1.0';

/** A statement middleware that records spans and metrics; `flush()` waits for spans still reading their server trace. */
export interface CassiaInstrumentation extends Middleware {
  /** Resolves once every span waiting for its server-side trace has ended (call before shutting the SDK down). */
  flush(): Promise<void>;
}

// A trace id as the driver reports it: a uuid in hex; checked before the driver puts it in its query text.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Makes the OpenTelemetry middleware; register it with `registry.use(...)` (or use `instrument`).
 * Spans carry names, the CQL with `?` markers and outcome counts; never a bound value.
 */
export function cassiaInstrumentation(options?: CassiaInstrumentationOptions): CassiaInstrumentation {
  const resolved = resolveInstrumentationOptions(options, 'cassiaInstrumentation');
  const tracer: Tracer = (resolved.tracerProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
  const meter = (resolved.meterProvider ?? metrics.getMeterProvider()).getMeter(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
  const duration: Histogram = meter.createHistogram(METRIC_DB_CLIENT_OPERATION_DURATION, {
    description: 'Duration of database client operations.',
    unit: 's',
    advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_SECONDS] },
  });
  const captureCql = resolved.captureCql;
  const tracing = new Set<Promise<void>>();

  const middleware = (call: StatementCall, next: () => Promise<StatementOutcome>): Promise<StatementOutcome> => {
    const info = call.info;
    const names = statementNames(info);
    const parent = context.active();
    const startedAt = performance.now();
    const span = tracer.startSpan(names.summary, { kind: SpanKind.CLIENT, attributes: spanStartAttributes(info, names, captureCql), startTime: startedAt }, parent);
    // Statements of a batch are one operation with it: only the batch gets a duration point.
    const measured = info.batch === undefined;
    return context.with(trace.setSpan(parent, span), next).then(
      (outcome) => {
        const endedAt = performance.now();
        recordOutcome(span, call, outcome);
        if (measured) duration.record((endedAt - startedAt) / 1000, metricAttributes(info, names));
        const traceId = outcome.traceId;
        if (traceId !== undefined && UUID.test(traceId)) endAfterServerTrace(span, call, traceId, endedAt);
        else span.end(endedAt);
        return outcome;
      },
      (error: unknown) => {
        const endedAt = performance.now();
        recordOptions(span, call);
        const failure = errorAttributes(error);
        span.setAttributes(failure);
        if (error instanceof LwtNotAppliedError) span.setAttribute(ATTR_CASSIA_LWT_APPLIED, false);
        span.addEvent('exception', exceptionAttributes(error), endedAt);
        span.setStatus({ code: SpanStatusCode.ERROR, message: statusMessageOf(error) });
        span.end(endedAt);
        if (measured) duration.record((endedAt - startedAt) / 1000, { ...metricAttributes(info, names), ...failure });
        throw error;
      },
    );
  };

  /** Reads the statement's trace session, adds its events, then ends the span at the statement's end. */
  function endAfterServerTrace(span: Span, call: StatementCall, traceId: string, endedAt: number): void {
    span.setAttribute(ATTR_CASSIA_TRACE_ID, traceId);
    const done = call.connection
      .getClient()
      // The driver formats the id into its query text; UUID has checked it is one.
      .then((client) => client.metadata.getTrace(traceId as unknown as Parameters<typeof client.metadata.getTrace>[0]))
      .then((session) => addTraceEvents(span, session as DriverTraceSession))
      // Whatever went wrong reading it, the span still ends (a trace is never worth a lost span).
      .catch(() => span.addEvent(TRACE_UNAVAILABLE_EVENT))
      .then(() => {
        span.end(endedAt);
        tracing.delete(done);
      });
    tracing.add(done);
  }

  return Object.assign(middleware, {
    flush: async (): Promise<void> => {
      while (tracing.size > 0) await Promise.all([...tracing]);
    },
  });
}

/** The outcome's counts and the coordinator on the span. */
function recordOutcome(span: Span, call: StatementCall, outcome: StatementOutcome): void {
  recordOptions(span, call);
  const kind = call.info.kind;
  if (kind === 'select' || kind === 'raw') span.setAttribute(ATTR_DB_RESPONSE_RETURNED_ROWS, outcome.rows);
  if (outcome.applied !== undefined) span.setAttribute(ATTR_CASSIA_LWT_APPLIED, outcome.applied);
  if (outcome.speculativeExecutions > 0) span.setAttribute(ATTR_CASSANDRA_SPECULATIVE_EXECUTION_COUNT, outcome.speculativeExecutions);
  span.setAttribute(ATTR_CASSIA_HOSTS_TRIED, outcome.triedHosts);
  const host = outcome.queriedHost;
  if (host !== undefined) {
    // The driver reports `address:port` (an IPv6 address has colons of its own: the port is after the last).
    const colon = host.lastIndexOf(':');
    const port = colon > 0 ? Number(host.slice(colon + 1)) : Number.NaN;
    if (Number.isInteger(port)) {
      span.setAttribute(ATTR_SERVER_ADDRESS, host.slice(0, colon));
      span.setAttribute(ATTR_SERVER_PORT, port);
    } else {
      span.setAttribute(ATTR_SERVER_ADDRESS, host);
    }
  }
}

/** The options the statement was sent with, as the middleware after this one left them. */
function recordOptions(span: Span, call: StatementCall): void {
  const options = call.options;
  const level = consistencyLevelName(options.consistency);
  if (level !== undefined) span.setAttribute(ATTR_CASSANDRA_CONSISTENCY_LEVEL, level);
  if (options.idempotent !== undefined) span.setAttribute(ATTR_CASSANDRA_QUERY_IDEMPOTENT, options.idempotent);
}
