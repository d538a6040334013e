// Where a builder's statements run: the registry, the bind/withContext target and the
// using() target. The single resolution function is resolveTarget (resolve-target.ts).
import { ConfigurationError, type ConnectionRegistry, type ExplicitTarget } from '@cassia/core';
import { assertIdentifier, assertKnownOptions, checkConnectionName, defaultRegistry } from '@cassia/core/internal';

/** A connection and/or keyspace given explicitly (by bind, withContext or using): core's one target type. */
export type TargetOptions = ExplicitTarget;

/** Options of `query()`: the registry to resolve connections in (default: the module's registry). */
export interface QueryRootOptions {
  registry?: ConnectionRegistry;
}

/** Options of `bind()` and `withContext()`. */
export interface BindOptions extends TargetOptions, QueryRootOptions {}

/** The context a builder carries (frozen). */
export interface QueryContext {
  readonly registry: ConnectionRegistry;
  /** From bind / withContext. */
  readonly bound: Readonly<TargetOptions>;
  /** From using(). */
  readonly using: Readonly<TargetOptions>;
}

// The unbound context of each registry: `query(M)` makes one per operation, and a frozen context
// with nothing bound is the same value every time, so it is shared instead of rebuilt.
const unboundContexts = new WeakMap<ConnectionRegistry, QueryContext>();

/** A context for `query()`/`bind()` (frozen; shared by every unbound root of a registry). */
export function rootContext(registry: ConnectionRegistry | undefined, bound: TargetOptions): QueryContext {
  const target = registry ?? defaultRegistry;
  const unbound = bound.connection === undefined && bound.keyspace === undefined;
  if (unbound) {
    const shared = unboundContexts.get(target);
    if (shared !== undefined) return shared;
  }
  const context: QueryContext = Object.freeze({ registry: target, bound: Object.freeze({ ...bound }), using: Object.freeze({}) });
  if (unbound) unboundContexts.set(target, context);
  return context;
}

/**
 * Checks `{ connection?, keyspace?, ...allowed }`: unknown keys and bad values are a
 * ConfigurationError (cqlengine raised ValueError for an unknown keyword).
 */
export function checkTargetOptions(options: unknown, what: string, allowed: readonly string[] = []): TargetOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError(`${what} needs an options object { connection?, keyspace? }.`);
  }
  assertKnownOptions(options, new Set(['connection', 'keyspace', ...allowed]), what);
  const { connection, keyspace } = options as TargetOptions;
  const target: TargetOptions = {};
  if (connection !== undefined) target.connection = checkConnectionName(connection, what);
  if (keyspace !== undefined) {
    assertIdentifier(keyspace, 'keyspace');
    target.keyspace = keyspace;
  }
  return target;
}
