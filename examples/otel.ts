// OpenTelemetry with Cassia: a tracer provider printing span trees, `instrument()` on the default
// registry, and a request handler whose statements (a write, a batch, a paged read, a traced read)
// become CLIENT spans under its own span. Run it with `npx tsx examples/otel.ts`.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { registerConnection, use } from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { cassiaInstrumentation } from '@cassia/otel';
import { batch, query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

const KEYSPACE = 'otel_example';

const Order = defineModel({
  table: 'orders',
  keyspace: KEYSPACE,
  connection: 'cluster1',
  columns: { customer: t.text(), id: t.int(), item: t.text(), total: t.int() },
  partitionKey: 'customer',
  clusteringKey: ['id'],
});

/** A request handler: everything it awaits is traced under its span. */
async function placeOrders(customer: string): Promise<number> {
  await query(Order).create({ customer, id: 1, item: 'tea', total: 4 });
  await batch({}, async (b) => {
    query(Order).batch(b).create({ customer, id: 2, item: 'cups', total: 12 });
    query(Order).batch(b).create({ customer, id: 3, item: 'pot', total: 30 });
  });
  let sum = 0;
  for await (const order of query(Order).where({ customer }).fetchSize(2)) sum += order.total ?? 0;
  await query(Order).where({ customer, id: 1 }).tracing().get();
  return sum;
}

export async function otelExample(w: Walkthrough): Promise<void> {
  w.step('an SDK (in-memory exporter, AsyncLocalStorage context) and the Cassia instrumentation');
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(tracerProvider);
  const instrumentation = cassiaInstrumentation();   // the global providers set above
  const uninstall = use(instrumentation);            // every statement of the default registry
  try {
    await registerConnection('cluster1', { contactPoints: [w.hosts.cluster1], replace: true });
    await createSimpleKeyspace(KEYSPACE, { replicationFactor: 1, connections: ['cluster1'] });
    await syncTable(Order, { connections: ['cluster1'] });
    exporter.reset();

    w.step('one request: a write, a batch of two, a read in pages of 2, a read traced on the server');
    const sum = await trace.getTracer('example').startActiveSpan('POST /orders', async (span) => {
      try {
        return await placeOrders('ada');
      } finally {
        span.end();
      }
    });
    await instrumentation.flush();   // the traced read's span ends once its trace events are read
    const spans = exporter.getFinishedSpans();
    for (const line of tree(spans)) console.log(`    ${line}`);
    w.check(sum === 46, 'the orders add up to 46');
    const root = spans.find((span) => span.name === 'POST /orders');
    const children = spans.filter((span) => span.parentSpanContext?.spanId === root?.spanContext().spanId).map((span) => span.name);
    w.check(
      JSON.stringify(children) === JSON.stringify(['INSERT orders', 'BATCH INSERT orders', 'SELECT orders', 'SELECT orders', 'SELECT orders']),
      'the request span holds the write, the batch, two pages and the traced read',
    );
    w.check(spans.filter((span) => span.name === 'INSERT orders').length === 3, "the batch's two statements are spans under the batch");
    w.check(spans.some((span) => span.events.length > 0 && span.attributes['cassia.trace_id'] !== undefined), "the traced read carries the coordinator's trace events");
    w.check(!JSON.stringify(spans.map((span) => span.attributes)).includes('ada'), 'no bound value in any attribute');
  } finally {
    uninstall();
    trace.disable();
    context.disable();
    await tracerProvider.shutdown();
  }
}

/** The spans as an indented tree, children in start order. */
function tree(spans: readonly ReadableSpan[]): string[] {
  const lines: string[] = [];
  const walk = (parentId: string | undefined, depth: number) => {
    const children = spans
      .filter((span) => span.parentSpanContext?.spanId === parentId)
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    for (const span of children) {
      const page = span.attributes['cassia.page'] === undefined ? '' : ` page ${span.attributes['cassia.page']}`;
      const events = span.events.length === 0 ? '' : ` (${span.events.length} trace events)`;
      lines.push(`${'  '.repeat(depth)}${span.name}${page} [${span.attributes['cassia.connection'] ?? 'app'}]${events}`);
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines;
}

export async function dropOtelKeyspace(): Promise<void> {
  await dropKeyspace(KEYSPACE, { connections: ['cluster1'] });
}

if (require.main === module) runAsScript([otelExample], dropOtelKeyspace);
