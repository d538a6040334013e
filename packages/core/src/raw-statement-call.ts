// The StatementCall of CQL given as text (`execute`, `connection.execute`, `connection.batch`):
// kind 'raw' (or 'batch'), options changeable, nothing of the statement itself.
import type { Connection } from './connection';
import { MiddlewareError } from './errors/middleware-error';
import type { ExecuteOptions } from './execute-options';
import type { StatementCall, StatementCallOptions, StatementInfo } from './middleware';
import { ownValue } from './own-properties';
import { callOptionsOf } from './statement-call-options';

const FIRST_KEYWORD = /^\s*([A-Za-z]+)/;

/** The CQL verb of raw text: its first keyword, upper-case ('RAW' when it has none). */
export function operationOf(cql: string): string {
  const match = FIRST_KEYWORD.exec(cql);
  return match === null ? 'RAW' : match[1].toUpperCase();
}

/**
 * A frozen info whose `batch` (the enclosing batch's info, which lists this one among its
 * `statements`) is read through a getter, not an own property, so JSON.stringify of either has no
 * cycle. (A non-enumerable own property, defined per info, costs V8 a slow object shape.)
 */
class FrozenStatementInfo {
  readonly #batch: StatementInfo | undefined;

  constructor(info: Omit<StatementInfo, 'batch'>, batch: StatementInfo | undefined) {
    Object.assign(this, info);
    this.#batch = batch;
    Object.freeze(this);
  }

  get batch(): StatementInfo | undefined {
    return this.#batch;
  }
}

/** Freezes `info` with `batch` as its back-reference to the enclosing batch's info. */
export function frozenInfo(info: Omit<StatementInfo, 'batch'>, batch: StatementInfo | undefined): StatementInfo {
  return new FrozenStatementInfo(info, batch) as unknown as StatementInfo;
}

/** A frozen info of raw CQL; `batch` links a batch's statement to the batch's info. */
export function rawInfo(connection: Connection, cql: string, options: ExecuteOptions, batch?: StatementInfo): StatementInfo {
  return frozenInfo({
    kind: 'raw',
    operation: operationOf(cql),
    connection: connection.name,
    keyspace: (ownValue(options, 'keyspace') as string | undefined) ?? connection.keyspace,
    table: undefined,
    model: undefined,
    columns: Object.freeze([]),
    cql,
    conditional: false,
    page: undefined,
    statements: undefined,
    tracing: ownValue(options, 'tracing') === true,
  }, batch);
}

/** The call of one raw statement or raw batch. */
export class RawStatementCall implements StatementCall {
  readonly info: StatementInfo;
  readonly options: StatementCallOptions;
  readonly connection: Connection;

  constructor(connection: Connection, info: StatementInfo, options: ExecuteOptions) {
    this.connection = connection;
    this.info = info;
    this.options = callOptionsOf(options);
  }

  row(): undefined {
    return undefined;
  }

  assign(): void {
    throw this.#notHere('assign()');
  }

  onlyIf(): void {
    throw this.#notHere('onlyIf()');
  }

  ifNotExists(): void {
    throw this.#notHere('ifNotExists()');
  }

  add(): void {
    throw new MiddlewareError('add() puts a statement into a batch of the query builders (batch() of @cassia/query); this is CQL given as text.');
  }

  #notHere(what: string): MiddlewareError {
    return new MiddlewareError(`${what} changes statements of the query builders; this is CQL given as text (${this.info.operation}).`);
  }
}
