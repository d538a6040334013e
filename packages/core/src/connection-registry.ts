// The registry of named connections: registration rules, the default connection, scopes, and
// the single place where a statement's connection and keyspace are resolved. Calls on a name (and
// on the default) take effect in call order; connections leave it drained (see Connection.shutdown).
import { Connection, type ConnectionCloseReason, type ResultSet } from './connection';
import {
  checkDrainTimeout,
  DEFAULT_DRAIN_TIMEOUT_MS,
  createDriverClient,
  planConnection,
  type CloudConnectionOptions,
  type ConnectionOptions,
  type RegisterOptions,
  type RegistrationFlags,
} from './connection-options';
import { checkConnectionName } from './connection-name';
import { PendingRegistrations, type PendingRegistration } from './pending-registrations';
import { ScopeStore, type ConnectionScope, type ScopeInput } from './connection-scope';
import { ConfigurationError } from './errors/configuration-error';
import { ConnectionError } from './errors/connection-error';
import { ConnectionExistsError } from './errors/connection-exists-error';
import { ConnectionSupersededError, type SupersededBy } from './errors/connection-superseded-error';
import { NoDefaultConnectionError } from './errors/no-default-connection-error';
import { RegistryShutDownError } from './errors/registry-shut-down-error';
import { UndefinedKeyspaceError } from './errors/undefined-keyspace-error';
import { UnknownConnectionError } from './errors/unknown-connection-error';
import type { ExecuteOptions } from './execute-options';
import { BoundedCache } from './bounded-cache';
import { assertIdentifier } from './identifiers';
import { copyOwnProperties, ownValue } from './own-properties';
import type { Middleware, ModelMiddleware, Unsubscribe } from './middleware';
import { EventHub, type CassiaEventListener } from './registry-events';
import { StatementPipeline } from './statement-pipeline';
import type { ExplicitTarget, ResolvedTarget } from './target';

/** Resolved targets a registry keeps per connection (each generation; see BoundedCache). */
export const TARGETS_PER_CONNECTION = 4_096;

/** The name `setup` registers. */
export const SETUP_CONNECTION_NAME = 'default';

/** Options for `setup`: a connection with a keyspace, registered as `'default'` and made the default. */
export type SetupOptions = (ConnectionOptions | CloudConnectionOptions) & { keyspace: string } & Pick<RegistrationFlags, 'replace'>;

/** Options of a `ConnectionRegistry`. */
export interface RegistryOptions {
  /**
   * Milliseconds a connection that is replaced, unregistered or shut down lets its statements in
   * flight finish before its client closes (default DEFAULT_DRAIN_TIMEOUT_MS); a connection's own
   * `drainTimeout` wins.
   */
  drainTimeout?: number;
}

/**
 * A set of named connections with an optional default; the module functions use one shared instance.
 * After `shutdown()` a registry is empty and usable again.
 */
export class ConnectionRegistry {
  readonly #connections = new Map<string, Connection>();
  // Registrations in flight per name, so a duplicate fails at once and later calls can overtake them.
  readonly #pending = new PendingRegistrations();
  // Connections draining or closing after they left (replace, unregister, shutdown), and the
  // settling of cancelled registrations: shutdown() resolves when all of them are done.
  readonly #closing = new Set<Promise<void>>();
  // The last removal per name still closing, so a concurrent unregister waits for it too.
  readonly #closingByName = new Map<string, Promise<void>>();
  readonly #scopes = new ScopeStore();
  readonly #events = new EventHub();
  readonly #pipeline = new StatementPipeline();
  readonly #drainTimeout: number;
  #default: string | undefined;
  // Every call that changes a name or the default takes the next ticket; a registration takes
  // effect only if no later call did, so calls take effect in call order whatever their connect time.
  #tickets = 0;
  // The ticket of the call that last set or cleared the default.
  #defaultTicket = 0;
  // Set by shutdown() until the next registration lands: error messages then mention the shutdown.
  #emptiedByShutdown = false;

