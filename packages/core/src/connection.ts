// One named connection: a driver client (created by the registry or given by the caller), its
// default keyspace and consistency, lazy connect-once, and prepared execution with wrapped errors.
import { inspect } from 'node:util';
import { errors as driverErrors, type Client, type QueryOptions, type types } from 'cassandra-driver';
import { CassiaError } from './errors/cassia-error';
import { ConnectionError } from './errors/connection-error';
import { ExecutionError } from './errors/execution-error';
import { QueryBuildError } from './errors/query-build-error';
import { toQueryOptions, type BatchOptions, type BatchStatement, type ExecuteOptions } from './execute-options';
import type { EventHub } from './registry-events';
import { redactSecrets } from './secrets';

/** The driver's result of a statement: rows, `pageState`, `info`, ... */
export type ResultSet = types.ResultSet;

/** What a Connection is made from; registries build these, tests may too. */
export interface ConnectionInit {
  name: string;
  client: Client;
  /** Whether this connection created the client and so shuts it down. */
  ownsClient: boolean;
  keyspace?: string;
  defaultConsistency?: types.consistencies;
  /** Forget a failed connect so the next use tries again. */
  retryConnect?: boolean;
  /** Strings that must never appear in a message (passwords). */
  secrets?: readonly string[];
  events?: EventHub;
  /** Let query statements run in Cassandra's system keyspaces (default false). */
  allowSystemKeyspaces?: boolean;
}

// CQL in messages is cut so one huge statement does not bury the reason.
const MAX_CQL_IN_MESSAGE = 300;

/** A named connection to one cluster. */
export class Connection {
  /** The name it is registered under. */
  readonly name: string;
  /** Default keyspace for statements resolved to this connection (may not exist yet). */
  readonly keyspace: string | undefined;
  /** Consistency used when a statement gives none. */
  readonly defaultConsistency: types.consistencies | undefined;
  /** Whether the registry created the driver client (and shuts it down). */
  readonly ownsClient: boolean;
  /** Whether query statements may run in Cassandra's system keyspaces (`allowSystemKeyspaces`). */
  readonly allowSystemKeyspaces: boolean;

  readonly #client: Client;
  readonly #retryConnect: boolean;
  readonly #secrets: readonly string[];
  readonly #events: EventHub | undefined;
  #connecting: Promise<Client> | undefined;
  // Set once connected: statements then call the client directly instead of awaiting a promise.
  #connected: Client | undefined;
  // Driver options per frozen statement options: builders share theirs across every statement
  // they run, and the driver only reads them, so they are translated once.
  readonly #queryOptions = new WeakMap<ExecuteOptions, QueryOptions>();
  // The last pair looked up: most statements carry the same (empty) builder options.
  #lastOptions: ExecuteOptions | undefined;
  #lastQueryOptions: QueryOptions | undefined;
  #closed = false;

  constructor(init: ConnectionInit) {
    this.name = init.name;
    this.keyspace = init.keyspace;
    this.defaultConsistency = init.defaultConsistency;
    this.ownsClient = init.ownsClient;
    this.allowSystemKeyspaces = init.allowSystemKeyspaces === true;
    this.#client = init.client;
    // A caller's client is the caller's to configure; retrying it costs nothing and matches the driver.
    this.#retryConnect = init.retryConnect ?? !init.ownsClient;
    this.#secrets = init.secrets ?? [];
    this.#events = init.events;
  }

  /** Whether `shutdown()` has been called (the connection no longer runs statements). */
  get closed(): boolean {
    return this.#closed;
  }

