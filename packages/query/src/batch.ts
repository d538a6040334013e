// A batch (cqlengine's BatchQuery): write statements collected and sent as one protocol batch
// on one connection. Each statement is resolved when added, so a connection mix-up is reported
// at once and before anything is sent. Batch is the public surface; BatchImpl, which the package
// does not export, is what batch() makes.
import {
  BatchConnectionError, ConfigurationError, QueryBuildError, type BatchOptions as CoreBatchOptions,
  type Connection, type Consistency, type ResolvedTarget, type ResultSet, type StatementCallOptions, type StatementInfo,
} from '@cassia/core';
import { assertKnownOptions, checkConnectionName, isIdempotentSafety, isInt64Timestamp, callOptionsOf, outcomeOf, runBatchMiddleware, toConsistencyCode } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { textOf, type CompiledStatement, type RunnableStatement } from './compiler';
import { describeInput } from './describe-input';
import { assertApplied } from './executor';
import { BatchStatementCall } from './batch-statement-call';
import { QueryStatementCall } from './statement-call';
import { isOptionBag, ownCopy } from './own-properties';
import { checkConsistency, idempotenceFlag, timeoutMs } from './statement-limits';
import { WriteStatementImpl, type WriteStatement } from './write-statement';

/** The kind of protocol batch. */
export type BatchType = 'logged' | 'unlogged' | 'counter';

/** Options of `batch()`. */
export interface BatchOptions {
  /** Runs every statement on this connection; without it the first statement's connection is used. */
  connection?: string;
  /** `'logged'` (default), `'unlogged'` or `'counter'`. */
  type?: BatchType;
  /** Write timestamp of every statement, in microseconds since the epoch. */
  timestamp?: bigint | number;
  consistency?: Consistency;
  serialConsistency?: Consistency;
  /** Client-side timeout in milliseconds. */
  timeout?: number;
  /** Callback form only: run the batch even when the callback throws (cqlengine's execute_on_exception). */
  executeOnError?: boolean;
}

const OPTION_KEYS = new Set(['connection', 'type', 'timestamp', 'consistency', 'serialConsistency', 'timeout', 'executeOnError']);

interface QueuedStatement {
  readonly statement: WriteStatementImpl<AnyModel>;
  readonly connection: Connection;
  readonly keyspace: string;
  readonly target: ResolvedTarget;
  readonly compiled: RunnableStatement;
}

/**
 * Whether a batch of kind `K` takes counter writes: a counter batch only those, a logged or
 * unlogged one none; boolean when the kind is known only at run time (then add() checks).
 */
export type CounterWritesOf<K extends BatchType> = [K] extends ['counter'] ? true : 'counter' extends K ? boolean : false;

/** The kind of batch `batch(options)` makes: the literal `type` given, logged when none, any when unknown. */
export type BatchKindOf<O> = O extends { type: infer T extends BatchType } ? T : O extends { type?: undefined } ? 'logged' : BatchType;

/**
 * Statements run together on one connection; `add` them, then `execute()` once. `C` says which
 * statements its kind takes: counter writes (true, a counter batch), none (false, logged or
 * unlogged) or either (boolean, a kind known only at run time: add() checks).
 */
export interface Batch<C extends boolean = boolean> {
  /** The options it was made with (frozen, null-prototype: own properties of what was given). */
  readonly options: Readonly<BatchOptions>;
  /** The connection every statement runs on: the explicit one, or the first statement's. */
  readonly connectionName: string | undefined;
  /** Whether `execute()` has run (or is running). */
  readonly executed: boolean;
  /** How many statements are queued. */
  readonly size: number;
  /**
   * Adds a write statement (from `query(M).createStatement(...)`, `.updateStatement(...)`, ...);
   * BatchConnectionError when it cannot run on the batch's connection. Returns the batch.
   */
  add(statement: WriteStatement<AnyModel, C>): this;
  /**
   * Says whether the batch may be sent twice (retried, or sent speculatively), overriding what
   * Cassia works out: a batch is idempotent only when every statement in it is. Returns the batch.
   */
  idempotent(flag: boolean): this;
  /** Whether the batch may be sent twice: as `idempotent(flag)` said, else whether every statement may. */
  readonly isIdempotent: boolean;
  /** The queued statements' CQL and bound values, in order. */
  toCQL(): CompiledStatement[];
  /** Sends every statement as one batch; runs once. An empty batch sends nothing. */
  execute(): Promise<void>;
}

/** The Batch that batch() makes. */
export class BatchImpl implements Batch {
  readonly options: Readonly<BatchOptions>;
  readonly #queued: QueuedStatement[] = [];
  #state: 'open' | 'running' | 'done' = 'open';
  // `idempotent(flag)`, if called: overrides the statements' own idempotence.
  #idempotent: boolean | undefined;

  constructor(options: BatchOptions = {}) {
    this.options = Object.freeze(checkBatchOptions(options));
  }

