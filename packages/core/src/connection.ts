// One named connection: a driver client (created by the registry or given by the caller), its
// default keyspace and consistency, lazy connect-once, prepared execution with wrapped errors, and
// a drained shutdown (statements in flight finish, bounded by a drain timeout, before it closes).
import { inspect } from 'node:util';
import { errors as driverErrors, type Client, type QueryOptions, type types } from 'cassandra-driver';
import { describeValue, escapeInput } from './describe-value';
import { CassiaError } from './errors/cassia-error';
import { ConfigurationError } from './errors/configuration-error';
import { ConnectionError } from './errors/connection-error';
import { ExecutionError } from './errors/execution-error';
import { QueryBuildError } from './errors/query-build-error';
import { WriteOutcomeUnknownError } from './errors/write-outcome-unknown-error';
import { DEFAULT_DRAIN_TIMEOUT_MS } from './connection-options';
import { toQueryOptions, type BatchOptions, type BatchStatement, type ExecuteOptions } from './execute-options';
import { ownValue } from './own-properties';
import type { EventHub } from './registry-events';
import { describeDriverError, isValueError, statementErrorCodeOfEveryHost, withholdEncodedValue } from './driver-error-text';
import type { StatementInfo } from './middleware';
import { RawStatementCall, rawInfo } from './raw-statement-call';
import { watchRepreparation } from './reprepare-watch';
import { redactSecrets } from './secrets';
import { describeTlsFailure } from './tls-failure';
import { isSharedStatementOptions } from './shared-statement-options';
import { isIdempotentSafety, type StatementSafety } from './statement-safety';
import { withCallOptions } from './statement-call-options';
import { outcomeOf, runBatchMiddleware, runMiddleware, StatementPipeline } from './statement-pipeline';
import { isUnretriableWrite, leavesWriteOutcomeUnknown, writeOutcomeUnknownMessage } from './write-outcome';

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
  /** Milliseconds `shutdown()` waits for statements in flight (default DEFAULT_DRAIN_TIMEOUT_MS). */
  drainTimeout?: number;
  /** The registry's middleware (default: none, for a connection made alone). */
  pipeline?: StatementPipeline;
}

/** `'open'`, then `'draining'` once shut down while statements are in flight or held, then `'closed'`. */
export type ConnectionState = 'open' | 'draining' | 'closed';

/** Why a connection was shut down; error messages about it say so. */
export type ConnectionCloseReason = 'replaced' | 'unregistered' | 'shutdown';

/** Options of `Connection.shutdown`. */
export interface ConnectionShutdownOptions {
  /** Milliseconds to wait for statements in flight and holds (default: the connection's drain timeout). */
  drainTimeout?: number;
  /** Why it is shut down, for the messages of statements that reach it afterwards. */
  reason?: ConnectionCloseReason;
}

/** A claim on a connection that keeps it draining, not closed, until released (see `Connection.hold`). */
export interface ConnectionHold {
  /** Ends the claim; calling it again does nothing. */
  release(): void;
}

