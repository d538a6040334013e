// withConnection's scopes: a default connection and/or keyspace carried by AsyncLocalStorage,
// so concurrent requests each see their own and nested scopes merge field by field.
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
    if (typeof fn !== 'function') {
      throw new ConfigurationError(`withConnection needs a function as its second argument, got ${describeValue(fn)}.`);
    }
    const outer = this.current();
    // Field-wise merge: a keyspace-only scope inside a connection scope keeps that connection.
    // Null-prototype, so reading a field the scope lacks never reaches Object.prototype.
    const merged = emptyBag<ConnectionScope>();
    if (outer?.connection !== undefined) merged.connection = outer.connection;
    if (outer?.keyspace !== undefined) merged.keyspace = outer.keyspace;
    if (scope.connection !== undefined) merged.connection = scope.connection;
    if (scope.keyspace !== undefined) merged.keyspace = scope.keyspace;
    // An async wrapper turns a synchronous throw in fn into a rejection, like any async API.
    return this.#storage.run(Object.freeze(merged), async () => fn());
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
