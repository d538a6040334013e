// An unexecuted write (INSERT / UPDATE / DELETE) of one model: validated when it was built,
// resolved and compiled when it runs. Batches collect these; `create()` & co. run their draft
// directly through runWrite. WriteStatement is the public surface; WriteStatementImpl, which the
// package does not export, is what the builders make and what a batch accepts.
import type { ResolvedTarget, ResultSet } from '@cassia/core';
import { isIdempotentSafety, isSharedStatementOptions, shareStatementOptions, type StatementSafety } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { textOf, type CompiledStatement, type RunnableStatement } from './compiler';
import { assertApplied, runStatement, type StatementOptions } from './executor';
import type { QueryContext } from './query-context';
import { resolveKeyspace, resolveTarget } from './resolve-target';
import { runWriteOn } from './pipeline-run';
import { statementSafety } from './statement-safety';
import { compileDraft, type WriteDraft } from './write-drafts';

// Writes resolve to nothing, whatever the driver's result.
const nothing = (): void => undefined;

/**
 * A write statement ready to run or to add to a batch (`batch.add(statement)`); `C` says whether
 * it is a counter write (boolean when the type cannot tell), so batches can be typed by kind.
 */
export interface WriteStatement<M extends AnyModel = AnyModel, C extends boolean = boolean> {
  /** The model written. */
  readonly model: M;
  /** The statement kind. */
  readonly kind: 'insert' | 'update' | 'delete';
  /** Whether it is a lightweight transaction (IF ...). */
  readonly conditional: boolean;
  /** Whether it writes counters (it belongs in a counter batch). */
  readonly isCounterWrite: C;
  /**
   * Whether it may be sent twice (retried, or sent speculatively): as `.idempotent(flag)` said,
   * else worked out from the statement (counter changes, list append/prepend and conditions: no).
   */
  readonly idempotent: boolean;
  /** The CQL and bound values it would run, without running it. */
  toCQL(): CompiledStatement;
  /** Runs it alone; LwtNotAppliedError when a condition did not hold. */
  execute(): Promise<void>;
}

/** The WriteStatement the builders make (frozen); a batch reads its context and compiles it per keyspace. */
export class WriteStatementImpl<M extends AnyModel = AnyModel> implements WriteStatement<M> {
  readonly model: M;
  /** Where it runs (registry, bind/withContext, using). */
  readonly context: QueryContext;
  /** Consistency, timeout, ... for running it alone (a batch uses its own). */
  readonly options: StatementOptions;
  readonly #draft: WriteDraft;

  constructor(model: M, context: QueryContext, draft: WriteDraft, options: StatementOptions) {
    this.model = model;
    this.context = context;
    // A builder's options are already shared (the common case, once per write): nothing to copy.
    this.options = isSharedStatementOptions(options) ? options : shareStatementOptions({ ...options });
    // A plain INSERT binds its values list as it is (compilePlainInsert), so a statement that can
    // be compiled again and again, and whose toCQL() hands the list out, keeps it frozen.
    if (draft.kind === 'insert') Object.freeze(draft.values);
    this.#draft = draft;
    Object.freeze(this);
  }

  get kind(): WriteDraft['kind'] {
    return this.#draft.kind;
  }

  get conditional(): boolean {
    return this.#draft.condition.kind !== 'none';
  }

  get isCounterWrite(): boolean {
    return this.model.isCounterTable && this.#draft.kind === 'update';
  }

  /** Whether it reads, and whether it may be sent twice, as worked out from the statement itself. */
  get safety(): StatementSafety {
    return statementSafety(this.#draft);
  }

  get idempotent(): boolean {
    return this.options.isIdempotent ?? isIdempotentSafety(this.safety);
  }

  /** Where it would run now: the one resolution rule (`batchConnection` first when in a batch). */
  resolve(batchConnection?: string): ResolvedTarget {
    return resolveTarget(this.model, this.context, batchConnection);
  }

  /** The draft it runs (a batch's middleware start from it). */
  get draft(): WriteDraft {
    return this.#draft;
  }

  /** The CQL, bound values and safety for a keyspace. */
  compile(keyspace: string): RunnableStatement {
    return compileDraft(this.model, this.#draft, keyspace);
  }

  toCQL(): CompiledStatement {
    return textOf(this.compile(resolveKeyspace(this.model, this.context)));
  }

  execute(): Promise<void> {
    return runWrite(this.model, this.context, this.#draft, this.options);
  }
}

/**
 * Runs a write alone: resolves, compiles and executes it; LwtNotAppliedError when a condition did
 * not hold. `create()` & co. call this with their draft directly (no WriteStatement to build), and
 * a WriteStatement's execute() does the same.
 */
export function runWrite(model: AnyModel, context: QueryContext, draft: WriteDraft, options: StatementOptions): Promise<void> {
  // A promise chain rather than an async function: the statement's own promise is the only one,
  // and a build error becomes a rejection here.
  try {
    const target = resolveTarget(model, context);
    // One check while no middleware is registered.
    if (target.connection.pipeline.active) return runWriteOn(model, target, draft, options);
    const compiled = compileDraft(model, draft, target.keyspace);
    const settle = draft.condition.kind === 'none' ? nothing : (result: ResultSet) => assertApplied(result, model, draft.kind);
    return runStatement(target, compiled, options, undefined, settle);
  } catch (error) {
    return Promise.reject(error);
  }
}
