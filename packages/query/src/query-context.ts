// Where a builder's statements run: the registry, the bind/withContext target and the
// using() target. The single resolution function is resolveTarget (resolve-target.ts).
// Every part of a context is a frozen object holding only what was given and inheriting nothing
// (own-properties.ts NOTHING_INHERITED): resolution's plain reads never find an inherited
// `connection` or `keyspace`.
import { ConfigurationError, type ConnectionRegistry, type ExplicitTarget } from '@cassia/core';
import { assertIdentifier, assertKnownOptions, checkConnectionName, defaultRegistry } from '@cassia/core/internal';
import { EMPTY_BAG, isOptionBag, NOTHING_INHERITED, ownValue } from './own-properties';

/** A connection and/or keyspace given explicitly (by bind, withContext or using): core's one target type. */
export type TargetOptions = ExplicitTarget;

/** Options of `query()`: the registry to resolve connections in (default: the module's registry). */
export interface QueryRootOptions {
  registry?: ConnectionRegistry;
}

/** Options of `bind()` and `withContext()`. */
export interface BindOptions extends TargetOptions, QueryRootOptions {}

/** The context a builder carries (frozen, inheriting nothing, like its parts). */
export interface QueryContext {
  readonly registry: ConnectionRegistry;
  /** From bind / withContext. */
  readonly bound: Readonly<TargetOptions>;
  /** From using(). */
  readonly using: Readonly<TargetOptions>;
}

// The keys using() accepts (one set for every call; bind and withContext add theirs).
const TARGET_KEYS: ReadonlySet<string> = new Set(['connection', 'keyspace']);

// The unbound context of each registry: `query(M)` makes one per operation, and a frozen context
// with nothing bound is the same value every time, so it is shared instead of rebuilt.
const unboundContexts = new WeakMap<ConnectionRegistry, QueryContext>();

/** A context for `query()`/`bind()` (frozen; shared by every unbound root of a registry). */
export function rootContext(registry: ConnectionRegistry | undefined, bound: TargetOptions): QueryContext {
  const target = registry ?? defaultRegistry;
  const connection = ownValue(bound, 'connection') as string | undefined;
  const keyspace = ownValue(bound, 'keyspace') as string | undefined;
  const unbound = connection === undefined && keyspace === undefined;
  if (unbound) {
    const shared = unboundContexts.get(target);
    if (shared !== undefined) return shared;
  }
  const context = makeContext(target, unbound ? EMPTY_BAG : targetBag(connection, keyspace), EMPTY_BAG);
  if (unbound) unboundContexts.set(target, context);
  return context;
}

/** A frozen context that inherits nothing. */
export function makeContext(registry: ConnectionRegistry, bound: Readonly<TargetOptions>, using: Readonly<TargetOptions>): QueryContext {
  const context = Object.create(NOTHING_INHERITED) as { registry: ConnectionRegistry; bound: Readonly<TargetOptions>; using: Readonly<TargetOptions> };
  context.registry = registry;
  context.bound = bound;
  context.using = using;
  return Object.freeze(context);
}

/** A frozen target holding only the values given, inheriting nothing. */
export function targetBag(connection: string | undefined, keyspace: string | undefined): Readonly<TargetOptions> {
  if (connection === undefined && keyspace === undefined) return EMPTY_BAG;
  const bag = Object.create(NOTHING_INHERITED) as TargetOptions;
  if (connection !== undefined) bag.connection = connection;
  if (keyspace !== undefined) bag.keyspace = keyspace;
  return Object.freeze(bag);
}

/**
 * Checks `{ connection?, keyspace?, ...allowed }`: unknown keys and bad values are a
 * ConfigurationError (cqlengine raised ValueError for an unknown keyword).
 */
export function checkTargetOptions(options: unknown, what: string, allowed: readonly string[] = []): Readonly<TargetOptions> {
  if (!isOptionBag(options)) {
    throw new ConfigurationError(`${what} needs an options object { connection?, keyspace? }.`);
  }
  assertKnownOptions(options, allowed.length === 0 ? TARGET_KEYS : new Set([...TARGET_KEYS, ...allowed]), what);
  const connection = ownValue(options, 'connection');
  const keyspace = ownValue(options, 'keyspace');
  if (connection !== undefined) checkConnectionName(connection, what);
  if (keyspace !== undefined) assertIdentifier(keyspace, 'keyspace');
  return targetBag(connection as string | undefined, keyspace as string | undefined);
}
