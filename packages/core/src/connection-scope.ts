// withConnection's scopes: a default connection and/or keyspace carried by AsyncLocalStorage,
// so concurrent requests each see their own and nested scopes merge field by field. A strict
// scope's route rides in the same store (one AsyncLocalStorage run per scope, strict or not).
import { AsyncLocalStorage } from 'node:async_hooks';
import { checkConnectionName } from './connection-name';
import { describeValue } from './describe-value';
import { ConfigurationError } from './errors/configuration-error';
import { assertIdentifier } from './identifiers';
import { assertKnownOptions } from './known-options';
import { emptyBag, ownValue } from './own-properties';
import type { ExplicitTarget } from './target';

/** The defaults a `withConnection` scope sets: a connection and/or keyspace, as an explicit target names them. */
export type ConnectionScope = ExplicitTarget;

/** What `withConnection` takes: a connection name, or a connection and/or keyspace. */
export type ScopeInput = string | ConnectionScope;

/**
 * A strict scope's route as the scope carries it: the one connection and keyspace its statements
 * may resolve to, and the models allowed elsewhere. @cassia/query's strict scopes make it and
 * check statements against it (`strictRouteOf`).
 */
export interface StrictScopeRoute {
  readonly connection: string;
  readonly keyspace: string;
  /** Models whose statements may run elsewhere; undefined when none may. */
  readonly allow: ReadonlySet<object> | undefined;
}

// What a store holds: the merged defaults and, inside a strict scope (nested scopes included),
// its route. The route is a non-enumerable property, so currentScope() shows the defaults only.
interface ScopeFrame extends ConnectionScope {
  readonly strictRoute?: StrictScopeRoute;
}

/**
 * A strict route's scope, made once per route and passed to `withConnection` as its scope: it
 * names both connection and keyspace, so it is the whole frame whatever scope is around it, and
 * entering it is one AsyncLocalStorage run with no checks (the names were checked for the route).
 */
export class StrictRouteScope implements ScopeFrame {
  readonly connection: string;
  readonly keyspace: string;
  declare readonly strictRoute: StrictScopeRoute;

  constructor(route: StrictScopeRoute) {
    this.connection = route.connection;
    this.keyspace = route.keyspace;
    Object.defineProperty(this, 'strictRoute', { value: route, enumerable: false });
    Object.freeze(this);
  }
}

/** The strict route of a scope `currentScope()` returned, if that scope is strict (or nested in a strict one). */
export function strictRouteOf(scope: Readonly<ConnectionScope> | undefined): StrictScopeRoute | undefined {
  // Every scope a store hands out is a ScopeFrame (the store's own type).
  return (scope as Readonly<ScopeFrame> | undefined)?.strictRoute;
}

/** The scope stack of one registry. */
export class ScopeStore {
  readonly #storage = new AsyncLocalStorage<Readonly<ScopeFrame>>();

  /** The innermost scope in effect here, merged with the ones around it. */
  current(): Readonly<ConnectionScope> | undefined {
    return this.#storage.getStore();
  }

  /**
   * Runs `fn` with `input` layered over the current scope (the innermost value wins). Always a
   * promise: a bad input or a synchronous throw in `fn` is a rejection, like any async API.
   */
  run<T>(input: ScopeInput, fn: () => Promise<T>): Promise<T> {
    try {
      return this.#storage.run(this.#frameOf(input, fn), callScoped<T>, fn);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  // The frame `input` makes inside the current one.
  #frameOf(input: ScopeInput, fn: unknown): Readonly<ScopeFrame> {
    if (input instanceof StrictRouteScope) {
      checkScopeFunction(fn);
      return input;
    }
    const scope = normalizeScope(input);
    checkScopeFunction(fn);
    const outer = this.#storage.getStore();
    // Field-wise merge: a keyspace-only scope inside a connection scope keeps that connection.
    // Inheriting nothing, so reading a field the scope lacks never reaches Object.prototype.
    const merged = emptyBag<ScopeFrame>();
    if (outer?.connection !== undefined) merged.connection = outer.connection;
    if (outer?.keyspace !== undefined) merged.keyspace = outer.keyspace;
    if (scope.connection !== undefined) merged.connection = scope.connection;
    if (scope.keyspace !== undefined) merged.keyspace = scope.keyspace;
    // A scope nested in a strict one stays strict: its statements are still checked against the route.
    const route = outer?.strictRoute;
    if (route !== undefined) Object.defineProperty(merged, 'strictRoute', { value: route, enumerable: false });
    return Object.freeze(merged);
  }
}

// fn's promise itself, not a wrapper's: every promise made inside a scope pays AsyncLocalStorage's hooks.
function callScoped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}

function checkScopeFunction(fn: unknown): void {
  if (typeof fn !== 'function') {
    throw new ConfigurationError(`withConnection needs a function as its second argument, got ${describeValue(fn)}.`);
  }
}

const SCOPE_KEYS: ReadonlySet<string> = new Set(['connection', 'keyspace']);

// Own properties only: `{ __proto__: { keyspace } }` or a polluted prototype sets nothing.
function normalizeScope(input: ScopeInput): ConnectionScope {
  const scope = emptyBag<ConnectionScope>();
  if (typeof input === 'string') {
    scope.connection = checkConnectionName(input);
    return scope;
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigurationError(
      `withConnection needs a connection name or { connection?, keyspace? } as its first argument, got ${describeValue(input)}.`,
    );
  }
  assertKnownOptions(input, SCOPE_KEYS, 'withConnection', 'only connection and keyspace are allowed');
  const connection = ownValue(input, 'connection');
  const keyspace = ownValue(input, 'keyspace');
  if (connection !== undefined) scope.connection = checkConnectionName(connection);
  if (keyspace !== undefined) {
    assertIdentifier(keyspace, 'keyspace');
    scope.keyspace = keyspace;
  }
  return scope;
}