  get connectionName(): string | undefined {
    return this.options.connection ?? this.#queued[0]?.connection.name;
  }

  get executed(): boolean {
    return this.#state !== 'open';
  }

  get size(): number {
    return this.#queued.length;
  }

  add(statement: WriteStatement<AnyModel>): this {
    if (this.#state !== 'open') {
      throw new QueryBuildError('This batch has already run; a batch runs once. Start a new batch() for more statements.');
    }
    this.#queued.push(this.#admit(statement, this.#queued[0]));
    return this;
  }

  // Checks that `statement` can run in this batch (on `first`'s connection, when there is a
  // first), resolves and compiles it.
  #admit(statement: unknown, first: QueuedStatement | undefined): QueuedStatement {
    // Only statements the builders made: the batch reads their context and compiles them.
    if (!(statement instanceof WriteStatementImpl)) {
      throw new QueryBuildError('batch.add() takes a write statement, e.g. query(M).where(...).updateStatement({...}).');
    }
    const explicit = this.options.connection;
    const named = statement.context.using.connection;
    if (explicit !== undefined && named !== undefined) {
      throw new BatchConnectionError(
        `A statement on "${statement.model.table}" names connection '${named}' with using(), but the batch runs ` +
          `on connection '${explicit}'. In a batch with a connection, leave the connection out of using().`,
      );
    }
    const target = statement.resolve(explicit);
    // Connections are compared as objects: the default is a connection like any other.
    if (first !== undefined && first.connection !== target.connection) {
      if (first.connection.name === target.connection.name) {
        throw new BatchConnectionError(
          `Connection '${first.connection.name}' was replaced (registered again) after this batch's first ` +
            `statement was added, so a statement on "${statement.model.table}" resolves to the new connection ` +
            `while the batch runs on the old one. Start the batch again so all its statements run on the new connection.`,
        );
      }
      throw new BatchConnectionError(
        `A statement on "${statement.model.table}" resolves to connection '${target.connection.name}', but this ` +
          `batch runs on '${first.connection.name}' (taken from its first statement). All statements of a batch ` +
          `run on one connection; give the batch a connection or split it.`,
      );
    }
    const counterBatch = this.options.type === 'counter';
    if (statement.isCounterWrite !== counterBatch) {
      throw new QueryBuildError(
        statement.isCounterWrite
          ? `Counter updates of "${statement.model.table}" need a counter batch: batch({ type: 'counter' }).`
          : `A counter batch only takes counter updates; "${statement.model.table}" ${statement.kind} is not one.`,
      );
    }
    return {
      statement,
      connection: target.connection,
      keyspace: target.keyspace,
      target,
      compiled: statement.compile(target.keyspace),
    };
  }

  idempotent(flag: boolean): this {
    if (this.#state !== 'open') throw new QueryBuildError('This batch has already run; idempotent() applies before execute().');
    this.#idempotent = idempotenceFlag(flag, 'batch idempotent()');
    return this;
  }

  get isIdempotent(): boolean {
    // A statement's own `.idempotent(flag)` counts as what it says.
    return this.#idempotent ?? this.#queued.every((queued) => queued.statement.options.isIdempotent ?? isIdempotentSafety(queued.compiled.safety));
  }

  toCQL(): CompiledStatement[] {
    return this.#queued.map((queued) => textOf(queued.compiled));
  }

  async execute(): Promise<void> {
    if (this.#state !== 'open') throw new QueryBuildError('This batch has already run; a batch runs once.');
    this.#state = 'running';
    try {
      const first = this.#queued[0];
      if (first === undefined) return;
      if (first.connection.pipeline.active) return await this.#executeThroughPipeline(first);
      await this.#send(first, this.#queued, this.#queued.map((queued) => queued.compiled), undefined);
    } finally {
      this.#state = 'done';
    }
  }

  // Sends `compiled` (the statements of `queued`, as middleware left them, then any they added)
  // as one protocol batch; LwtNotAppliedError when its conditions did not hold.
  async #send(first: QueuedStatement, queued: readonly QueuedStatement[], compiled: readonly RunnableStatement[], callOptions: StatementCallOptions | undefined): Promise<ResultSet> {
    const type = this.options.type ?? 'logged';
    // What middleware left of the batch's options (they start from the batch's own), else those.
    const given = callOptions ?? this.#callOptions();
    // Null-prototype: the connection reads these options by name, and an inherited one must not count.
    const options = Object.create(null) as CoreBatchOptions;
    options.logged = type === 'logged';
    options.counter = type === 'counter';
    options.keyspace = first.keyspace;
    if (this.options.timestamp !== undefined) options.timestamp = this.options.timestamp;
    if (given.consistency !== undefined) options.consistency = given.consistency;
    if (given.serialConsistency !== undefined) options.serialConsistency = given.serialConsistency;
    if (given.timeout !== undefined) options.timeout = given.timeout;
    if (given.tracing !== undefined) options.tracing = given.tracing;
    const conditional = compiled.findIndex((statement) => statement.safety === 'conditional-write');
    // A statement's own `.idempotent(flag)` counts as what it says.
    options.isIdempotent = given.idempotent ?? compiled.every((statement, i) => queued[i].statement.options.isIdempotent ?? isIdempotentSafety(statement.safety));
    const result = await first.connection.sendBatch(
      compiled.map((statement) => ({ query: statement.cql, params: [...statement.params] })),
      options,
      conditional >= 0 ? 'conditional-write' : options.isIdempotent === true ? 'idempotent-write' : 'non-idempotent-write',
    );
    // Conditional statements of a batch apply or fail together; Cassandra says so in one `[applied]`.
    if (conditional >= 0 && callOptions === undefined) assertApplied(result, queued[conditional].statement.model, 'batch');
    return result;
  }

  // The options a batch's middleware may change, as the batch was given them.
  #callOptions(): StatementCallOptions {
    return callOptionsOf({
      consistency: this.options.consistency,
      serialConsistency: this.options.serialConsistency,
      timeout: this.options.timeout,
      isIdempotent: this.#idempotent,
    });
  }

  // The batch's registry-wide middleware (kind 'batch') wrap each statement's (registry-wide and
  // its model's, in the order added), which wrap the one send; statements a middleware adds run none.
  async #executeThroughPipeline(first: QueuedStatement): Promise<void> {
    const pipeline = first.connection.pipeline;
    const added: QueuedStatement[] = [];
    const admission = { admit: (statement: unknown) => void added.push(this.#admit(statement, first)) };
    const batchInfo = {
      kind: 'batch',
      operation: 'BATCH',
      connection: first.connection.name,
      keyspace: first.keyspace,
      table: undefined,
      model: undefined,
      columns: Object.freeze([]) as readonly string[],
      cql: this.#queued.map((queued) => queued.compiled.cql).join('\n'),
      conditional: this.#queued.some((queued) => queued.compiled.safety === 'conditional-write'),
      page: undefined,
      batch: undefined,
      statements: undefined as readonly StatementInfo[] | undefined,
      tracing: false,
    } satisfies StatementInfo;
    const calls = this.#queued.map((queued) =>
      QueryStatementCall.write(queued.statement.model, queued.target, queued.statement.draft, queued.statement.options, batchInfo, admission),
    );
    batchInfo.statements = Object.freeze(calls.map((call) => call.info));
    Object.freeze(batchInfo);
    const batchCall = new BatchStatementCall(first.connection, batchInfo, this.#callOptions(), admission);
    const members = calls.map((call) => ({ chain: pipeline.chainFor(call.model), call }));
    let result: ResultSet | undefined;
    await runBatchMiddleware(pipeline.chainFor(undefined), batchCall, members, async () => {
      const compiled = [...calls.map((call) => call.compiled()), ...added.map((queued) => queued.compiled)];
      const queued = [...this.#queued, ...added];
      result = await this.#send(first, queued, compiled, batchCall.options);
      return outcomeOf(result, compiled.some((statement) => statement.safety === 'conditional-write'));
    });
    // Checked once every middleware has seen the outcome (a middleware may have made a statement conditional).
    const conditional = calls.find((call) => call.conditional)?.model ?? added.find((queued) => queued.statement.conditional)?.statement.model;
    if (conditional !== undefined) assertApplied(result!, conditional, 'batch');
  }
}

function checkBatchOptions(given: BatchOptions): BatchOptions {
  if (!isOptionBag(given)) {
    throw new ConfigurationError('batch() needs an options object.');
  }
  assertKnownOptions(given, OPTION_KEYS, 'batch()');
  // Checked on a null-prototype copy of the own properties: an inherited option is no option.
  const options = ownCopy(given);
  if (options.connection !== undefined) checkConnectionName(options.connection, 'batch()');
  if (options.type !== undefined && !['logged', 'unlogged', 'counter'].includes(options.type)) {
    throw new ConfigurationError(`batch(): type must be 'logged', 'unlogged' or 'counter', got ${describeInput(options.type)}.`);
  }
  if (options.consistency !== undefined) checkConsistency(options.consistency, 'consistency');
  if (options.serialConsistency !== undefined) checkConsistency(options.serialConsistency, 'serialConsistency');
  if (options.timeout !== undefined) timeoutMs(options.timeout, 'batch(): timeout', ConfigurationError);
  if (options.timestamp !== undefined && !isInt64Timestamp(options.timestamp)) {
    throw new ConfigurationError(
      `batch(): timestamp must be an integer number of microseconds (a bigint beyond 2^53), got ${describeInput(options.timestamp)}.`,
    );
  }
  if (options.executeOnError !== undefined && typeof options.executeOnError !== 'boolean') {
    throw new ConfigurationError('batch(): executeOnError must be a boolean.');
  }
  return options;
}
