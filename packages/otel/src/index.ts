/**
 * OpenTelemetry tracing and metrics for Cassia's statements, on `@opentelemetry/api` only (the SDK is the application's choice).
 *
 * @packageDocumentation
 * @module @cassia/otel
 */
export { cassiaInstrumentation, INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION, type CassiaInstrumentation } from './cassia-instrumentation';
export { instrument, type Uninstall } from './instrument';
export type { CassiaInstrumentationOptions } from './instrumentation-options';
