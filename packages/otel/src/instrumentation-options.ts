// The options of cassiaInstrumentation() and instrument(), checked once when the instrumentation is made.
import { ConfigurationError } from '@cassia/core';
import { assertKnownOptions, describeValue, ownValue } from '@cassia/core/internal';
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';

/** How Cassia's statements are traced and measured. */
export interface CassiaInstrumentationOptions {
  /** Where spans go; default: the global tracer provider (`trace.getTracerProvider()`, what the SDK registers). */
  tracerProvider?: TracerProvider;
  /**
   * Where the duration histogram goes; default: the global meter provider, read when the
   * instrumentation is made (make it after the SDK has started).
   */
  meterProvider?: MeterProvider;
  /** Whether spans carry `db.query.text`, the CQL with `?` markers (never values); default true. */
  captureCql?: boolean;
}

/** The checked options. */
export interface ResolvedInstrumentationOptions {
  readonly tracerProvider: TracerProvider | undefined;
  readonly meterProvider: MeterProvider | undefined;
  readonly captureCql: boolean;
}

const KNOWN = new Set(['tracerProvider', 'meterProvider', 'captureCql']);

/** Checks the options by their own properties (ConfigurationError naming the key, never its value). */
export function resolveInstrumentationOptions(options: unknown, subject: string): ResolvedInstrumentationOptions {
  if (options === undefined) return { tracerProvider: undefined, meterProvider: undefined, captureCql: true };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError(`The options of ${subject} must be an object, got ${describeValue(options)}.`);
  }
  assertKnownOptions(options, KNOWN, subject);
  const tracerProvider = ownValue(options, 'tracerProvider');
  if (tracerProvider !== undefined && !hasMethod(tracerProvider, 'getTracer')) {
    throw new ConfigurationError(`tracerProvider of ${subject} must be an OpenTelemetry TracerProvider (with getTracer), got ${describeValue(tracerProvider)}.`);
  }
  const meterProvider = ownValue(options, 'meterProvider');
  if (meterProvider !== undefined && !hasMethod(meterProvider, 'getMeter')) {
    throw new ConfigurationError(`meterProvider of ${subject} must be an OpenTelemetry MeterProvider (with getMeter), got ${describeValue(meterProvider)}.`);
  }
  const captureCql = ownValue(options, 'captureCql');
  if (captureCql !== undefined && typeof captureCql !== 'boolean') {
    throw new ConfigurationError(`captureCql of ${subject} must be a boolean, got ${describeValue(captureCql)}.`);
  }
  return {
    tracerProvider: tracerProvider as TracerProvider | undefined,
    meterProvider: meterProvider as MeterProvider | undefined,
    captureCql: captureCql ?? true,
  };
}

function hasMethod(value: unknown, name: string): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as Record<string, unknown>)[name] === 'function';
}
