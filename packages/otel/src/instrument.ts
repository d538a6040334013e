// instrument(): the instrumentation made and registered on a registry in one call.
import { ConnectionRegistry, ConfigurationError, type Unsubscribe } from '@cassia/core';
import { defaultRegistry, describeValue } from '@cassia/core/internal';
import { cassiaInstrumentation } from './cassia-instrumentation';
import type { CassiaInstrumentationOptions } from './instrumentation-options';

/** Removes the instrumentation `instrument()` registered; `flush()` waits for spans still reading their server trace. */
export interface Uninstall extends Unsubscribe {
  flush(): Promise<void>;
}

/**
 * Traces and measures every statement of `registry` (default: the registry of the module-level
 * functions) until the returned function is called, which unregisters it.
 */
export function instrument(registry?: ConnectionRegistry, options?: CassiaInstrumentationOptions): Uninstall {
  if (registry !== undefined && !(registry instanceof ConnectionRegistry)) {
    throw new ConfigurationError(`instrument() takes a ConnectionRegistry (or undefined for the default one), got ${describeValue(registry)}.`);
  }
  const instrumentation = cassiaInstrumentation(options);
  const unsubscribe = (registry ?? defaultRegistry).use(instrumentation);
  return Object.assign(() => unsubscribe(), { flush: () => instrumentation.flush() });
}
