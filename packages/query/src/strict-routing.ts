// Strict scopes: inside one, a query statement that resolves to another connection or keyspace
// than the scope's is a MisroutedStatementError before anything is sent. Resolution checks only
// while at least one strict scope runs anywhere in the process (one branch otherwise).
import { AsyncLocalStorage } from 'node:async_hooks';
import { ConfigurationError, MisroutedStatementError, type ConnectionRegistry, type ResolvedTarget } from '@cassia/core';
import { assertIdentifier, checkConnectionName, defaultRegistry, describeValue } from '@cassia/core/internal';
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

interface StrictRoute {
  readonly registry: ConnectionRegistry;
  readonly connection: string;
  readonly keyspace: string;
  readonly allow: ReadonlySet<AnyModel>;
}

const routes = new AsyncLocalStorage<StrictRoute>();

/** How many strict scopes are running now (in any async context); resolution checks routes only while some are. */
export const strictScopes = { running: 0 };

/** Throws MisroutedStatementError when a strict scope is in effect here and `target` is not its route. */
export function checkStrictRoute(model: AnyModel, context: QueryContext, target: ResolvedTarget): void {
  const route = routes.getStore();
  if (route === undefined || route.registry !== context.registry || route.allow.has(model)) return;
  if (target.keyspace === route.keyspace && target.connection.name === route.connection) return;
  throw new MisroutedStatementError(model.table, route, { connection: target.connection.name, keyspace: target.keyspace });
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
  const route: StrictRoute = Object.freeze({ registry, connection, keyspace, allow: new Set(allowed) });
  strictScopes.running++;
  try {
    return await registry.withConnection({ connection, keyspace }, () => routes.run(route, fn));
  } finally {
    strictScopes.running--;
  }
}