  constructor(options: RegistryOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new ConfigurationError('ConnectionRegistry options must be an object such as { drainTimeout: 5000 }.');
    }
    this.#drainTimeout =
      options.drainTimeout === undefined ? DEFAULT_DRAIN_TIMEOUT_MS : checkDrainTimeout(options.drainTimeout, 'the registry');
  }

  /** Registers `'default'` from contact points and a keyspace, and makes it the default (cqlengine's setup). */
  async setup(options: SetupOptions): Promise<Connection> {
    if (typeof options !== 'object' || options === null || ownValue(options, 'keyspace') === undefined) {
      throw new ConfigurationError(
        "setup needs { contactPoints, keyspace, ... }; use registerConnection for a connection without a keyspace.",
      );
    }
    return this.registerConnection(SETUP_CONNECTION_NAME, { ...options, default: true });
  }

  /**
   * Registers a named connection; connects now unless `lazyConnect`. Calls on one name take effect
   * in call order: a registration overtaken while connecting by a later `replace` or unregister
   * rejects with ConnectionSupersededError (by `shutdown()`: RegistryShutDownError) and changes
   * nothing. A replaced connection drains before its client closes; this resolves once it has.
   */
  async registerConnection(name: string, options: RegisterOptions): Promise<Connection> {
    checkConnectionName(name);
    const plan = planConnection(name, options);
    const replace = plan.replace;
    if (!replace && (this.#connections.has(name) || this.#pending.isBeingRegistered(name))) {
      throw new ConnectionExistsError(name);
    }
    const ticket = ++this.#tickets;
    const drainTimeout = plan.drainTimeout ?? this.#drainTimeout;
    const connection =
      plan.kind === 'provided'
        ? new Connection({
            name,
            client: plan.client,
            ownsClient: false,
            keyspace: plan.keyspace,
            events: this.#events,
            pipeline: this.#pipeline,
            drainTimeout,
            allowSystemKeyspaces: plan.allowSystemKeyspaces,
          })
        : new Connection({
            name,
            client: createDriverClient(name, plan.clientOptions, plan.secrets),
            ownsClient: true,
            keyspace: plan.keyspace,
            defaultConsistency: plan.consistency,
            retryConnect: plan.retryConnect,
            secrets: plan.secrets,
            events: this.#events,
            pipeline: this.#pipeline,
            drainTimeout,
            allowSystemKeyspaces: plan.allowSystemKeyspaces,
          });

    let settle!: () => void;
    const pending: PendingRegistration = {
      ticket,
      connection,
      supersededBy: undefined,
      settled: new Promise<void>((resolve) => (settle = resolve)),
    };
    this.#pending.add(name, pending);
    try {
      try {
        // A caller's client is connected (or not) by the caller; the driver connects it at first use.
        if (plan.kind === 'owned' && !plan.lazyConnect) {
          try {
            await connection.getClient();
          } catch (error) {
            if (!plan.retryConnect && pending.supersededBy === undefined) {
              await connection.shutdown().catch(() => undefined);
              throw error;
            }
            // retryConnect: registered anyway; getClient forgot the failure and retries at first use.
          }
        }
      } finally {
        this.#pending.remove(name, pending);
      }
      if (pending.supersededBy !== undefined) {
        await connection.shutdown({ drainTimeout: 0 }).catch(() => undefined);
        if (pending.supersededBy === 'shutdown') throw new RegistryShutDownError(name);
        // Overtaken by a later registration of the name: a `default: true` still applies to the
        // name still registered (in call order it would have), unless a later call set the default.
        if (pending.supersededBy === 'registration' && plan.makeDefault && this.#connections.has(name)) {
          this.#claimDefault(name, ticket);
        }
        throw new ConnectionSupersededError(name, pending.supersededBy);
      }
      return await this.#land(name, connection, ticket, plan.makeDefault);
    } finally {
      settle();
    }
  }

  // Puts a connected registration in place: earlier registrations of the name still connecting
  // are superseded, and the connection it replaces drains and closes before this resolves.
  async #land(name: string, connection: Connection, ticket: number, makeDefault: boolean): Promise<Connection> {
    for (const earlier of this.#pending.of(name)) {
      if (earlier.ticket < ticket) this.#supersede(earlier, 'registration');
    }
    const previous = this.#connections.get(name);
    this.#connections.set(name, connection);
    this.#emptiedByShutdown = false;
    this.#events.emit({
      type: 'connection-registered',
      connection: name,
      ownsClient: connection.ownsClient,
      replaced: previous !== undefined,
    });
    if (makeDefault) this.#claimDefault(name, ticket);
    if (previous !== undefined) {
      // Only now, so the name is never missing from the registry while it is being replaced.
      // A failure to close the old client must not undo a registration that succeeded.
      await this.#retire(name, previous, 'replaced').catch(() => undefined);
      this.#events.emit({
        type: 'connection-removed',
        connection: name,
        reason: 'replaced',
        clientShutDown: previous.ownsClient,
      });
    }
    return connection;
  }

  /**
   * Removes a connection; new statements no longer reach it, those in flight finish (up to its
   * drain timeout), then its client is shut down if the registry created it. Registrations of the
   * name still connecting are superseded. Resolves once closed (also for a concurrent second call),
   * to whether a connection or a registration in flight was removed.
   */
  async unregisterConnection(name: string): Promise<boolean> {
    const ticket = ++this.#tickets;
    const cancelled = [...this.#pending.of(name)];
    for (const registration of cancelled) this.#supersede(registration, 'unregistration');
    const waits = cancelled.map((registration) => registration.settled);
    const connection = this.#connections.get(name);
    if (connection === undefined) {
      const closing = this.#closingByName.get(name);
      if (closing !== undefined) waits.push(closing.catch(() => undefined));
      await Promise.all(waits);
      return cancelled.length > 0;
    }
    this.#connections.delete(name);
    if (this.#default === name) {
      this.#defaultTicket = ticket;
      this.#changeDefault(undefined);
    }
    try {
      await Promise.all([this.#retire(name, connection, 'unregistered'), ...waits]);
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
    this.#defaultTicket = ++this.#tickets;
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
  withConnection<T>(scope: ScopeInput, fn: () => Promise<T>): Promise<T> {
    return this.#scopes.run(scope, fn);
  }

  /** The withConnection scope in effect here (merged with enclosing scopes), if any. */
  currentScope(): Readonly<ConnectionScope> | undefined {
    return this.#scopes.current();
  }

  /** The connection for a statement: explicit → scope → default → NoDefaultConnectionError. */
  resolveConnection(explicit?: string): Connection {
    const name = explicit ?? this.#scopes.current()?.connection ?? this.#default;
    if (name === undefined) throw new NoDefaultConnectionError(this.#emptiedByShutdown);
    return this.#lookup(name);
  }

  /** Connection and keyspace for a statement; keyspace: explicit → scope → connection's → UndefinedKeyspaceError. */
  resolve(explicit?: ExplicitTarget): ResolvedTarget {
    if (typeof explicit !== 'object' || explicit === null) return this.resolveNames(undefined, undefined);
    // Own properties only: an inherited `connection` or `keyspace` must not route a statement.
    return this.resolveNames(ownValue(explicit, 'connection') as string | undefined, ownValue(explicit, 'keyspace') as string | undefined);
  }

  /** `resolve` for values a caller holds separately (no object to build on every statement). */
  resolveNames(connectionName: string | undefined, keyspaceName: string | undefined): ResolvedTarget {
    const connection = this.resolveConnection(connectionName);
    const keyspace = keyspaceName ?? this.#scopes.current()?.keyspace ?? connection.keyspace;
    if (keyspace === undefined) throw new UndefinedKeyspaceError(connection.name);
    return this.#target(connection, keyspace);
  }

  // One frozen target per (connection, keyspace): statements resolve on every run. Forgotten with
  // their connection (a WeakMap), so an unregistered one is not kept; a fleet of keyspaces keeps at
  // most 2 × TARGETS_PER_CONNECTION per connection (BoundedCache). A keyspace is checked when its
  // target is made.
  readonly #targets = new WeakMap<Connection, BoundedCache<string, ResolvedTarget>>();

  // The target resolved last: a program's statements mostly run on one target, and comparing two
  // references is cheaper than the two lookups. It can only match a connection just found in the
  // registry, so a removed connection's target is never handed out again.
  #lastTarget: ResolvedTarget | undefined;

  #target(connection: Connection, keyspace: string): ResolvedTarget {
    const last = this.#lastTarget;
    if (last !== undefined && last.connection === connection && last.keyspace === keyspace) return last;
    let byKeyspace = this.#targets.get(connection);
    if (byKeyspace === undefined) {
      byKeyspace = new BoundedCache(TARGETS_PER_CONNECTION);
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
    if (typeof options !== 'object' || options === null) {
      throw new ConfigurationError('Options of execute must be an object such as { connection, consistency }.');
    }
    // Own properties only; `connection` is the registry's option, the rest are the statement's.
    const executeOptions = copyOwnProperties(options);
    delete executeOptions.connection;
    return this.resolveConnection(ownValue(options, 'connection') as string | undefined).execute(cql, params, executeOptions);
  }

  /**
   * Empties the registry: every connection drains and closes (clients the registry created are
   * shut down), registrations still connecting are cancelled (they reject with
   * RegistryShutDownError once their client is shut down), and the default is cleared. Resolves when
   * all of that is done, including closes begun earlier; a concurrent call resolves no sooner.
   * The registry can be used again afterwards.
   */
  async shutdown(): Promise<void> {
    const ticket = ++this.#tickets;
    const connections = [...this.#connections.values()];
    this.#connections.clear();
    if (this.#default !== undefined) this.#changeDefault(undefined);
    this.#defaultTicket = ticket;
    this.#emptiedByShutdown = true;
    for (const registration of [...this.#pending.all()]) this.#supersede(registration, 'shutdown');
    const closes = connections.map((connection) => this.#retire(connection.name, connection, 'shutdown'));
    const outcomes = await Promise.allSettled(closes);
    // Then whatever else is still closing: cancelled registrations, drains begun by earlier calls.
    while (this.#closing.size > 0) await Promise.all([...this.#closing]);
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

  /**
   * Registers a statement middleware for every statement run through this registry (queries,
   * batches, pages, raw `execute`), or (given a model first) for the statements of that model.
   * Registry-wide middleware wrap a model's, each in registration order. Returns unsubscribe.
   */
  use(middleware: Middleware): Unsubscribe;
  use(model: object, middleware: Middleware | ModelMiddleware): Unsubscribe;
  use(modelOrMiddleware: unknown, middleware?: Middleware | ModelMiddleware): Unsubscribe {
    if (arguments.length < 2) return this.#pipeline.use(modelOrMiddleware as Middleware);
    return this.#pipeline.useFor(modelOrMiddleware as object, middleware as Middleware | ModelMiddleware);
  }

  /** @internal The registry's middleware (its connections run them; so do the query builders). */
  get pipeline(): StatementPipeline {
    return this.#pipeline;
  }

  /** @internal How many resolved targets the registry holds for `connection` (for tests and diagnostics). */
  cachedTargetCount(connection: Connection): number {
    return this.#targets.get(connection)?.size ?? 0;
  }

  /** Subscribes to registry and query events (none are built while nobody listens); returns unsubscribe. */
  onEvent(listener: CassiaEventListener): () => void {
    return this.#events.on(listener);
  }

  #lookup(name: string): Connection {
    const connection = this.#connections.get(name);
    if (connection === undefined) throw new UnknownConnectionError(name, this.listConnections(), this.#emptiedByShutdown);
    return connection;
  }

  // Drains and closes a connection that left the registry, tracked until done (never rejects there).
  #retire(name: string, connection: Connection, reason: ConnectionCloseReason): Promise<void> {
    const closing = connection.shutdown({ reason });
    const tracked = closing.catch(() => undefined);
    this.#closing.add(tracked);
    this.#closingByName.set(name, tracked);
    void tracked.then(() => {
      this.#closing.delete(tracked);
      if (this.#closingByName.get(name) === tracked) this.#closingByName.delete(name);
    });
    return closing;
  }

  // Marks a registration in flight as overtaken; its client starts closing now (after its connect).
  #supersede(registration: PendingRegistration, by: SupersededBy | 'shutdown'): void {
    if (registration.supersededBy !== undefined) return;
    registration.supersededBy = by;
    const settled = registration.settled;
    this.#closing.add(settled);
    void settled.then(() => this.#closing.delete(settled));
    void registration.connection.shutdown({ drainTimeout: 0 }).catch(() => undefined);
  }

  // A `default: true` registration sets the default only if no call after it set or cleared one.
  #claimDefault(name: string, ticket: number): void {
    if (ticket < this.#defaultTicket) return;
    this.#defaultTicket = ticket;
    this.#changeDefault(name);
  }

  #changeDefault(name: string | undefined): void {
    const previous = this.#default;
    this.#default = name;
    if (previous !== name) this.#events.emit({ type: 'default-changed', connection: name, previous });
  }
}
