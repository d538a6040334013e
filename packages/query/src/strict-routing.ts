// Strict scopes: inside one, a query statement that resolves to another connection or keyspace
// than the scope's is a MisroutedStatementError before anything is sent. The route rides in the
// registry's withConnection scope (core's StrictRouteScope), so a strict scope is one scope run;
// resolution checks it only while at least one strict scope runs anywhere (one branch otherwise).
import { ConfigurationError, MisroutedStatementError, type ConnectionRegistry, type ResolvedTarget } from '@cassia/core';
import { StrictRouteScope, assertIdentifier, checkConnectionName, defaultRegistry, describeValue, strictRouteOf, type StrictScopeRoute } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import type { QueryContext } from './query-context';

/** Where a strict scope routes statements. */
export interface StrictTarget {
  /** The connection; default: the one in effect where the scope starts (scope, else default). */
  connection?: string;
  keyspace: string;
}

/** Options of `withStrictScope` (and of a strict tenant scope). */
export interface StrictScopeOptions {
  /**
   * Models whose statements may run elsewhere: tables shared by every tenant (e.g. a plans table
   * in a global keyspace). Any other model that resolves elsewhere is refused.
   */
  allow?: readonly AnyModel[];
  /** The registry the scope's statements resolve in; default: @cassia/core's default registry. */
  registry?: ConnectionRegistry;
}

/** A strict scope's route, made once per scope (or once per tenant by a tenant scope). */
export interface StrictRoute extends StrictScopeRoute {
  readonly registry: ConnectionRegistry;
  /** Undefined when nothing is allowed elsewhere (the usual case: no set to look in). */
  readonly allow: ReadonlySet<AnyModel> | undefined;
  /** The withConnection scope that sets the route's connection and keyspace and carries the route. */
  readonly scope: StrictRouteScope;
}

/** How many strict scopes are running now (in any async context); resolution checks routes only while some are. */
export const strictScopes = { running: 0 };

/** Throws MisroutedStatementError when a strict scope is in effect here and `target` is not its route. */
export function checkStrictRoute(model: AnyModel, context: QueryContext, target: ResolvedTarget): void {
  // The statement's own registry's scope: a strict scope of another registry does not apply.
  const route = strictRouteOf(context.registry.currentScope());
  // The statement on its route first: the usual case, and the names are most often the very
  // strings the route holds (the scope passed them on), so each compare is one pointer test.
  if (route === undefined || (target.keyspace === route.keyspace && target.connection.name === route.connection)) return;
  if (route.allow?.has(model) === true) return;
  throw new MisroutedStatementError(model.table, route, { connection: target.connection.name, keyspace: target.keyspace });
}

/** A route for `connection` (a registered name, resolved by the caller) and `keyspace` (checked by the caller). */
export function strictRoute(registry: ConnectionRegistry, connection: string, keyspace: string, allow: ReadonlySet<AnyModel> | undefined): StrictRoute {
  const checked = Object.freeze({ connection, keyspace, allow: allow !== undefined && allow.size > 0 ? allow : undefined });
  return Object.freeze({ ...checked, registry, scope: new StrictRouteScope(checked) });
}

/** Runs `fn` on `route`: its withConnection scope, carrying the route every query statement in it is checked against. */
export async function runOnStrictRoute<T>(route: StrictRoute, fn: () => Promise<T>): Promise<T> {
  strictScopes.running++;
  try {
    return await route.registry.withConnection(route.scope, fn);
  } finally {
    strictScopes.running--;
  }
}

/**
 * Runs `fn` inside `withConnection({ connection, keyspace })` and refuses, with
 * MisroutedStatementError and before sending, any query or batch statement in it that resolves to
 * another connection or keyspace (a model with its own keyspace or connection, a `using()`
 * elsewhere, a nested scope) unless its model is listed in `allow`. Raw `execute()` text is not
 * checked (its CQL names its own keyspace).
 */
export async function withStrictScope<T>(target: StrictTarget, fn: () => Promise<T>, options: StrictScopeOptions = {}): Promise<T> {
  if (typeof target !== 'object' || target === null) {
    throw new ConfigurationError(`withStrictScope needs { connection?, keyspace } as its first argument, got ${describeValue(target)}.`);
  }
  const keyspace = Object.hasOwn(target, 'keyspace') ? target.keyspace : undefined;
  assertIdentifier(keyspace, 'keyspace');
  const givenConnection = Object.hasOwn(target, 'connection') ? target.connection : undefined;
  if (givenConnection !== undefined) checkConnectionName(givenConnection, 'withStrictScope');
  const registry = options.registry ?? defaultRegistry;
  const allowed = options.allow ?? [];
  if (!Array.isArray(allowed)) {
    throw new ConfigurationError(`Option allow of a strict scope must be a list of models, got ${describeValue(allowed)}.`);
  }
  // Fixed where the scope starts, so a later change of the default cannot move the route.
  const connection = registry.resolveConnection(givenConnection).name;
  return runOnStrictRoute(strictRoute(registry, connection, keyspace, new Set(allowed)), fn);
}
