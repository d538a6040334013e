// Opt-in server-side tracing: the coordinator's trace session of a statement (system_traces),
// read through the driver's metadata and added to the statement's span as events. The session's
// `parameters` (which hold the bound values) are never read.
import type { Span } from '@opentelemetry/api';

/** One event of a Cassandra trace session, as the span receives it. */
export interface ServerTraceEvent {
  /** What the node did (`Parsing ...`, `Read 1 live rows ...`). */
  readonly activity: string;
  /** The node that did it. */
  readonly source: string | undefined;
  /** Microseconds since the node started on the request. */
  readonly sourceElapsedMicros: number | undefined;
  readonly thread: string | undefined;
  /** When it happened, from the event's time-based id (the node's clock). */
  readonly time: Date | undefined;
}

/** The part of a driver client's trace session this package reads. */
export interface DriverTraceSession {
  duration?: unknown;
  events?: ReadonlyArray<{ id?: unknown; activity?: unknown; source?: unknown; elapsed?: unknown; thread?: unknown }> | null;
}

/** Span event attributes of a trace event (Cassia's own names: the conventions have none for them). */
export const ATTR_TRACE_SOURCE = 'cassia.trace.source';
export const ATTR_TRACE_SOURCE_ELAPSED_US = 'cassia.trace.source_elapsed_us';
export const ATTR_TRACE_THREAD = 'cassia.trace.thread';
/** A span attribute: the trace session's duration on the coordinator, in microseconds. */
export const ATTR_TRACE_DURATION_US = 'cassia.trace.duration_us';
/** The event a span gets when its trace session could not be read (the statement's outcome is unaffected). */
export const TRACE_UNAVAILABLE_EVENT = 'cassia.trace.unavailable';

/** The events of a driver trace session, read defensively (every field may be missing). */
export function traceEventsOf(session: DriverTraceSession): ServerTraceEvent[] {
  const events = Array.isArray(session.events) ? session.events : [];
  return events.map((event) => ({
    activity: typeof event.activity === 'string' ? event.activity : 'trace event',
    source: event.source === undefined || event.source === null ? undefined : String(event.source),
    sourceElapsedMicros: typeof event.elapsed === 'number' ? event.elapsed : undefined,
    thread: typeof event.thread === 'string' ? event.thread : undefined,
    time: timeOfEventId(event.id),
  }));
}

/** Adds the trace events to a span, each at its own time when known. */
export function addTraceEvents(span: Span, session: DriverTraceSession): void {
  if (typeof session.duration === 'number') span.setAttribute(ATTR_TRACE_DURATION_US, session.duration);
  for (const event of traceEventsOf(session)) {
    const attributes: Record<string, string | number> = {};
    if (event.source !== undefined) attributes[ATTR_TRACE_SOURCE] = event.source;
    if (event.sourceElapsedMicros !== undefined) attributes[ATTR_TRACE_SOURCE_ELAPSED_US] = event.sourceElapsedMicros;
    if (event.thread !== undefined) attributes[ATTR_TRACE_THREAD] = event.thread;
    if (event.time === undefined) span.addEvent(event.activity, attributes);
    else span.addEvent(event.activity, attributes, event.time);
  }
}

/** A time-based UUID's time (the driver reads `timeuuid` columns as TimeUuid, which has `getDate`). */
function timeOfEventId(id: unknown): Date | undefined {
  if (typeof id !== 'object' || id === null || typeof (id as { getDate?: unknown }).getDate !== 'function') return undefined;
  const date = (id as { getDate(): unknown }).getDate();
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date : undefined;
}
