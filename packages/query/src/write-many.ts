// writeMany: a bulk load of many rows (or write statements) from an array, an iterable, an async
// iterable or an object-mode Readable. Each row is validated and compiled as it is read; rows of
// one partition go out as UNLOGGED single-partition batches under a byte budget, every other row
// as a prepared INSERT of its own, with at most `concurrency` statements in flight. Input is read
// only while a slot is free and at most `bufferRows` rows wait for their partition's batch, so
// memory stays flat whatever the input's length. A bad row is reported by its index and the rest
// are still written, unless `stopOnError`.
import { ConfigurationError, QueryBuildError, type BatchOptions as CoreBatchOptions, type Connection, type ConnectionHold, type ConnectionRegistry, type Consistency, type ResolvedTarget, type ResultSet } from '@cassia/core';
import { isIntegerInRange, shareStatementOptions } from '@cassia/core/internal';
import type { AnyModel, InferInsert } from '@cassia/schema';
import { isFrozen, layoutOf } from '@cassia/schema/internal';
import { estimateRowBytes } from './bound-value-bytes';
import type { RunnableStatement } from './compiler';
import { describeInput } from './describe-input';
import { assertApplied, runStatement, type StatementOptions } from './executor';
import { InFlightLimit } from './in-flight-limit';
import { isOptionBag, ownCopy } from './own-properties';
import { PartitionGroups, type PartitionGroup, type PendingWrite } from './partition-groups';
import type { Query } from './query';
import { checkTargetOptions, rootContext, type QueryContext } from './query-context';
import { QueryImpl } from './query-impl';
import { EMPTY_STATE, NO_CONDITIONS, type QueryState } from './query-state';
import { resolveTarget } from './resolve-target';
import { readSource, type RowSource, type SourceReader } from './row-source';
import { checkConsistency, timeoutMs } from './statement-limits';
import { runWriteOn } from './pipeline-run';
import { compileDraft, insertDraft, type WriteDraft } from './write-drafts';
import { WriteStatementImpl, type WriteStatement } from './write-statement';

/** Options of `writeMany`. */
export interface WriteManyOptions {
  /** Connection to write on (rows only; as `using({ connection })`). */
  connection?: string;
  /** Keyspace to write into (rows only; as `using({ keyspace })`). */
  keyspace?: string;
  /** Registry the connection is resolved in (rows only; default: the module's registry). */
  registry?: ConnectionRegistry;
  /** Statements (single writes or batches) in flight at most; default 64. */
  concurrency?: number;
  /**
   * Estimated bytes of one partition's batch at most (rows only); default 4096, below Cassandra's
   * default `batch_size_warn_threshold` of 5 KiB. 0 sends every row alone.
   */
  batchBytes?: number;
  /** Rows waiting for their partition's batch at most (rows only); default 1024. */
  bufferRows?: number;
  /** Stop at the first bad row or failed write: nothing more is read or sent (default false). */
  stopOnError?: boolean;
  /** Called each time a write or batch settles. */
  onProgress?: (progress: WriteManyProgress) => void;
  consistency?: Consistency;
  /** Client-side timeout of each statement, in milliseconds. */
  timeout?: number;
}

/** A row (or statement) that was not written: its position in the input and why. */
export interface WriteFailure {
  readonly index: number;
  /** A ValidationError / QueryBuildError (nothing sent) or the statement's execution error. */
  readonly error: unknown;
}

/** Counts so far, handed to `onProgress`. */
export interface WriteManyProgress {
  /** Items read from the input. */
  readonly read: number;
  /** Rows (or statements) written. */
  readonly written: number;
  /** Items that failed (validation or execution). */
  readonly failedCount: number;
  /** Batches sent successfully. */
  readonly batches: number;
}

/** What `writeMany` did. */
export interface WriteManyResult {
  /** Items read from the input. */
  readonly read: number;
  /** Rows (or statements) written. */
  readonly written: number;
  /** Batches sent successfully. */
  readonly batches: number;
  /** Every item not written, by input position (in the order failures were seen). */
  readonly failed: readonly WriteFailure[];
  /** Whether `stopOnError` stopped the load (items read after the failure were not written). */
  readonly stopped: boolean;
}

