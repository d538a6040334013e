// Scenario 7: what @cassia/otel costs. Cassia's insert and primary-key select at concurrency 64
// without instrumentation, with it installed on the API alone (no SDK: every span is a no-op),
// and with an SDK that records every span (BatchSpanProcessor to an exporter that drops them),
// the duration histogram and the AsyncLocalStorage context manager. The three take turns in
// balanced slices per round as in the throughput scenario, the instrumentation installed for
// each slice and removed after it; each is divided by the uninstrumented run of its round.
import type { Unsubscribe } from '@cassia/core';
import { instrument } from '@cassia/otel';
import { query } from '@cassia/query';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider as SdkMeterProvider, InMemoryMetricExporter, AggregationTemporality, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { balancedOrder } from './balanced-order';
import type { BenchRow, BenchRowModel } from './bench-table';
import type { BenchConfig } from './config';
import { runFor, type Operation } from './load-loop';
import type { Progress } from './progress';
import { pairedRatio, summarize, type RatioSummary, type Summary } from './stats';
import { HEADLINE_CONCURRENCY, THROUGHPUT_OPERATIONS, type ThroughputOperation } from './throughput-scenario';

/** The three ways Cassia runs in this scenario. */
export const OBSERVABILITY_VARIANTS = ['off', 'apiOnly', 'sdk'] as const;
export type ObservabilityVariant = (typeof OBSERVABILITY_VARIANTS)[number];

/** Operations/s per variant, and each instrumented variant over `off`, per operation (paired per round). */
export interface ObservabilityResults {
  readonly concurrency: number;
  readonly opsPerSecond: Record<ThroughputOperation, Record<ObservabilityVariant, Summary>>;
  readonly clientCpuMicrosPerOp: Record<ThroughputOperation, Record<ObservabilityVariant, Summary>>;
  readonly ratios: Record<ThroughputOperation, { readonly apiOnlyVsOff: RatioSummary; readonly sdkVsOff: RatioSummary }>;
}

// Spans are made, batched and handed over as an exporter would get them, then dropped.
const droppingExporter: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => undefined,
};

/** Runs the scenario on the bench model (its connection registered, `rows` ids readable). */
export async function runObservability(model: BenchRowModel, rows: readonly BenchRow[], readable: number, config: BenchConfig, progress: Progress): Promise<ObservabilityResults> {
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(droppingExporter)] });
  const metricReader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.DELTA), exportIntervalMillis: 60_000 });
  const meterProvider = new SdkMeterProvider({ readers: [metricReader] });
  const installs: Record<ObservabilityVariant, () => Unsubscribe> = {
    off: () => () => undefined,
    // The API without an SDK: nothing in the bench registers global providers, so these are the API's no-ops.
    apiOnly: () => instrument(),
    // As NodeSDK sets an application up: spans recorded, and the context kept across awaits.
    sdk: () => {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      const uninstall = instrument(undefined, { tracerProvider, meterProvider });
      return () => {
        uninstall();
        context.disable();
      };
    },
  };
  const load = (operation: ThroughputOperation): Operation =>
    operation === 'insert' ? (i) => query(model).create(rows[i % rows.length]) : (i) => query(model).where({ id: (i * 7919) % readable }).get();
  const concurrency = config.throughput.concurrencies.includes(HEADLINE_CONCURRENCY) ? HEADLINE_CONCURRENCY : Math.max(...config.throughput.concurrencies);
  // The run's rounds (not the throughput scenario's doubled ones): three variants at the headline's slice count each.
  const { rounds } = config;
  const { sliceMs, settleMs, warmupMs } = config.throughput;
  const slices = config.throughput.headlineSlices;
  const ops = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  const key = (operation: string, variant: string) => `${operation}/${variant}`;
  try {
    for (const operation of THROUGHPUT_OPERATIONS) {
      for (const variant of OBSERVABILITY_VARIANTS) {
        const uninstall = installs[variant]();
        try {
          await runFor(load(operation), 16, warmupMs / 2);
        } finally {
          uninstall();
        }
      }
    }
    let order = 0;
    for (let round = 1; round <= rounds; round++) {
      for (const operation of THROUGHPUT_OPERATIONS) {
        const totals = new Map(OBSERVABILITY_VARIANTS.map((variant) => [variant, { operations: 0, elapsedMs: 0, cpuMicros: 0 }]));
        for (let slice = 0; slice < slices; slice++) {
          for (const variant of balancedOrder(OBSERVABILITY_VARIANTS, order++)) {
            const uninstall = installs[variant]();
            try {
              await runFor(load(operation), concurrency, settleMs);
              const result = await runFor(load(operation), concurrency, sliceMs);
              const total = totals.get(variant)!;
              total.operations += result.operations;
              total.elapsedMs += result.elapsedMs;
              total.cpuMicros += result.cpuMicrosPerOp * result.operations;
            } finally {
              uninstall();
            }
          }
        }
        const line: string[] = [];
        for (const [variant, total] of totals) {
          const opsPerSecond = (total.operations * 1000) / total.elapsedMs;
          ops.set(key(operation, variant), [...(ops.get(key(operation, variant)) ?? []), opsPerSecond]);
          cpu.set(key(operation, variant), [...(cpu.get(key(operation, variant)) ?? []), total.cpuMicros / total.operations]);
          line.push(`${variant} ${Math.round(opsPerSecond)}/s`);
        }
        progress(`observability round ${round}/${rounds} ${operation} c=${concurrency}: ${line.join(', ')}`);
      }
    }
  } finally {
    await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
  }
  const byVariant = (from: Map<string, number[]>, operation: ThroughputOperation) =>
    Object.fromEntries(OBSERVABILITY_VARIANTS.map((variant) => [variant, summarize(from.get(key(operation, variant)) ?? [])])) as Record<ObservabilityVariant, Summary>;
  const samplesOf = (operation: ThroughputOperation, variant: ObservabilityVariant) => ops.get(key(operation, variant)) ?? [];
  return {
    concurrency,
    opsPerSecond: { insert: byVariant(ops, 'insert'), select: byVariant(ops, 'select') },
    clientCpuMicrosPerOp: { insert: byVariant(cpu, 'insert'), select: byVariant(cpu, 'select') },
    ratios: {
      insert: { apiOnlyVsOff: pairedRatio(samplesOf('insert', 'apiOnly'), samplesOf('insert', 'off')), sdkVsOff: pairedRatio(samplesOf('insert', 'sdk'), samplesOf('insert', 'off')) },
      select: { apiOnlyVsOff: pairedRatio(samplesOf('select', 'apiOnly'), samplesOf('select', 'off')), sdkVsOff: pairedRatio(samplesOf('select', 'sdk'), samplesOf('select', 'off')) },
    },
  };
}
