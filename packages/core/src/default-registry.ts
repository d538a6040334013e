// The shared registry behind the module-level functions (cqlengine's module-level connection API).
import type { Connection, ResultSet } from './connection';
import type { RegisterOptions } from './connection-options';
import type { ConnectionScope, ScopeInput } from './connection-scope';
import { ConnectionRegistry, type SetupOptions } from './connection-registry';
import type { ExecuteOptions } from './execute-options';
import type { Middleware, ModelMiddleware, Unsubscribe } from './middleware';
import type { CassiaEventListener } from './registry-events';
import type { ExplicitTarget, ResolvedTarget } from './target';

/** The registry the module-level functions use (drain timeout DEFAULT_DRAIN_TIMEOUT_MS unless a connection sets its own). */
export const defaultRegistry = new ConnectionRegistry();

/** Registers `'default'` and makes it the default connection. */
export function setup(options: SetupOptions): Promise<Connection> {
  return defaultRegistry.setup(options);
}

/** Registers a named connection in the default registry; calls on one name take effect in call order. */
export function registerConnection(name: string, options: RegisterOptions): Promise<Connection> {
  return defaultRegistry.registerConnection(name, options);
}

/** Unregisters a connection once its statements in flight have drained; resolves `false` for an unknown name. */
export function unregisterConnection(name: string): Promise<boolean> {
  return defaultRegistry.unregisterConnection(name);
}

/** Makes a registered connection the default. */
export function setDefaultConnection(name: string): void {
  defaultRegistry.setDefaultConnection(name);
}

/** The named connection, or the scope's/default one. */
export function getConnection(name?: string): Connection {
  return defaultRegistry.getConnection(name);
}

/** Names of all registered connections. */
export function listConnections(): string[] {
  return defaultRegistry.listConnections();
}

/** The default connection's name, if one is set. */
export function defaultConnectionName(): string | undefined {
  return defaultRegistry.defaultConnectionName();
}

/** Runs `fn` with a default connection and/or keyspace for everything it awaits. */
export function withConnection<T>(scope: ScopeInput, fn: () => Promise<T>): Promise<T> {
  return defaultRegistry.withConnection(scope, fn);
}

/** The withConnection scope in effect here, if any. */
export function currentScope(): Readonly<ConnectionScope> | undefined {
  return defaultRegistry.currentScope();
}

/** Resolves a statement's connection and keyspace in the default registry. */
export function resolve(explicit?: ExplicitTarget): ResolvedTarget {
  return defaultRegistry.resolve(explicit);
}

/** Resolves a connection (explicit → scope → default) in the default registry. */
export function resolveConnection(explicit?: string): Connection {
  return defaultRegistry.resolveConnection(explicit);
}

/** Runs raw CQL as a prepared statement on the given or default connection. */
export function execute(
  cql: string,
  params?: unknown[] | Record<string, unknown>,
  options?: ExecuteOptions & { connection?: string },
): Promise<ResultSet> {
  return defaultRegistry.execute(cql, params, options);
}

/** Drains and closes every connection, cancels registrations in flight, and leaves the default registry empty and usable. */
export function shutdown(): Promise<void> {
  return defaultRegistry.shutdown();
}

/** Subscribes to the default registry's events; returns unsubscribe. */
export function onEvent(listener: CassiaEventListener): () => void {
  return defaultRegistry.onEvent(listener);
}

/**
 * Registers a statement middleware in the default registry: for every statement, or (given a
 * model first) for that model's statements. Returns unsubscribe.
 */
export function use(middleware: Middleware): Unsubscribe;
export function use(model: object, middleware: Middleware | ModelMiddleware): Unsubscribe;
export function use(modelOrMiddleware: unknown, middleware?: Middleware | ModelMiddleware): Unsubscribe {
  if (arguments.length < 2) return defaultRegistry.use(modelOrMiddleware as Middleware);
  return defaultRegistry.use(modelOrMiddleware as object, middleware as Middleware | ModelMiddleware);
}
