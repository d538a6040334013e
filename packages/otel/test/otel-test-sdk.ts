// The OpenTelemetry SDK as the tests use it: spans kept in memory, a metric reader collected on
// demand, and the AsyncLocalStorage context manager (what NodeSDK registers) made global once.
import { context, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AggregationTemporality, MeterProvider, MetricReader, type HistogramMetricData, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** A reader the test collects itself. */
class CollectingReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** One tracer provider, meter provider and exporter per test file. */
export interface TestSdk {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  readonly exporter: InMemorySpanExporter;
  /** The finished spans so far. */
  spans(): ReadableSpan[];
  /** The `db.client.operation.duration` points collected now (cumulative). */
  durationPoints(): Promise<DataPoint<Histogram>[]>;
  /** The histogram's metric data (unit, description) as collected now. */
  durationMetric(): Promise<HistogramMetricData | undefined>;
  shutdown(): Promise<void>;
}

let contextManager: AsyncLocalStorageContextManager | undefined;

/** Makes the SDK for one test file (and the global context manager, once per process). */
export function testSdk(): TestSdk {
  if (contextManager === undefined) {
    contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
  }
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const durationMetric = async () => {
    const { resourceMetrics } = await reader.collect();
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) if (metric.descriptor.name === 'db.client.operation.duration') return metric as HistogramMetricData;
    }
    return undefined;
  };
  return {
    tracerProvider,
    meterProvider,
    exporter,
    spans: () => exporter.getFinishedSpans(),
    durationMetric,
    durationPoints: async () => (await durationMetric())?.dataPoints ?? [],
    shutdown: async () => {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

/** Points whose attributes include `subset`. */
export function pointsWith(points: readonly DataPoint<Histogram>[], subset: Attributes): DataPoint<Histogram>[] {
  return points.filter((point) => Object.entries(subset).every(([key, value]) => point.attributes[key] === value));
}
