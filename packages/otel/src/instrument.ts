// instrument(): the instrumentation made and registered on a registry in one call.
import { ConnectionRegistry, ConfigurationError, type Unsubscribe } from '@cassia/core';
import { defaultRegistry, describeValue } from '@cassia/core/internal';
import { cassiaInstrumentation } from './cassia-instrumentation';
import type { CassiaInstrumentationOptions } from './instrumentation-options';

/**
 * Traces and measures every statement of `registry` (default: the registry of the module-level
 * functions) until the returned function is called, which unregisters it.
 */
export function instrument(registry?: ConnectionRegistry, options?: CassiaInstrumentationOptions): Unsubscribe {
  if (registry !== undefined && !(registry instanceof ConnectionRegistry)) {
    throw new ConfigurationError(`instrument() takes a ConnectionRegistry (or undefined for the default one), got ${describeValue(registry)}.`);
  }
  return (registry ?? defaultRegistry).use(cassiaInstrumentation(options));
}
