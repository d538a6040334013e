// withConnection's scopes: a default connection and/or keyspace carried by AsyncLocalStorage,
// so concurrent requests each see their own and nested scopes merge field by field.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ConfigurationError } from './errors/configuration-error';
import { assertIdentifier } from './identifiers';

/** The defaults a `withConnection` scope sets. */
export interface ConnectionScope {
  connection?: string;
  keyspace?: string;
}

/** What `withConnection` takes: a connection name, or a connection and/or keyspace. */
export type ScopeInput = string | ConnectionScope;

/** The scope stack of one registry. */
export class ScopeStore {
  readonly #storage = new AsyncLocalStorage<Readonly<ConnectionScope>>();

  /** The innermost scope in effect here, merged with the ones around it. */
  current(): Readonly<ConnectionScope> | undefined {
    return this.#storage.getStore();
  }

  /** Runs `fn` with `input` layered over the current scope (the innermost value wins). */
  run<T>(input: ScopeInput, fn: () => Promise<T>): Promise<T> {
    const scope = normalizeScope(input);
    const outer = this.current();
    // Field-wise merge: a keyspace-only scope inside a connection scope keeps that connection.
    const merged: ConnectionScope = { ...outer };
    if (scope.connection !== undefined) merged.connection = scope.connection;
    if (scope.keyspace !== undefined) merged.keyspace = scope.keyspace;
    // An async wrapper turns a synchronous throw in fn into a rejection, like any async API.
    return this.#storage.run(Object.freeze(merged), async () => fn());
  }
}

function normalizeScope(input: ScopeInput): ConnectionScope {
  if (typeof input === 'string') return { connection: checkConnectionName(input) };
  if (typeof input !== 'object' || input === null) {
    throw new ConfigurationError(
      'withConnection needs a connection name or { connection?, keyspace? } as its first argument.',
    );
  }
  const unknown = Object.keys(input).filter((key) => key !== 'connection' && key !== 'keyspace');
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `Unknown withConnection option(s) ${unknown.join(', ')}: only connection and keyspace are allowed.`,
    );
  }
  const scope: ConnectionScope = {};
  if (input.connection !== undefined) scope.connection = checkConnectionName(input.connection);
  if (input.keyspace !== undefined) {
    assertIdentifier(input.keyspace, 'keyspace');
    scope.keyspace = input.keyspace;
  }
  return scope;
}

function checkConnectionName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ConfigurationError('A connection name must be a non-empty string.');
  }
  return name;
}
