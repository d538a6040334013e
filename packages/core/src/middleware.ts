// The public types of the statement pipeline (middleware): what a middleware is given about a
// statement (StatementCall, StatementInfo), what it may change, and what it sees after the
// statement ran (StatementOutcome). Registration is `registry.use(...)`; the chain runner is in
// statement-pipeline.ts.
import type { Connection } from './connection';
import type { Consistency } from './consistency';

/**
 * What a statement is: a SELECT, INSERT, UPDATE or DELETE made by the query builders, a protocol
 * batch (`'batch'`), or CQL text given to `execute()` / `connection.execute()` (`'raw'`).
 */
export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'batch' | 'raw';

/**
 * The CQL verb of a statement, upper-case (`'SELECT'`, `'INSERT'`, `'UPDATE'`, `'DELETE'`,
 * `'BATCH'`); for raw CQL its first keyword (`'CREATE'`, `'ALTER'`, ...).
 */
export type StatementOperation = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'BATCH' | (string & {});

/**
 * A read-only description of one statement, frozen, without any value: names, the CQL text with
 * `?` markers, and flags. Safe to log and to put on a span.
 */
export interface StatementInfo {
  readonly kind: StatementKind;
  /** The CQL verb (see StatementOperation). */
  readonly operation: StatementOperation;
  /** The name of the connection it runs on. */
  readonly connection: string;
  /** The keyspace it runs in (for raw CQL: the `keyspace` option or the connection's, if any). */
  readonly keyspace: string | undefined;
  /** The table (database name); undefined for a batch and for raw CQL. */
  readonly table: string | undefined;
  /** The model's name (its table name); undefined for a batch and for raw CQL. */
  readonly model: string | undefined;
  /**
   * Database names of the columns it reads (a SELECT: those selected, every column for `*`) or
   * writes (INSERT: those inserted, UPDATE: those assigned, DELETE: those deleted, none for a
   * whole row); empty for a batch and for raw CQL.
   */
  readonly columns: readonly string[];
  /** The CQL text as it would be sent; values are bound to `?` markers, never in it. A batch's statements are joined by newlines. */
  readonly cql: string;
  /** Whether it is a lightweight transaction (IF ...); a batch is when any statement in it is. */
  readonly conditional: boolean;
  /** The 1-based page number of a paged read (`all()`, `for await`, `stream()`); undefined otherwise. */
  readonly page: number | undefined;
  /** For a statement inside a batch: the batch's info (not enumerable, so JSON.stringify of infos has no cycle). */
  readonly batch: StatementInfo | undefined;
  /** For a batch: its statements' infos, in order (statements added by middleware not included). */
  readonly statements: readonly StatementInfo[] | undefined;
  /** Whether server-side tracing was asked for (`.tracing()` on a query, `tracing: true` in options). */
  readonly tracing: boolean;
}

/**
 * The options a statement is sent with, which a middleware may change before `next()`; a value is
 * checked when the statement is sent (ConfigurationError), and `undefined` leaves the
 * connection's default.
 */
export interface StatementCallOptions {
  consistency: Consistency | undefined;
  serialConsistency: Consistency | undefined;
  /** Client-side timeout in milliseconds. */
  timeout: number | undefined;
  /** Whether the driver may retry it or send it speculatively (undefined: what Cassia worked out). */
  idempotent: boolean | undefined;
  /** Server-side tracing; the outcome then carries the trace id. */
  tracing: boolean | undefined;
}

/** The operators of an IF condition a middleware adds with `onlyIf`. */
export type ConditionOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A write statement that can join a batch: one made by @cassia/query (`query(M).createStatement(...)`, ...). */
export interface BatchableStatement {
  readonly kind: 'insert' | 'update' | 'delete';
  readonly model: object;
}

/**
 * One statement on its way to the database, as a middleware sees it. `info` describes it as it
 * stands (a change by `assign`/`onlyIf`/`ifNotExists` makes a new info); `options` may be changed
 * before `next()`. Values are reachable only through `row()`.
 */
export interface StatementCall {
  /** The statement's description (frozen; a new one after a change to the statement). */
  readonly info: StatementInfo;
  /** The options it is sent with; change them before `next()`. */
  readonly options: StatementCallOptions;
  /** The connection it runs on (for follow-up work such as reading a trace). */
  readonly connection: Connection;
  /**
   * The validated values an INSERT writes, or the key and plain `SET col = value` values of an
   * UPDATE, by property name; undefined for other statements. Built only when called.
   */
  row(): Readonly<Record<string, unknown>> | undefined;
  /**
   * Writes `column` (a property name of the model) with `value`, validated as the builders do
   * (ValidationError / QueryBuildError): an INSERT writes it, replacing a value given; an UPDATE
   * gets `SET column = ?`, replacing an assignment of it. MiddlewareError on other statements.
   */
  assign(column: string, value: unknown): void;
  /**
   * Adds the condition `IF column op value` to an UPDATE or DELETE (it replaces an IF EXISTS: the
   * condition implies the row exists). MiddlewareError on other statements.
   */
  onlyIf(column: string, op: ConditionOperator, value: unknown): void;
  /** Makes an INSERT `IF NOT EXISTS`. MiddlewareError on other statements. */
  ifNotExists(): void;
  /**
   * For a statement in a batch, or a batch: sends `statement` in the same protocol batch, after the
   * statements already in it. It runs no middleware of its own. MiddlewareError outside a batch.
   */
  add(statement: BatchableStatement): void;
}

/** What a statement's execution reported, without any value. */
export interface StatementOutcome {
  /** Rows returned (of this page, for a paged read). */
  readonly rows: number;
  /** For a lightweight transaction: whether it applied; undefined for other statements. */
  readonly applied: boolean | undefined;
  /** Whether the read has more pages. */
  readonly hasMorePages: boolean;
  /** The coordinator that answered (`host:port`), when the driver reports it. */
  readonly queriedHost: string | undefined;
  /** How many hosts were tried (1 when the first answered). */
  readonly triedHosts: number;
  /** Speculative executions the driver started. */
  readonly speculativeExecutions: number;
  /** The server-side trace id (hex uuid) when tracing was on. */
  readonly traceId: string | undefined;
}

/**
 * A statement middleware (Koa-like onion): code before `await next()` runs before the statement
 * is sent, code after it sees the outcome (or catches the error). Throwing before `next()` vetoes
 * the statement: nothing is sent and the caller gets the error (a non-Cassia error wrapped in a
 * MiddlewareError). It must call `next()` once, and return its outcome; a middleware cannot turn
 * a failed statement into a success.
 */
export type Middleware = (statement: StatementCall, next: () => Promise<StatementOutcome>) => Promise<StatementOutcome>;

/**
 * A middleware made for one model (`timestamps()`, `versioned()`): `use(Model, mm)` calls
 * `forModel(Model)`, which checks the model (a typed error when it cannot serve it) and returns
 * the middleware to register.
 */
export interface ModelMiddleware {
  forModel(model: object): Middleware;
}

/** Removes a middleware registered by `use`; calling it again does nothing. */
export type Unsubscribe = () => void;
