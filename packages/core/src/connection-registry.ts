// The registry of named connections: registration rules, the default connection, scopes, and
// the single place where a statement's connection and keyspace are resolved.
import { Client } from 'cassandra-driver';
import { Connection, type ResultSet } from './connection';
import { planConnection, type ConnectionOptions, type RegisterOptions, type RegistrationFlags } from './connection-options';
import { ScopeStore, type ConnectionScope, type ScopeInput } from './connection-scope';
import { ConfigurationError } from './errors/configuration-error';
import { ConnectionError } from './errors/connection-error';
import { ConnectionExistsError } from './errors/connection-exists-error';
import { NoDefaultConnectionError } from './errors/no-default-connection-error';
import { UndefinedKeyspaceError } from './errors/undefined-keyspace-error';
import { UnknownConnectionError } from './errors/unknown-connection-error';
import type { ExecuteOptions } from './execute-options';
import { assertIdentifier } from './identifiers';
import { EventHub, type CassiaEventListener } from './registry-events';

/** The name `setup` registers. */
export const SETUP_CONNECTION_NAME = 'default';

/** Options for `setup`: a connection with a keyspace, registered as `'default'` and made the default. */
export type SetupOptions = ConnectionOptions & { keyspace: string } & Pick<RegistrationFlags, 'replace'>;

/** Values a caller already has for a statement (batch → using → bind → model), any may be missing. */
export interface ExplicitTarget {
  connection?: string;
  keyspace?: string;
}

/** Where a statement runs (frozen: the registry hands out one per connection and keyspace). */
export interface ResolvedTarget {
  readonly connection: Connection;
  readonly keyspace: string;
}

/** A set of named connections with an optional default; the module functions use one shared instance. */
export class ConnectionRegistry {
  readonly #connections = new Map<string, Connection>();
  // Names with a registration in flight, so a concurrent duplicate fails instead of racing.
  readonly #pending = new Map<string, number>();
  readonly #scopes = new ScopeStore();
  readonly #events = new EventHub();
  #default: string | undefined;

  /** Registers `'default'` from contact points and a keyspace, and makes it the default (cqlengine's setup). */
  async setup(options: SetupOptions): Promise<Connection> {
    if (typeof options !== 'object' || options === null || options.keyspace === undefined) {
      throw new ConfigurationError(
        "setup needs { contactPoints, keyspace, ... }; use registerConnection for a connection without a keyspace.",
      );
    }
    return this.registerConnection(SETUP_CONNECTION_NAME, { ...options, default: true });
  }

  /** Registers a named connection; connects now unless `lazyConnect`. */
  async registerConnection(name: string, options: RegisterOptions): Promise<Connection> {
    checkName(name);
    const plan = planConnection(name, options);
    const replace = options.replace === true;
    if (!replace && (this.#connections.has(name) || this.#pending.has(name))) {
      throw new ConnectionExistsError(name);
    }
    const connection =
      plan.kind === 'provided'
        ? new Connection({ name, client: plan.client, ownsClient: false, keyspace: plan.keyspace, events: this.#events, allowSystemKeyspaces: plan.allowSystemKeyspaces })
        : new Connection({
            name,
            client: new Client(plan.clientOptions),
            ownsClient: true,
            keyspace: plan.keyspace,
            defaultConsistency: plan.consistency,
            retryConnect: plan.retryConnect,
            secrets: plan.secrets,
            events: this.#events,
            allowSystemKeyspaces: plan.allowSystemKeyspaces,
          });

    this.#pending.set(name, (this.#pending.get(name) ?? 0) + 1);
    try {
      // A caller's client is connected (or not) by the caller; the driver connects it at first use.
      if (plan.kind === 'owned' && !plan.lazyConnect) {
        try {
          await connection.getClient();
        } catch (error) {
          if (!plan.retryConnect) {
            await connection.shutdown().catch(() => undefined);
            throw error;
          }
          // retryConnect: registered anyway; getClient forgot the failure and retries at first use.
        }
      }
    } finally {
      const left = (this.#pending.get(name) ?? 1) - 1;
      if (left === 0) this.#pending.delete(name);
      else this.#pending.set(name, left);
    }

    const previous = this.#connections.get(name);
    if (previous !== undefined && !replace) {
      // Registered by someone else while we were connecting.
      await connection.shutdown().catch(() => undefined);
      throw new ConnectionExistsError(name);
    }
    this.#connections.set(name, connection);
    this.#events.emit({
      type: 'connection-registered',
      connection: name,
      ownsClient: connection.ownsClient,
      replaced: previous !== undefined,
    });
    if (options.default === true) this.#changeDefault(name);
    if (previous !== undefined) {
      // Only now, so the name is never missing from the registry while it is being replaced.
      // A failure to close the old client must not undo a registration that succeeded.
      await previous.shutdown().catch(() => undefined);
      this.#events.emit({
        type: 'connection-removed',
        connection: name,
        reason: 'replaced',
        clientShutDown: previous.ownsClient,
      });
    }
    return connection;
  }