const ROW_OPTION_KEYS = ['connection', 'keyspace', 'registry', 'batchBytes', 'bufferRows'];
const COMMON_OPTION_KEYS = ['concurrency', 'stopOnError', 'onProgress', 'consistency', 'timeout'];
const DEFAULT_CONCURRENCY = 64;
const DEFAULT_BATCH_BYTES = 4096;
const DEFAULT_BUFFER_ROWS = 1024;
// Cassandra refuses a batch of more than 65535 statements; far above any byte budget's count.
const MAX_BATCH_BYTES = 1 << 24;

/**
 * Writes many rows of a model (INSERT, as `create()`): `target` is the model or a query of it
 * (`query(M).using(...)`, `bind(M, ...)`, `.ttl(s)`), routed like that query. Resolves when every
 * row was written or reported in `failed`.
 */
export function writeMany<M extends AnyModel>(
  // Any row type and key state: writeMany reads only the query's routing and options.
  target: M | Query<M, any, unknown>,
  rows: RowSource<InferInsert<M>>,
  options?: WriteManyOptions,
): Promise<WriteManyResult>;
/**
 * Runs many write statements (`query(M).where(...).updateStatement(...)`, ...), each on its own
 * target, concurrently; never batched (counter updates included).
 */
export function writeMany(statements: RowSource<WriteStatement>, options?: WriteManyOptions): Promise<WriteManyResult>;
export async function writeMany(first: unknown, second?: unknown, third?: unknown): Promise<WriteManyResult> {
  const rowsMode = first instanceof QueryImpl || isModel(first);
  const options = checkOptions(rowsMode ? third : second, rowsMode);
  if (!rowsMode) return new BulkLoad(options).runStatements(readSource<unknown>(first, 'writeMany()'));
  const bulk = first instanceof QueryImpl ? (first as QueryImpl<AnyModel>).bulkParts() : undefined;
  const model = (bulk?.model ?? first) as AnyModel;
  const context: QueryContext = bulk?.context ?? rootContext(options.registry, options.target);
  if (bulk !== undefined && (options.target.connection !== undefined || options.target.keyspace !== undefined || options.registry !== undefined)) {
    throw new ConfigurationError('writeMany(query, rows, options): route with the query (using/bind), not with connection/keyspace/registry options.');
  }
  const state = bulk?.state ?? EMPTY_STATE;
  checkWritableModel(model, state, bulk?.where.length ?? 0);
  const source = readSource<unknown>(second, 'writeMany()');
  return new BulkLoad(options).runRows(model, resolveTarget(model, context), state, source);
}

interface CheckedOptions {
  readonly target: { connection?: string; keyspace?: string };
  readonly registry: ConnectionRegistry | undefined;
  readonly concurrency: number;
  readonly batchBytes: number;
  readonly bufferRows: number;
  readonly stopOnError: boolean;
  readonly onProgress: ((progress: WriteManyProgress) => void) | undefined;
  readonly consistency: Consistency | undefined;
  readonly timeout: number | undefined;
}

// One run of writeMany: its counters, its in-flight cap and the connections it holds.
class BulkLoad {
  readonly #options: CheckedOptions;
  readonly #limit: InFlightLimit;
  readonly #failures: WriteFailure[] = [];
  readonly #holds = new Map<Connection, ConnectionHold>();
  #read = 0;
  #written = 0;
  #batches = 0;
  #stopped = false;
  #callbackError: { error: unknown } | undefined;

  constructor(options: CheckedOptions) {
    this.#options = options;
    this.#limit = new InFlightLimit(options.concurrency);
  }