  /** The connected driver client; connects on first use, once even under concurrent calls. */
  getClient(): Promise<Client> {
    if (this.#closed) return Promise.reject(this.#closedError());
    if (this.#connecting === undefined) {
      // One shared promise: concurrent first uses wait on the same connect.
      const attempt = this.#connect();
      this.#connecting = attempt;
      // Registered before any caller's handler, so callers that see the failure retry afresh.
      attempt.catch(() => {
        if (this.#retryConnect && this.#connecting === attempt) this.#connecting = undefined;
      });
    }
    return this.#connecting;
  }

  /** Runs one statement, always prepared with bound values; driver errors are wrapped. */
  execute(cql: string, params?: unknown[] | Record<string, unknown>, options?: ExecuteOptions): Promise<ResultSet>;
  /**
   * Runs one statement and resolves to `map(result)`: callers that turn the result into something
   * else (rows, nothing) do it in this one promise instead of chaining another. An error `map`
   * throws rejects the call as it is (the statement itself succeeded).
   */
  execute<T>(cql: string, params: unknown[] | Record<string, unknown> | undefined, options: ExecuteOptions | undefined, map: (result: ResultSet) => T): Promise<T>;
  execute<T>(
    cql: string,
    params: unknown[] | Record<string, unknown> = [],
    options: ExecuteOptions = {},
    map?: (result: ResultSet) => T,
  ): Promise<T | ResultSet> {
    return this.run(cql, params, options, options.keyspace, map);
  }

  /**
   * `execute` for statement builders: the keyspace a statement runs in (for query events) comes
   * apart from the options, so a builder's frozen options object, shared by all its statements,
   * is what the driver options are cached by (no merged object to look up per statement).
   */
  run<T>(
    cql: string,
    params: unknown[] | Record<string, unknown>,
    options: ExecuteOptions,
    keyspace: string | undefined,
    map: ((result: ResultSet) => T) | undefined,
  ): Promise<T | ResultSet> {
    // A promise chain rather than an async function: one promise fewer per statement, which is
    // most of what a statement costs the client beyond the driver's own work.
    const started = this.#startedAt();
    let running: Promise<ResultSet>;
    try {
      const queryOptions = this.#queryOptionsFor(options);
      const client = this.#connected;
      running =
        client !== undefined ? client.execute(cql, params, queryOptions) : this.getClient().then((connected) => connected.execute(cql, params, queryOptions));
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.then(
      started === undefined
        ? map
        : (result) => {
            this.#report('execute', cql, 1, keyspace, started, undefined);
            return map === undefined ? result : map(result);
          },
      (error: unknown) => {
        const wrapped = this.#wrap(error, cql);
        this.#report('execute', cql, 1, keyspace, started, wrapped.code);
        throw wrapped;
      },
    );
  }

  #queryOptionsFor(options: ExecuteOptions): QueryOptions {
    if (options === this.#lastOptions) return this.#lastQueryOptions!;
    if (!Object.isFrozen(options)) return toQueryOptions(options, this.defaultConsistency);
    let queryOptions = this.#queryOptions.get(options);
    if (queryOptions === undefined) {
      queryOptions = toQueryOptions(options, this.defaultConsistency);
      this.#queryOptions.set(options, queryOptions);
    }
    this.#lastOptions = options;
    this.#lastQueryOptions = queryOptions;
    return queryOptions;
  }

  /** Runs statements as one protocol batch (logged unless told otherwise), prepared and bound. */
  async batch(statements: readonly BatchStatement[], options: BatchOptions = {}): Promise<ResultSet> {
    const cql = statements.map((statement) => statement.query).join('\n');
    const started = this.#startedAt();
    try {
      if (statements.length === 0) {
        throw new QueryBuildError('A batch needs at least one statement; add statements before running it.');
      }
      const queryOptions = toQueryOptions(options, this.defaultConsistency);
      const client = await this.getClient();
      const queries = statements.map((statement) => ({ query: statement.query, params: statement.params }));
      const result = await client.batch(queries, queryOptions);
      this.#report('batch', cql, statements.length, options.keyspace, started, undefined);
      return result;
    } catch (error) {
      const wrapped = this.#wrap(error, cql);
      this.#report('batch', cql, statements.length, options.keyspace, started, wrapped.code);
      throw wrapped;
    }
  }

  /** Stops running statements; shuts the driver client down only if this connection created it. */
  async shutdown(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#connected = undefined;
    if (!this.ownsClient) return;
    // The driver's shutdown ignores a connect still in progress, which would leak its sockets.
    if (this.#connecting !== undefined) await this.#connecting.catch(() => undefined);
    try {
      await this.#client.shutdown();
    } catch (error) {
      throw new ConnectionError(`Shutting down connection '${this.name}' failed: ${this.#describe(error)}`, {
        connection: this.name,
        cause: error,
      });
    }
  }

  /** A safe description for logs: never the client's options (they may hold credentials). */
  toJSON(): { name: string; keyspace: string | undefined; ownsClient: boolean; closed: boolean } {
    return { name: this.name, keyspace: this.keyspace, ownsClient: this.ownsClient, closed: this.#closed };
  }

  [inspect.custom](): string {
    return `Connection ${inspect(this.toJSON())}`;
  }

  async #connect(): Promise<Client> {
    try {
      await this.#client.connect();
      if (!this.#closed) this.#connected = this.#client;
      return this.#client;
    } catch (error) {
      throw new ConnectionError(
        `Connecting '${this.name}' failed: ${this.#describe(error)}. Check the contact points, ` +
          `localDataCenter and credentials, and that the cluster is up` +
          (this.#retryConnect ? '; it will be tried again at the next use.' : '; register it again to retry, or use retryConnect.'),
        { connection: this.name, cause: error },
      );
    }
  }

  #wrap(error: unknown, cql: string): CassiaError {
    if (error instanceof CassiaError) return error;
    const reason = this.#describe(error);
    if (error instanceof driverErrors.NoHostAvailableError) {
      return new ConnectionError(`No host of connection '${this.name}' could run the statement: ${reason}`, {
        connection: this.name,
        cause: error,
      });
    }
    const shownCql = cql.length > MAX_CQL_IN_MESSAGE ? `${cql.slice(0, MAX_CQL_IN_MESSAGE)}...` : cql;
    const serverCode = error instanceof driverErrors.ResponseError ? error.code : undefined;
    return new ExecutionError(`Statement failed on connection '${this.name}': ${reason} (CQL: ${shownCql})`, {
      connection: this.name,
      cql,
      serverCode,
      cause: error,
    });
  }

  #describe(error: unknown): string {
    return redactSecrets(describeDriverError(error), this.#secrets);
  }

  #closedError(): ConnectionError {
    return new ConnectionError(
      `Connection '${this.name}' has been shut down (unregistered or replaced); get the current one ` +
        `with getConnection('${this.name}') or register it again.`,
      { connection: this.name },
    );
  }

  // The clock is read only when someone listens for query events (it was a visible part of a
  // statement's client cost); a statement that started before the first listener is not reported.
  #startedAt(): number | undefined {
    return this.#events !== undefined && this.#events.active ? performance.now() : undefined;
  }

  #report(
    kind: 'execute' | 'batch',
    cql: string,
    statements: number,
    keyspace: string | undefined,
    started: number | undefined,
    errorCode: string | undefined,
  ): void {
    if (started === undefined || this.#events === undefined || !this.#events.active) return;
    this.#events.emit({
      type: 'query',
      kind,
      connection: this.name,
      keyspace,
      cql,
      statements,
      durationMs: performance.now() - started,
      errorCode,
    });
  }
}

/**
 * One readable line for a driver error. NoHostAvailableError's own message embeds a multi-line
 * dump of the first inner error object, so it is rebuilt from each host's error message instead.
 */
function describeDriverError(error: unknown): string {
  if (error instanceof driverErrors.NoHostAvailableError && error.innerErrors && typeof error.innerErrors === 'object') {
    const hosts = Object.entries(error.innerErrors as Record<string, unknown>).map(
      ([host, inner]) => `${host}: ${inner instanceof Error ? `${inner.name}: ${inner.message}` : String(inner)}`,
    );
    if (hosts.length > 0) return `all hosts tried failed (${hosts.join('; ')})`;
  }
  return error instanceof Error ? error.message : String(error);
}