// CQL in messages is cut so one huge statement does not bury the reason.
const MAX_CQL_IN_MESSAGE = 300;
// Driver and server text in messages is cut too: a server message may quote a long name.
const MAX_REASON_IN_MESSAGE = 1000;

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
  readonly #pipeline: StatementPipeline;
  // Stops turning the driver's re-prepare log lines into events (see reprepare-watch.ts).
  readonly #stopRepreparationWatch: () => void;
  // The name as messages show it (quoted, cut, escaped), made once.
  readonly #label: string;
  #connecting: Promise<Client> | undefined;
  // Set once connected: statements then call the client directly instead of awaiting a promise.
  #connected: Client | undefined;
  // Driver options per frozen statement options and inferred idempotence (slot 0: none inferred,
  // 1: idempotent, 2: not): builders share their options across every statement they run, and
  // the driver only reads them, so each pair is translated once.
  readonly #queryOptions = new WeakMap<ExecuteOptions, (QueryOptions | undefined)[]>();
  // The last pair looked up: most statements carry the same (empty) builder options.
  #lastOptions: ExecuteOptions | undefined;
  #lastSafety: StatementSafety | undefined;
  #lastQueryOptions: QueryOptions | undefined;
  readonly #drainTimeout: number;
  #state: ConnectionState = 'open';
  #closeReason: ConnectionCloseReason | undefined;
  #closing: Promise<void> | undefined;
  // Statements started and not yet settled, and holds not yet released: shutdown waits for both.
  #inFlight = 0;
  #holds = 0;
  // Set while shutdown waits for the two counts above to reach zero.
  #whenIdle: (() => void) | undefined;
  // Set when the drain timeout ran out: statements still in flight were cut off, not answered.
  #cutOff = false;

  /** @internal A registry makes connections (`registerConnection`); users get them from it. */
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
    this.#pipeline = init.pipeline ?? new StatementPipeline();
    this.#stopRepreparationWatch = init.events === undefined ? () => undefined : watchRepreparation(init.client, init.name, init.events);
    this.#label = describeValue(init.name);
    this.#drainTimeout = init.drainTimeout ?? DEFAULT_DRAIN_TIMEOUT_MS;
  }

  /** @internal The registry's middleware, which the query builders run around their statements. */
  get pipeline(): StatementPipeline {
    return this.#pipeline;
  }

  /** Whether it has closed (after `shutdown()` and its drain): it runs no more statements. */
  get closed(): boolean {
    return this.#state === 'closed';
  }

  /** `'open'`, `'draining'` (shut down; statements in flight or held finish) or `'closed'`. */
  get state(): ConnectionState {
    return this.#state;
  }

  /**
   * Keeps this connection usable until `release()`: a shutdown (replace, unregister, registry
   * shutdown) drains instead of closing while holds remain, up to its drain timeout. For work of
   * several statements that must all run on one cluster, such as the pages of one read.
   * ConnectionError if it has already closed.
   */
  hold(): ConnectionHold {
    if (this.#state === 'closed') throw this.#closedError();
    this.#holds += 1;
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.#holds -= 1;
        if (this.#holds === 0 && this.#inFlight === 0) this.#whenIdle?.();
      },
    };
  }

  /** The connected driver client; connects on first use, once even under concurrent calls. */
  getClient(): Promise<Client> {
    if (this.#state === 'closed') return Promise.reject(this.#closedError());
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
   *
   * @internal For the statement builders of @cassia/query.
   */
  execute<T>(cql: string, params: unknown[] | Record<string, unknown> | undefined, options: ExecuteOptions | undefined, map: (result: ResultSet) => T): Promise<T>;
  execute<T>(
    cql: string,
    params: unknown[] | Record<string, unknown> = [],
    options: ExecuteOptions = {},
    map?: (result: ResultSet) => T,
  ): Promise<T | ResultSet> {
    if (typeof cql !== 'string' || cql.length === 0) {
      return Promise.reject(new ConfigurationError(`execute needs CQL text (a non-empty string), got ${describeValue(cql)}.`));
    }
    if (typeof options !== 'object' || options === null) {
      return Promise.reject(new ConfigurationError(`Statement options must be an object, got ${describeValue(options)}.`));
    }
    const keyspace = ownValue(options, 'keyspace') as string | undefined;
    if (!this.#pipeline.active) return this.run(cql, params, options, keyspace, map);
    // CQL given as text runs the registry-wide middleware as kind 'raw'.
    const call = new RawStatementCall(this, rawInfo(this, cql, options), options);
    let result: ResultSet | undefined;
    const sent = runMiddleware(this.#pipeline.chainFor(undefined), call, () =>
      this.run<ResultSet>(cql, params, withCallOptions(options, call.options), keyspace, undefined).then((received) => outcomeOf((result = received as ResultSet), false)),
    );
    return sent.then(() => (map === undefined ? result! : map(result!)));
  }

  /**
   * `execute` for statement builders: the keyspace a statement runs in (for query events) comes
   * apart from the options, so a builder's shared options object (SharedStatementOptions) is what
   * the driver options are cached by (no merged object to look up per statement). `safety` is
   * what the builder worked out about the statement: it sets the driver's `isIdempotent` (unless
   * the options name it) and makes a non-idempotent write that timed out a WriteOutcomeUnknownError.
   *
   * @internal For the statement builders of @cassia/query.
   */
  run<T>(
    cql: string,
    params: unknown[] | Record<string, unknown>,
    options: ExecuteOptions,
    keyspace: string | undefined,
    map: ((result: ResultSet) => T) | undefined,
    safety?: StatementSafety,
  ): Promise<T | ResultSet> {
    // A promise chain rather than an async function: one promise fewer per statement, which is
    // most of what a statement costs the client beyond the driver's own work.
    const started = this.#startedAt();
    let running: Promise<ResultSet>;
    let queryOptions: QueryOptions | undefined;
    this.#inFlight += 1;
    try {
      const sent = (queryOptions = this.#queryOptionsFor(options, safety));
      const client = this.#connected;
      running = client !== undefined ? client.execute(cql, params, sent) : this.getClient().then((connected) => this.#sendAfterConnect(connected, cql, params, sent));
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.then(
      (result) => {
        this.#settled();
        if (started !== undefined) this.#report('execute', cql, 1, keyspace, started, undefined);
        return map === undefined ? result : map(result);
      },
      (error: unknown) => {
        this.#settled();
        const wrapped = this.#wrap(error, cql, isUnretriableWrite(safety, queryOptions?.isIdempotent) ? safety : undefined);
        this.#report('execute', cql, 1, keyspace, started, wrapped.code);
        throw wrapped;
      },
    );
  }

  // A statement that waited for the connect is not sent if the connection closed meanwhile.
  #sendAfterConnect(client: Client, cql: string, params: unknown[] | Record<string, unknown>, queryOptions: QueryOptions): Promise<ResultSet> {
    if (this.#state === 'closed') return Promise.reject(this.#closedError());
    return client.execute(cql, params, queryOptions);
  }

  #queryOptionsFor(options: ExecuteOptions, safety: StatementSafety | undefined): QueryOptions {
    if (options === this.#lastOptions && safety === this.#lastSafety) return this.#lastQueryOptions!;
    const inferred = safety === undefined ? undefined : isIdempotentSafety(safety);
    if (!isSharedStatementOptions(options)) return toQueryOptions(options, this.defaultConsistency, inferred);
    let translations = this.#queryOptions.get(options);
    if (translations === undefined) this.#queryOptions.set(options, (translations = []));
    const slot = inferred === undefined ? 0 : inferred ? 1 : 2;
    let queryOptions = translations[slot];
    if (queryOptions === undefined) translations[slot] = queryOptions = toQueryOptions(options, this.defaultConsistency, inferred);
    this.#lastOptions = options;
    this.#lastSafety = safety;
    this.#lastQueryOptions = queryOptions;
    return queryOptions;
  }

  /**
   * Runs statements as one protocol batch (logged unless told otherwise), prepared and bound. A
   * batch is not idempotent unless `options.isIdempotent` says so (or, for the query builders'
   * batches, `safety` does); one that timed out or lost its connection after it was sent then
   * fails with WriteOutcomeUnknownError.
   */
  batch(statements: readonly BatchStatement[], options: BatchOptions = {}, safety?: StatementSafety): Promise<ResultSet> {
    if (!this.#pipeline.active || !Array.isArray(statements) || statements.length === 0) return this.sendBatch(statements, options, safety);
    // A batch of CQL text: the registry-wide middleware run once for the batch, then once per statement (kind 'raw').
    const batchInfo = rawBatchInfo(this, statements, options);
    const batchCall = new RawStatementCall(this, batchInfo, options);
    const chain = this.#pipeline.chainFor(undefined);
    const members = (batchInfo.statements ?? []).map((info) => ({ chain, call: new RawStatementCall(this, info, {}) }));
    let result: ResultSet | undefined;
    return runBatchMiddleware(chain, batchCall, members, () =>
      this.sendBatch(statements, withCallOptions(options, batchCall.options), safety).then((received) => outcomeOf((result = received), false)),
    ).then(() => result!);
  }

  /**
   * `batch` without middleware: the query builders run their own (with what they know of each
   * statement) and then send through this.
   *
   * @internal For the batches of @cassia/query.
   */
  async sendBatch(statements: readonly BatchStatement[], options: BatchOptions = {}, safety?: StatementSafety): Promise<ResultSet> {
    const cql = statements.map((statement) => statement.query).join('\n');
    const started = this.#startedAt();
    let queryOptions: QueryOptions | undefined;
    this.#inFlight += 1;
    try {
      if (statements.length === 0) {
        throw new QueryBuildError('A batch needs at least one statement; add statements before running it.');
      }
      queryOptions = toQueryOptions(options, this.defaultConsistency, safety === undefined ? undefined : isIdempotentSafety(safety));
      const client = await this.getClient();
      if (this.#state === 'closed') throw this.#closedError();
      const queries = statements.map((statement) => ({ query: statement.query, params: statement.params }));
      const result = await client.batch(queries, queryOptions);
      this.#report('batch', cql, statements.length, options.keyspace, started, undefined);
      return result;
    } catch (error) {
      // Every batch writes: without a builder's word it is an ordinary (unconditional) write.
      const batchSafety = safety ?? 'non-idempotent-write';
      const wrapped = this.#wrap(error, cql, isUnretriableWrite(batchSafety, queryOptions?.isIdempotent) ? batchSafety : undefined);
      this.#report('batch', cql, statements.length, options.keyspace, started, wrapped.code);
      throw wrapped;
    } finally {
      this.#settled();
    }
  }

  /**
   * Drains, then closes: statements in flight (and holds) may finish for up to the drain timeout,
   * statements still running then fail with WriteOutcomeUnknownError, and the driver client is shut
   * down if this connection created it. Concurrent calls share one shutdown and resolve when it is done.
   */
  shutdown(options: ConnectionShutdownOptions = {}): Promise<void> {
    if (this.#closing === undefined) {
      this.#closeReason = options.reason;
      this.#closing = this.#drainAndClose(options.drainTimeout ?? this.#drainTimeout);
    }
    return this.#closing;
  }

  async #drainAndClose(drainTimeout: number): Promise<void> {
    this.#state = 'draining';
    // Only a client this connection shuts down can cut a statement off; a caller's keeps running it.
    if (this.#inFlight > 0 || this.#holds > 0) this.#cutOff = !(await this.#idle(drainTimeout)) && this.ownsClient;
    this.#state = 'closed';
    this.#connected = undefined;
    this.#stopRepreparationWatch();
    // A caller's client stays open: what still runs on it finishes there, as the caller's.
    if (!this.ownsClient) return;
    // The driver's shutdown ignores a connect still in progress, which would leak its sockets.
    if (this.#connecting !== undefined) await this.#connecting.catch(() => undefined);
    try {
      await this.#client.shutdown();
    } catch (error) {
      throw new ConnectionError(`Shutting down connection ${this.#label} failed: ${this.#describe(error)}`, {
        connection: this.name,
        cause: error,
      });
    }
  }

  // Resolves true when nothing is in flight or held any more, false when `timeout` ran out first.
  #idle(timeout: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#whenIdle = undefined;
        resolve(false);
      }, timeout);
      this.#whenIdle = () => {
        clearTimeout(timer);
        this.#whenIdle = undefined;
        resolve(true);
      };
    });
  }

  #settled(): void {
    this.#inFlight -= 1;
    if (this.#inFlight === 0 && this.#holds === 0) this.#whenIdle?.();
  }

  /** A safe description for logs: never the client's options (they may hold credentials). */
  toJSON(): { name: string; keyspace: string | undefined; ownsClient: boolean; state: ConnectionState } {
    return { name: this.name, keyspace: this.keyspace, ownsClient: this.ownsClient, state: this.#state };
  }

  [inspect.custom](): string {
    return `Connection ${inspect(this.toJSON())}`;
  }

  async #connect(): Promise<Client> {
    try {
      await this.#client.connect();
      if (this.#state !== 'closed') this.#connected = this.#client;
      return this.#client;
    } catch (error) {
      const tls = describeTlsFailure(error, this.#client);
      throw new ConnectionError(
        `Connecting ${this.#label} failed: ${tls === undefined ? '' : `${tls}. `}${this.#describe(error)}. Check the contact points, ` +
          `localDataCenter and credentials, and that the cluster is up` +
          (this.#retryConnect ? '; it will be tried again at the next use.' : '; register it again to retry, or use retryConnect.'),
        { connection: this.name, cause: error },
      );
    }
  }

  // `unretriable` is the safety of a write the driver was not allowed to retry (else undefined).
  #wrap(error: unknown, cql: string, unretriable?: StatementSafety): CassiaError {
    if (error instanceof CassiaError) return error;
    const shownCql = escapeInput(cql, MAX_CQL_IN_MESSAGE);
    const reason = this.#describe(error);
    if (unretriable !== undefined && !this.#cutOff && leavesWriteOutcomeUnknown(error)) {
      const conditional = unretriable === 'conditional-write';
      return new WriteOutcomeUnknownError(writeOutcomeUnknownMessage(this.#label, conditional, reason, shownCql), {
        connection: this.name,
        cql,
        conditional,
        cause: error,
      });
    }
    // After a cut-off the client was shut down under the statement; a server's own answer
    // (a ResponseError) still says what happened, anything else leaves the outcome unknown.
    if (this.#cutOff && !(error instanceof driverErrors.ResponseError)) {
      return new WriteOutcomeUnknownError(
        `A statement on connection ${this.#label} was cut off when its drain timeout ran out ` +
          `(${this.#closeReason ?? 'shutdown'}): the write may or may not have been applied. Read it back ` +
          `before retrying, retry only idempotent statements, or give the connection a longer drainTimeout. ` +
          `(${reason})`,
        { connection: this.name, cql, cause: error },
      );
    }
    if (error instanceof driverErrors.NoHostAvailableError) {
      const refusedCode = statementErrorCodeOfEveryHost(error);
      if (refusedCode !== undefined) {
        // Every host answered, and each refused the statement itself (a dropped table, a syntax
        // error): the cluster is reachable, so this is not a connection problem.
        return new ExecutionError(`Every host of connection ${this.#label} refused the statement: ${this.#describe(error)} (CQL: ${shownCql})`, {
          connection: this.name,
          cql,
          serverCode: refusedCode,
          cause: error,
        });
      }
      const tls = describeTlsFailure(error, this.#client, 'statement');
      return new ConnectionError(`No host of connection ${this.#label} could run the statement: ${tls === undefined ? '' : `${tls}. `}${this.#describe(error)}`, {
        connection: this.name,
        cause: error,
      });
    }
    if (isValueError(error)) withholdEncodedValue(error);
    const serverCode = error instanceof driverErrors.ResponseError ? error.code : undefined;
    return new ExecutionError(`Statement failed on connection ${this.#label}: ${this.#describe(error)} (CQL: ${shownCql})`, {
      connection: this.name,
      cql,
      serverCode,
      cause: error,
    });
  }

  #describe(error: unknown): string {
    return escapeInput(redactSecrets(describeDriverError(error), this.#secrets), MAX_REASON_IN_MESSAGE);
  }

  #closedError(): ConnectionError {
    const how =
      this.#closeReason === 'replaced'
        ? 'replaced by a new registration of the name'
        : this.#closeReason === 'unregistered'
          ? 'unregistered'
          : this.#closeReason === 'shutdown'
            ? 'closed by the registry shutdown()'
            : 'shut down';
    return new ConnectionError(
      `Connection ${this.#label} has been ${how}; get the current one with getConnection(${this.#label}) ` +
        `or register it again.`,
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

// The info of a batch of CQL text and of its statements (each linking back to it), all frozen.
function rawBatchInfo(connection: Connection, statements: readonly BatchStatement[], options: BatchOptions): StatementInfo {
  const batch = {
    kind: 'batch',
    operation: 'BATCH',
    connection: connection.name,
    keyspace: (ownValue(options, 'keyspace') as string | undefined) ?? connection.keyspace,
    table: undefined,
    model: undefined,
    columns: Object.freeze([]),
    cql: statements.map((statement) => String(ownValue(statement, 'query'))).join('\n'),
    conditional: false,
    page: undefined,
    batch: undefined,
    statements: undefined as readonly StatementInfo[] | undefined,
    tracing: ownValue(options, 'tracing') === true,
  } satisfies StatementInfo;
  batch.statements = Object.freeze(statements.map((statement) => rawInfo(connection, String(ownValue(statement, 'query')), options, batch)));
  return Object.freeze(batch);
}
