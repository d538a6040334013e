// The coordinator's trace session as span events: each event at its own time with its node,
// elapsed time and thread; fields the driver left out are skipped, never guessed.
import type { Span } from '@opentelemetry/api';
import { addTraceEvents, traceEventsOf } from '../src/server-trace';

function recordingSpan(): { span: Span; events: unknown[][]; attributes: Record<string, unknown> } {
  const events: unknown[][] = [];
  const attributes: Record<string, unknown> = {};
  const span = {
    addEvent: (...args: unknown[]) => events.push(args),
    setAttribute: (key: string, value: unknown) => (attributes[key] = value),
  } as unknown as Span;
  return { span, events, attributes };
}

describe('server trace events', () => {
  const at = new Date('2026-12-01T06:00:00.123Z');
  const session = {
    duration: 1234,
    parameters: { bound_var_0_id: "'secret'" },
    events: [
      { id: { getDate: () => at }, activity: 'Parsing SELECT', source: { toString: () => '127.0.0.1' }, elapsed: 120, thread: 'Native-Transport-Requests-1' },
      { id: undefined, activity: 42, source: null, elapsed: 'x', thread: undefined },
    ],
  };

  it('reads every event defensively', () => {
    expect(traceEventsOf(session)).toEqual([
      { activity: 'Parsing SELECT', source: '127.0.0.1', sourceElapsedMicros: 120, thread: 'Native-Transport-Requests-1', time: at },
      { activity: 'trace event', source: undefined, sourceElapsedMicros: undefined, thread: undefined, time: undefined },
    ]);
    expect(traceEventsOf({ events: null })).toEqual([]);
  });

  it("adds each event to the span at its time, and the session's duration, never its parameters", () => {
    const { span, events, attributes } = recordingSpan();
    addTraceEvents(span, session);
    expect(events).toEqual([
      ['Parsing SELECT', { 'cassia.trace.source': '127.0.0.1', 'cassia.trace.source_elapsed_us': 120, 'cassia.trace.thread': 'Native-Transport-Requests-1' }, at],
      ['trace event', {}],
    ]);
    expect(attributes).toEqual({ 'cassia.trace.duration_us': 1234 });
    expect(JSON.stringify(events)).not.toContain('secret');
  });
});