  async runRows(model: AnyModel, target: ResolvedTarget, state: QueryState, source: SourceReader<unknown>): Promise<WriteManyResult> {
    this.#hold(target.connection);
    const idempotent = insertsAreIdempotent(model, state);
    const statementOptions = this.#statementOptions(state.options, idempotent);
    const batchOptions = this.#batchOptions(target.keyspace, idempotent);
    // With middleware registered each row is a statement of its own, which they see (and may change) alone.
    const piped = target.connection.pipeline.active;
    const groups = this.#options.batchBytes > 0 && !piped ? new PartitionGroups(this.#options.batchBytes) : undefined;
    const partitionOf = partitionKeyReader(model);
    const send = (group: PartitionGroup): Promise<void> => this.#sendGroup(target, group, statementOptions, batchOptions);
    await this.#consume(source, async (item, index) => {
      let compiled: RunnableStatement;
      let partition: string;
      try {
        const draft = insertDraft(model, state, NO_CONDITIONS, item as InferInsert<AnyModel>, 'create', false);
        if (piped) return this.#sendThroughPipeline(model, target, draft, statementOptions, index);
        compiled = compileDraft(model, draft, target.keyspace);
        partition = groups === undefined ? '' : partitionOf(draft as { columns: readonly string[]; values: readonly unknown[] });
      } catch (error) {
        this.#fail([index], error);
        return;
      }
      const write: PendingWrite = { index, cql: compiled.cql, params: compiled.params as unknown[], safety: compiled.safety, bytes: groups === undefined ? 0 : estimateRowBytes(compiled.params) };
      if (groups === undefined) return send({ writes: [write], bytes: 0 });
      const closed = groups.add(partition, write);
      if (closed !== undefined) await send(closed);
      while (!this.#stopped && groups.bufferedRows > this.#options.bufferRows) await send(groups.takeOldest()!);
    }, async () => {
      if (groups === undefined) return;
      for (let group = groups.takeOldest(); group !== undefined && !this.#stopped; group = groups.takeOldest()) await send(group);
    });
    return this.#result();
  }