  /** Removes a connection, shutting its client down if the registry created it; `false` if unknown. */
  async unregisterConnection(name: string): Promise<boolean> {
    const connection = this.#connections.get(name);
    if (connection === undefined) return false;
    this.#connections.delete(name);
    if (this.#default === name) this.#changeDefault(undefined);
    try {
      await connection.shutdown();
    } finally {
      this.#events.emit({
        type: 'connection-removed',
        connection: name,
        reason: 'unregistered',
        clientShutDown: connection.ownsClient,
      });
    }
    return true;
  }

  /** Makes a registered connection the default; UnknownConnectionError otherwise. */
  setDefaultConnection(name: string): void {
    this.#lookup(name);
    this.#changeDefault(name);
  }

  /** The named connection, or (no name) the current scope's or the default one. */
  getConnection(name?: string): Connection {
    return this.resolveConnection(name);
  }

  /** Names of the registered connections, in registration order. */
  listConnections(): string[] {
    return [...this.#connections.keys()];
  }

  /** The registry's default connection name (ignoring withConnection scopes), if any. */
  defaultConnectionName(): string | undefined {
    return this.#default;
  }

  /** Runs `fn` with a default connection and/or keyspace for everything it awaits. */
  async withConnection<T>(scope: ScopeInput, fn: () => Promise<T>): Promise<T> {
    return this.#scopes.run(scope, fn);
  }

  /** The withConnection scope in effect here (merged with enclosing scopes), if any. */
  currentScope(): Readonly<ConnectionScope> | undefined {
    return this.#scopes.current();
  }

  /** The connection for a statement: explicit → scope → default → NoDefaultConnectionError. */
  resolveConnection(explicit?: string): Connection {
    const name = explicit ?? this.#scopes.current()?.connection ?? this.#default;
    if (name === undefined) throw new NoDefaultConnectionError();
    return this.#lookup(name);
  }

  /** Connection and keyspace for a statement; keyspace: explicit → scope → connection's → UndefinedKeyspaceError. */
  resolve(explicit: ExplicitTarget = {}): ResolvedTarget {
    return this.resolveNames(explicit.connection, explicit.keyspace);
  }

  /** `resolve` for values a caller holds separately (no object to build on every statement). */
  resolveNames(connectionName: string | undefined, keyspaceName: string | undefined): ResolvedTarget {
    const connection = this.resolveConnection(connectionName);
    const keyspace = keyspaceName ?? this.#scopes.current()?.keyspace ?? connection.keyspace;
    if (keyspace === undefined) throw new UndefinedKeyspaceError(connection.name);
    return this.#target(connection, keyspace);
  }

  // One frozen target per (connection, keyspace): statements resolve on every run, and these
  // pairs are few. Forgotten with their connection (a WeakMap), so an unregistered one is not kept.
  // A keyspace is checked once, when its target is made.
  readonly #targets = new WeakMap<Connection, Map<string, ResolvedTarget>>();

  // The target resolved last: a program's statements mostly run on one target, and comparing two
  // references is cheaper than the two lookups. It can only match a connection just found in the
  // registry, so a removed connection's target is never handed out again.
  #lastTarget: ResolvedTarget | undefined;

  #target(connection: Connection, keyspace: string): ResolvedTarget {
    const last = this.#lastTarget;
    if (last !== undefined && last.connection === connection && last.keyspace === keyspace) return last;
    let byKeyspace = this.#targets.get(connection);
    if (byKeyspace === undefined) {
      byKeyspace = new Map();
      this.#targets.set(connection, byKeyspace);
    }
    let target = byKeyspace.get(keyspace);
    if (target === undefined) {
      assertIdentifier(keyspace, 'keyspace');
      target = Object.freeze({ connection, keyspace });
      byKeyspace.set(keyspace, target);
    }
    this.#lastTarget = target;
    return target;
  }

  /** Runs raw CQL (prepared, bound) on `options.connection` or the resolved default. */
  async execute(
    cql: string,
    params?: unknown[] | Record<string, unknown>,
    options: ExecuteOptions & { connection?: string } = {},
  ): Promise<ResultSet> {
    const { connection, ...executeOptions } = options;
    return this.resolveConnection(connection).execute(cql, params, executeOptions);
  }

  /** Shuts down every client the registry created and forgets all connections and the default. */
  async shutdown(): Promise<void> {
    const connections = [...this.#connections.values()];
    this.#connections.clear();
    if (this.#default !== undefined) this.#changeDefault(undefined);
    const outcomes = await Promise.allSettled(connections.map((connection) => connection.shutdown()));
    connections.forEach((connection) =>
      this.#events.emit({
        type: 'connection-removed',
        connection: connection.name,
        reason: 'shutdown',
        clientShutDown: connection.ownsClient,
      }),
    );
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    if (failures.length > 0) {
      const first = failures[0];
      throw first instanceof ConnectionError
        ? first
        : new ConnectionError('Shutting down the registry failed.', { connection: 'registry', cause: first });
    }
  }

  /** Subscribes to registry and query events (none are built while nobody listens); returns unsubscribe. */
  onEvent(listener: CassiaEventListener): () => void {
    return this.#events.on(listener);
  }

  #lookup(name: string): Connection {
    const connection = this.#connections.get(name);
    if (connection === undefined) throw new UnknownConnectionError(name, this.listConnections());
    return connection;
  }

  #changeDefault(name: string | undefined): void {
    const previous = this.#default;
    this.#default = name;
    if (previous !== name) this.#events.emit({ type: 'default-changed', connection: name, previous });
  }
}

function checkName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ConfigurationError('A connection name must be a non-empty string.');
  }
}
