// An unexecuted write (INSERT / UPDATE / DELETE) of one model: validated when it was built,
// resolved and compiled when it runs. Batches collect these; `create()` & co. run one directly.
import type { ResolvedTarget, ResultSet } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import { compilePlainInsert, compileStatement, type CompiledStatement } from './compiler';
import { assertApplied, runStatement, type StatementOptions } from './executor';
import type { QueryContext } from './query-context';
import { resolveKeyspace, resolveTarget } from './resolve-target';
import { freezeNode, type WriteNode } from './statement-node';

// Writes resolve to nothing, whatever the driver's result.
const nothing = (): void => undefined;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A write node before its keyspace is known. */
export type WriteDraft = DistributiveOmit<WriteNode, 'table'>;

/** A write statement ready to run or to add to a batch (`batch.add(statement)`). */
export class WriteStatement<M extends AnyModel = AnyModel> {
  /** The model written. */
  readonly model: M;
  /** Where it runs (registry, bind/withContext, using). */
  readonly context: QueryContext;
  /** Consistency, timeout, ... for running it alone (a batch uses its own). */
  readonly options: StatementOptions;
  readonly #draft: WriteDraft;

  /** Made by the write methods of Query (`createStatement`, `updateStatement`, ...). */
  constructor(model: M, context: QueryContext, draft: WriteDraft, options: StatementOptions) {
    this.model = model;
    this.context = context;
    // A builder's options are already frozen (the common case, once per write): nothing to copy.
    this.options = Object.isFrozen(options) ? options : Object.freeze({ ...options });
    // A plain INSERT binds its values list as it is (compilePlainInsert), so a statement that can
    // be compiled again and again, and whose toCQL() hands the list out, keeps it frozen.
    if (draft.kind === 'insert') Object.freeze(draft.values);
    this.#draft = draft;
    Object.freeze(this);
  }

  /** The statement kind: `'insert' | 'update' | 'delete'`. */
  get kind(): WriteNode['kind'] {
    return this.#draft.kind;
  }

  /** Whether it is a lightweight transaction (IF ...). */
  get conditional(): boolean {
    return this.#draft.condition.kind !== 'none';
  }

  /** Whether it writes counters (it belongs in a counter batch). */
  get isCounterWrite(): boolean {
    return this.model.isCounterTable && this.#draft.kind === 'update';
  }

  /** Where it would run now: the one resolution rule (`batchConnection` first when in a batch). */
  resolve(batchConnection?: string): ResolvedTarget {
    return resolveTarget(this.model, this.context, batchConnection);
  }

  /** The node for a resolved keyspace (frozen). */
  node(keyspace: string): WriteNode {
    return freezeNode(writeNode(this.model, this.#draft, keyspace));
  }

  /** The CQL and bound values for a keyspace. */
  compile(keyspace: string): CompiledStatement {
    return compileDraft(this.model, this.#draft, keyspace);
  }

  /** The CQL and bound values it would run, without running it. */
  toCQL(): CompiledStatement {
    return this.compile(resolveKeyspace(this.model, this.context));
  }

  /** Runs it alone; LwtNotAppliedError when a condition did not hold. */
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
  // A promise chain rather than an async function: one promise fewer per write.
  try {
    const target = resolveTarget(model, context);
    const compiled = compileDraft(model, draft, target.keyspace);
    const settle = draft.condition.kind === 'none' ? nothing : (result: ResultSet) => assertApplied(result, model, draft.kind);
    return runStatement(target, compiled, options, undefined, settle);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A draft's CQL and values in a keyspace; a plain INSERT straight from its parts (no node). */
function compileDraft(model: AnyModel, draft: WriteDraft, keyspace: string): CompiledStatement {
  if (draft.kind === 'insert' && draft.condition.kind === 'none' && draft.using.ttl === undefined && draft.using.timestamp === undefined) {
    return compilePlainInsert(keyspace, model.table, draft.columns, draft.values);
  }
  return compileStatement(writeNode(model, draft, keyspace));
}

/**
 * The node of a draft in a keyspace. Made per compile and dropped (the compiler keeps text, never
 * nodes), so not frozen: freezing every statement's node was a tenth of a write's client CPU.
 * Built field by field: a spread of the draft cost as much again.
 */
function writeNode(model: AnyModel, draft: WriteDraft, keyspace: string): WriteNode {
  const table = { keyspace, table: model.table };
  switch (draft.kind) {
    case 'insert':
      return { kind: 'insert', table, columns: draft.columns, values: draft.values, condition: draft.condition, using: draft.using };
    case 'update':
      return { kind: 'update', table, assignments: draft.assignments, where: draft.where, condition: draft.condition, using: draft.using };
    case 'delete':
      return { kind: 'delete', table, columns: draft.columns, where: draft.where, condition: draft.condition, timestamp: draft.timestamp };
  }
}