  async runStatements(source: SourceReader<unknown>): Promise<WriteManyResult> {
    await this.#consume(source, async (item, index) => {
      let target: ResolvedTarget;
      let compiled: RunnableStatement;
      let statement: WriteStatementImpl<AnyModel>;
      try {
        if (!(item instanceof WriteStatementImpl)) {
          throw new QueryBuildError(`writeMany(statements) takes write statements (query(M).createStatement(...), ...), got ${describeInput(item)}.`);
        }
        statement = item as WriteStatementImpl<AnyModel>;
        target = statement.resolve();
        compiled = statement.compile(target.keyspace);
      } catch (error) {
        this.#fail([index], error);
        return;
      }
      this.#hold(target.connection);
      // The statement's own options: its consistency, timeout and idempotence, as when it runs alone.
      const model = statement.model;
      if (target.connection.pipeline.active) return this.#sendThroughPipeline(model, target, statement.draft, this.#statementOptions(statement.options, undefined), index);
      const settle = statement.conditional ? (result: ResultSet) => assertApplied(result, model, statement.kind) : undefined;
      await this.#whenSlotFree();
      if (this.#stopped) return;
      this.#track(runStatement(target, compiled, this.#statementOptions(statement.options, undefined), undefined, settle ?? nothing), [index], false);
    });
    return this.#result();
  }

  // Reads the source item by item while a slot is free, handing each to `take`; then `finish`,
  // then waits for everything in flight. Holds are released and the source closed however it ends.
  async #consume(source: SourceReader<unknown>, take: (item: unknown, index: number) => Promise<void> | void, finish?: () => Promise<void>): Promise<void> {
    let ended = false;
    try {
      while (!this.#stopped) {
        await this.#whenSlotFree();
        if (this.#stopped) break;
        const next = source.next();
        // A thenable, not `instanceof Promise`: a Readable's iterator makes its promises in Node's
        // own realm, which differs from the caller's under a vm context (jest).
        const step = typeof (next as { then?: unknown }).then === 'function' ? await next : (next as IteratorResult<unknown>);
        if (step.done === true) {
          ended = true;
          break;
        }
        const index = this.#read++;
        await take(step.value, index);
      }
      if (!this.#stopped && finish !== undefined) await finish();
    } finally {
      await this.#limit.whenIdle();
      for (const hold of this.#holds.values()) hold.release();
      if (!ended) await source.close().catch(() => undefined);
    }
    if (this.#callbackError !== undefined) throw this.#callbackError.error;
  }

  // One write through the registry's and its model's middleware, in a free slot.
  async #sendThroughPipeline(model: AnyModel, target: ResolvedTarget, draft: WriteDraft, options: StatementOptions, index: number): Promise<void> {
    await this.#whenSlotFree();
    if (this.#stopped) return;
    this.#track(runWriteOn(model, target, draft, options), [index], false);
  }

  async #sendGroup(target: ResolvedTarget, group: PartitionGroup, statementOptions: StatementOptions, batchOptions: CoreBatchOptions): Promise<void> {
    await this.#whenSlotFree();
    if (this.#stopped) return;
    const { writes } = group;
    const indexes = writes.map((write) => write.index);
    if (writes.length === 1) {
      this.#track(runStatement(target, { cql: writes[0].cql, params: writes[0].params, safety: writes[0].safety }, statementOptions, undefined, nothing), indexes, false);
      return;
    }
    const statements = writes.map((write) => ({ query: write.cql, params: write.params }));
    this.#track(target.connection.sendBatch(statements, batchOptions), indexes, true);
  }

  #track(running: Promise<unknown>, indexes: number[], isBatch: boolean): void {
    this.#limit.take();
    running.then(
      () => {
        this.#written += indexes.length;
        if (isBatch) this.#batches += 1;
        this.#settled();
      },
      (error: unknown) => {
        this.#fail(indexes, error);
        this.#settled();
      },
    );
  }

  #settled(): void {
    this.#limit.give();
    const onProgress = this.#options.onProgress;
    if (onProgress === undefined || this.#callbackError !== undefined) return;
    try {
      onProgress(this.#progress());
    } catch (error) {
      // A throwing callback ends the load like stopOnError, and writeMany rejects with its error.
      this.#callbackError = { error };
      this.#stopped = true;
    }
  }

  #fail(indexes: readonly number[], error: unknown): void {
    for (const index of indexes) this.#failures.push(Object.freeze({ index, error }));
    if (this.#options.stopOnError) this.#stopped = true;
  }

  async #whenSlotFree(): Promise<void> {
    for (let wait = this.#limit.whenSlotFree(); wait !== undefined; wait = this.#limit.whenSlotFree()) await wait;
  }

  #hold(connection: Connection): void {
    if (!this.#holds.has(connection)) this.#holds.set(connection, connection.hold());
  }

  // The statement options: the builder's (or statement's), with writeMany's consistency and
  // timeout over them; `idempotent` says whether the rows' INSERTs are safe to send again (false
  // for a non-frozen list: a retry keeps the first try's timestamp, so its elements would double),
  // unless the builder named it with .idempotent(flag).
  #statementOptions(base: StatementOptions, idempotent: boolean | undefined): StatementOptions {
    const { consistency, timeout } = this.#options;
    if (consistency === undefined && timeout === undefined && idempotent === undefined) return base;
    const options = ownCopy(base) as StatementOptions & { isIdempotent?: boolean };
    if (consistency !== undefined) (options as { consistency?: Consistency }).consistency = consistency;
    if (timeout !== undefined) (options as { timeout?: number }).timeout = timeout;
    if (idempotent !== undefined && options.isIdempotent === undefined) options.isIdempotent = idempotent;
    return shareStatementOptions(options);
  }

  #batchOptions(keyspace: string, idempotent: boolean): CoreBatchOptions {
    // Null-prototype: the connection reads these options by name, and an inherited one must not count.
    const options = Object.create(null) as CoreBatchOptions;
    options.logged = false;
    options.keyspace = keyspace;
    if (idempotent) options.isIdempotent = true;
    if (this.#options.consistency !== undefined) options.consistency = this.#options.consistency;
    if (this.#options.timeout !== undefined) options.timeout = this.#options.timeout;
    return options;
  }

  #progress(): WriteManyProgress {
    return { read: this.#read, written: this.#written, failedCount: this.#failures.length, batches: this.#batches };
  }

  #result(): WriteManyResult {
    return Object.freeze({
      read: this.#read,
      written: this.#written,
      batches: this.#batches,
      failed: Object.freeze(this.#failures.slice()),
      stopped: this.#stopped,
    });
  }
}

// Writes resolve to nothing, whatever the driver's result.
const nothing = (): void => undefined;

function isModel(value: unknown): value is AnyModel {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, 'kind') && (value as { kind?: unknown }).kind === 'model';
}

function checkWritableModel(model: AnyModel, state: QueryState, whereCount: number): void {
  if (model.isCounterTable) {
    throw new QueryBuildError(
      `"${model.table}" is a counter table: writeMany(Model, rows) writes rows with INSERT. Pass counter updates as ` +
        `statements instead, writeMany([query(M).where(...).updateStatement({ n: increment(1) }), ...]): each runs alone, never batched nor retried.`,
    );
  }
  if (whereCount > 0) throw new QueryBuildError('writeMany(query, rows): the rows hold their keys; drop the where().');
  if (state.condition.kind !== 'none') {
    throw new QueryBuildError('writeMany(query, rows) writes plain INSERTs; pass conditional writes as statements: writeMany([q.ifNotExists().createStatement(row), ...]).');
  }
  if (state.batch !== undefined) throw new QueryBuildError('writeMany(query, rows) sends its own batches; drop .batch(b).');
}

// A plain INSERT is safe to send twice (the second writes the same cells) unless it writes a
// non-frozen list: that INSERT appends elements under new cell names, so a retry would double them.
function insertsAreIdempotent(model: AnyModel, state: QueryState): boolean {
  if (state.condition.kind !== 'none') return false;
  return !layoutOf(model).insertable.some((column) => column.cql.kind === 'list' && !isFrozen(column.cql));
}

// The text that tells rows of one partition apart: its partition key values, each length-prefixed.
function partitionKeyReader(model: AnyModel): (draft: { columns: readonly string[]; values: readonly unknown[] }) => string {
  const keyNames = model.partitionKey.map((property) => model.dbNames[property]);
  // Where each key column sits in an INSERT's column list, per list (shared lists: one entry per set of columns).
  const positions = new Map<readonly string[], number[]>();
  return (draft) => {
    let at = positions.get(draft.columns);
    if (at === undefined) {
      at = keyNames.map((name) => draft.columns.indexOf(name));
      positions.set(draft.columns, at);
    }
    if (at.length === 1) return keyText(draft.values[at[0]]);
    let text = '';
    for (const position of at) {
      const part = keyText(draft.values[position]);
      text += `${part.length}:${part}`;
    }
    return text;
  };
}

function keyText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Buffer.isBuffer(value)) return `x${value.toString('hex')}`;
  if (value instanceof Date) return `d${value.getTime()}`;
  if (typeof value === 'object' && value !== null && typeof value.toString === 'function' && value.toString !== Object.prototype.toString) return String(value);
  // Grouping is only an optimisation: unlike values that read alike merely share a batch.
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner)) ?? '';
}

