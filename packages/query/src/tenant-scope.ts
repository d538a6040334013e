// Tenant scopes: a tenant id → { connection, keyspace } resolver with a bounded, expiring cache,
// one lookup per tenant however many requests ask at once, and a (by default strict) scope to
// run a request's statements in.
import { ConfigurationError, UnknownTenantError, type ConnectionRegistry } from '@cassia/core';
import { BoundedCache, assertIdentifier, assertKnownOptions, checkConnectionName, defaultRegistry, describeValue, isIntegerInRange } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { runOnStrictRoute, strictRoute, type StrictRoute } from './strict-routing';

/** Where one tenant's statements run. */
export interface TenantTarget {
  readonly connection: string;
  readonly keyspace: string;
}

/**
 * Looks a tenant up: its connection and keyspace, or `undefined` when there is no such tenant
 * (the scope then throws UnknownTenantError). Called once per tenant per cache lifetime.
 */
export type TenantResolver = (tenant: string) => TenantTarget | undefined | Promise<TenantTarget | undefined>;

/** Options of `tenantScope`. */
export interface TenantScopeOptions {
  /** Most tenants whose targets are kept (least recently used ones go first); default 10,000. */
  maxTenants?: number;
  /** Milliseconds a resolved target is kept before the resolver is asked again; default 60,000 (0: not kept). */
  ttlMs?: number;
  /** Whether `run` refuses statements that resolve elsewhere (MisroutedStatementError); default true. */
  strict?: boolean;
  /** Models shared by every tenant, which may run elsewhere inside a strict scope. */
  allow?: readonly AnyModel[];
  /** The registry the tenants' connections are in; default: @cassia/core's default registry. */
  registry?: ConnectionRegistry;
}

/** Default of `TenantScopeOptions.maxTenants`. */
export const DEFAULT_MAX_TENANTS = 10_000;
/** Default of `TenantScopeOptions.ttlMs`. */
export const DEFAULT_TENANT_TTL_MS = 60_000;
// A tenant id is request input: long ones are refused before the resolver sees them.
const MAX_TENANT_ID_LENGTH = 256;
const OPTION_KEYS: ReadonlySet<string> = new Set(['maxTenants', 'ttlMs', 'strict', 'allow', 'registry']);

/** Resolves tenant ids and runs work in a tenant's scope. */
export interface TenantScope {
  /** The tenant's target: from the cache, else from the resolver (UnknownTenantError when it returns nothing). */
  resolve(tenant: string): Promise<TenantTarget>;
  /** Runs `fn` with the tenant's connection and keyspace as defaults (strict unless `strict: false`). */
  run<T>(tenant: string, fn: (target: TenantTarget) => Promise<T>): Promise<T>;
  /** Drops the cached target of one tenant (after moving or deleting it). */
  forget(tenant: string): void;
  /** Drops every cached target. */
  clear(): void;
  /** How many targets are cached (at most `maxTenants`). */
  readonly size: number;
}

interface CachedTarget {
  readonly target: TenantTarget;
  /** The strict route to this target, made once per lookup (undefined when the scope is not strict). */
  readonly route: StrictRoute | undefined;
  readonly expiresAt: number;
}

class TenantScopeImpl implements TenantScope {
  readonly #resolver: TenantResolver;
  readonly #ttlMs: number;
  readonly #strict: boolean;
  readonly #allow: ReadonlySet<AnyModel>;
  readonly #registry: ConnectionRegistry;
  // Two generations of maxTenants / 2 each (BoundedCache): at most maxTenants entries.
  readonly #cache: BoundedCache<string, CachedTarget>;
  // Lookups in progress, so concurrent requests for one tenant share one resolver call.
  readonly #pending = new Map<string, Promise<CachedTarget>>();

  constructor(resolver: TenantResolver, maxTenants: number, ttlMs: number, strict: boolean, allow: readonly AnyModel[], registry: ConnectionRegistry) {
    this.#resolver = resolver;
    this.#ttlMs = ttlMs;
    this.#strict = strict;
    this.#allow = new Set(allow);
    this.#registry = registry;
    this.#cache = new BoundedCache(Math.max(1, Math.floor(maxTenants / 2)));
  }

  resolve(tenant: string): Promise<TenantTarget> {
    checkTenantId(tenant);
    const cached = this.#fresh(tenant);
    return cached !== undefined ? Promise.resolve(cached.target) : this.#lookUpOnce(tenant).then((found) => found.target);
  }