function checkOptions(given: unknown, rowsMode: boolean): CheckedOptions {
  const options = given ?? {};
  if (!isOptionBag(options)) throw new ConfigurationError(`writeMany() takes an options object, got ${describeInput(given)}.`);
  const allowed = rowsMode ? [...ROW_OPTION_KEYS, ...COMMON_OPTION_KEYS] : COMMON_OPTION_KEYS;
  const unknown = Object.keys(options).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    const hint = rowsMode ? '' : ' (statements carry their own connection and keyspace, and are never batched)';
    throw new ConfigurationError(`Unknown writeMany() option(s) ${unknown.map(describeInput).join(', ')}${hint}: use ${allowed.join(', ')}.`);
  }
  const copy = ownCopy(options as WriteManyOptions);
  const target = checkTargetOptions({ ...(copy.connection === undefined ? {} : { connection: copy.connection }), ...(copy.keyspace === undefined ? {} : { keyspace: copy.keyspace }) }, 'writeMany()');
  const registry = copy.registry;
  if (registry !== undefined && (typeof registry !== 'object' || registry === null || typeof registry.resolveNames !== 'function')) {
    throw new ConfigurationError('writeMany(): registry must be a ConnectionRegistry.');
  }
  const count = (value: unknown, what: string, fallback: number, min: number, max: number): number => {
    if (value === undefined) return fallback;
    if (!isIntegerInRange(value, min, max)) throw new ConfigurationError(`writeMany(): ${what} must be a whole number from ${min} to ${max}, got ${describeInput(value)}.`);
    return value;
  };
  if (copy.stopOnError !== undefined && typeof copy.stopOnError !== 'boolean') throw new ConfigurationError('writeMany(): stopOnError must be a boolean.');
  if (copy.onProgress !== undefined && typeof copy.onProgress !== 'function') throw new ConfigurationError('writeMany(): onProgress must be a function.');
  return {
    target,
    registry,
    concurrency: count(copy.concurrency, 'concurrency', DEFAULT_CONCURRENCY, 1, 4096),
    batchBytes: count(copy.batchBytes, 'batchBytes', DEFAULT_BATCH_BYTES, 0, MAX_BATCH_BYTES),
    bufferRows: count(copy.bufferRows, 'bufferRows', DEFAULT_BUFFER_ROWS, 1, 1 << 20),
    stopOnError: copy.stopOnError === true,
    onProgress: copy.onProgress,
    consistency: copy.consistency === undefined ? undefined : checkConsistency(copy.consistency, 'consistency'),
    timeout: copy.timeout === undefined ? undefined : timeoutMs(copy.timeout, 'writeMany(): timeout', ConfigurationError),
  };
}