  run<T>(tenant: string, fn: (target: TenantTarget) => Promise<T>): Promise<T> {
    try {
      checkTenantId(tenant);
      if (typeof fn !== 'function') {
        throw new ConfigurationError(`A tenant scope's run needs a function as its second argument, got ${describeValue(fn)}.`);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    // A cached tenant starts its scope at once, without waiting a turn for a resolved promise.
    const cached = this.#fresh(tenant);
    return cached !== undefined ? this.#runIn(cached, fn) : this.#lookUpOnce(tenant).then((found) => this.#runIn(found, fn));
  }

  #runIn<T>(found: CachedTarget, fn: (target: TenantTarget) => Promise<T>): Promise<T> {
    const { target, route } = found;
    return route !== undefined ? runOnStrictRoute(route, () => fn(target)) : this.#registry.withConnection(target, () => fn(target));
  }

  #fresh(tenant: string): CachedTarget | undefined {
    const cached = this.#cache.get(tenant);
    return cached !== undefined && cached.expiresAt > Date.now() ? cached : undefined;
  }

  #lookUpOnce(tenant: string): Promise<CachedTarget> {
    let pending = this.#pending.get(tenant);
    if (pending === undefined) {
      pending = this.#lookUp(tenant);
      this.#pending.set(tenant, pending);
      const done = (): void => {
        if (this.#pending.get(tenant) === pending) this.#pending.delete(tenant);
      };
      pending.then(done, done);
    }
    return pending;
  }

  forget(tenant: string): void {
    // A lookup in progress still lands: it is what the resolver says now.
    this.#cache.delete(tenant);
  }

  clear(): void {
    this.#cache.clear();
  }

  get size(): number {
    return this.#cache.size;
  }

  async #lookUp(tenant: string): Promise<CachedTarget> {
    const found = await this.#resolver(tenant);
    if (found === undefined || found === null) throw new UnknownTenantError(tenant);
    const target = checkTenantTarget(tenant, found);
    // An unregistered connection is refused now (UnknownConnectionError), not at the first statement.
    this.#registry.resolveConnection(target.connection);
    const route = this.#strict ? strictRoute(this.#registry, target.connection, target.keyspace, this.#allow) : undefined;
    const entry: CachedTarget = { target, route, expiresAt: Date.now() + this.#ttlMs };
    if (this.#ttlMs > 0) this.#cache.set(tenant, entry);
    return entry;
  }
}

function checkTenantId(tenant: unknown): asserts tenant is string {
  if (typeof tenant !== 'string' || tenant.length === 0 || tenant.length > MAX_TENANT_ID_LENGTH) {
    throw new ConfigurationError(`A tenant id must be a non-empty string of at most ${MAX_TENANT_ID_LENGTH} characters, got ${describeValue(tenant)}.`);
  }
}

// The resolver's answer, checked like any target before it routes a statement.
function checkTenantTarget(tenant: string, found: unknown): TenantTarget {
  if (typeof found !== 'object' || found === null) {
    throw new ConfigurationError(`The tenant resolver must return { connection, keyspace } or undefined for tenant ${describeValue(tenant)}, got ${describeValue(found)}.`);
  }
  const connection = Object.hasOwn(found, 'connection') ? (found as { connection: unknown }).connection : undefined;
  const keyspace = Object.hasOwn(found, 'keyspace') ? (found as { keyspace: unknown }).keyspace : undefined;
  checkConnectionName(connection, `the tenant resolver's answer for ${describeValue(tenant)}`);
  assertIdentifier(keyspace, 'keyspace');
  return Object.freeze({ connection: connection as string, keyspace });
}

/**
 * Makes a tenant scope: `resolve(tenant)` gives `{ connection, keyspace }` (cached: at most
 * `maxTenants` for `ttlMs`; one resolver call per tenant however many ask at once), and
 * `run(tenant, fn)` runs `fn` in that scope, strict by default. An unknown tenant is an UnknownTenantError.
 */
export function tenantScope(resolver: TenantResolver, options: TenantScopeOptions = {}): TenantScope {
  if (typeof resolver !== 'function') {
    throw new ConfigurationError(`tenantScope needs a resolver function (tenant id → { connection, keyspace } | undefined), got ${describeValue(resolver)}.`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(`Options of tenantScope must be an object such as { maxTenants: 10000, ttlMs: 60000 }.`);
  }
  assertKnownOptions(options, OPTION_KEYS, 'tenantScope');
  const maxTenants = options.maxTenants ?? DEFAULT_MAX_TENANTS;
  if (!isIntegerInRange(maxTenants, 1, 10_000_000)) {
    throw new ConfigurationError(`Option maxTenants of tenantScope must be an integer from 1 to 10000000, got ${describeValue(maxTenants)}.`);
  }
  const ttlMs = options.ttlMs ?? DEFAULT_TENANT_TTL_MS;
  if (!isIntegerInRange(ttlMs, 0, 2_147_483_647)) {
    throw new ConfigurationError(`Option ttlMs of tenantScope must be an integer number of milliseconds (0 or more), got ${describeValue(ttlMs)}.`);
  }
  const allow = options.allow ?? [];
  if (!Array.isArray(allow)) {
    throw new ConfigurationError(`Option allow of tenantScope must be a list of models, got ${describeValue(allow)}.`);
  }
  return new TenantScopeImpl(resolver, maxTenants, ttlMs, options.strict !== false, [...allow], options.registry ?? defaultRegistry);
}
