// The StatementCall of a query builder's statement (SELECT, INSERT, UPDATE, DELETE): its info made
// from the model, target and compiled text, and, for writes, the changes a middleware may make to
// the draft (assign, onlyIf, ifNotExists) before it is compiled for the send. Made only while the
// registry has middleware.
import { MiddlewareError, QueryBuildError, type BatchableStatement, type ConditionOperator, type Connection, type ResolvedTarget, type StatementCall, type StatementCallOptions, type StatementInfo } from '@cassia/core';
import { callOptionsOf, frozenInfo } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { layoutOf, rowFromDatabase } from '@cassia/schema/internal';
import type { RunnableStatement } from './compiler';
import { ifCondition, joinIfConditions } from './conditions';
import type { StatementOptions } from './executor';
import { setAssignment } from './assignments';
import { columnOf, encodeNullableColumnValue } from './model-columns';
import type { QueryState } from './query-state';
import { compileDraft, type WriteDraft } from './write-drafts';

const NO_COLUMNS: readonly string[] = Object.freeze([]);
const IF_NOT_EXISTS = Object.freeze({ kind: 'ifNotExists' as const });

/** Where a statement of a batch sends what a middleware adds (`add`). */
export interface BatchAdmission {
  admit(statement: BatchableStatement): void;
}

/** What a read is, for its info: the columns it selects and its page number. */
export interface ReadDescription {
  readonly state: QueryState;
  readonly page: number | undefined;
}

/** The call of one statement of the query builders. */
export class QueryStatementCall implements StatementCall {
  readonly options: StatementCallOptions;
  readonly model: AnyModel;
  readonly target: ResolvedTarget;
  readonly #read: ReadDescription | undefined;
  #draft: WriteDraft | undefined;
  #compiled: RunnableStatement | undefined;
  #info: StatementInfo | undefined;
  readonly #batchInfo: StatementInfo | undefined;
  readonly #batch: BatchAdmission | undefined;

  private constructor(
    model: AnyModel,
    target: ResolvedTarget,
    options: StatementOptions,
    read: ReadDescription | undefined,
    draft: WriteDraft | undefined,
    compiled: RunnableStatement | undefined,
    batchInfo: StatementInfo | undefined,
    batch: BatchAdmission | undefined,
  ) {
    this.model = model;
    this.target = target;
    this.options = callOptionsOf(options);
    this.#read = read;
    this.#draft = draft;
    this.#compiled = compiled;
    this.#batchInfo = batchInfo;
    this.#batch = batch;
  }

  /** The call of a compiled SELECT (`page`: its number in a paged read). */
  static read(model: AnyModel, target: ResolvedTarget, compiled: RunnableStatement, options: StatementOptions, state: QueryState, page: number | undefined): QueryStatementCall {
    return new QueryStatementCall(model, target, options, { state, page }, undefined, compiled, undefined, undefined);
  }

  /** The call of a write draft (in a batch: the batch's info, and where `add` sends statements). */
  static write(
    model: AnyModel,
    target: ResolvedTarget,
    draft: WriteDraft,
    options: StatementOptions,
    batchInfo?: StatementInfo,
    batch?: BatchAdmission,
  ): QueryStatementCall {
    return new QueryStatementCall(model, target, options, undefined, draft, undefined, batchInfo, batch);
  }

  get connection(): Connection {
    return this.target.connection;
  }

  /** The write draft as middleware left it (undefined for a read). */
  get draft(): WriteDraft | undefined {
    return this.#draft;
  }

  /** The statement as it stands, compiled for its keyspace (once per change). */
  compiled(): RunnableStatement {
    if (this.#compiled === undefined) this.#compiled = compileDraft(this.model, this.#draft!, this.target.keyspace);
    return this.#compiled;
  }

  /** Whether it is a lightweight transaction as it stands. */
  get conditional(): boolean {
    return this.#draft !== undefined && this.#draft.condition.kind !== 'none';
  }

  get info(): StatementInfo {
    if (this.#info === undefined) this.#info = this.#describe();
    return this.#info;
  }

  row(): Readonly<Record<string, unknown>> | undefined {
    const draft = this.#draft;
    if (draft === undefined || draft.kind === 'delete') return undefined;
    const stored = Object.create(null) as Record<string, unknown>;
    if (draft.kind === 'insert') {
      for (let i = 0; i < draft.columns.length; i++) stored[draft.columns[i]] = draft.values[i];
    } else {
      for (const condition of draft.where) if (condition.kind === 'compare' && condition.op === '=') stored[condition.column] = condition.value;
      for (const assignment of draft.assignments) if (assignment.kind === 'set') stored[assignment.column] = assignment.value;
    }
    // The values were validated and encoded for the driver; the codec reads them back as a row.
    return Object.freeze(rowFromDatabase(this.model, stored) as Record<string, unknown>);
  }

  assign(column: string, value: unknown): void {
    const draft = this.#writeDraft('assign()');
    if (draft.kind === 'insert') {
      const target = columnOf(this.model, column, 'assign()');
      if (target.isKey) throw new QueryBuildError(`assign() cannot change primary key column "${target.property}" of "${this.model.table}".`);
      const encoded = encodeNullableColumnValue(target, value);
      const at = draft.columns.indexOf(target.dbName);
      const columns = [...draft.columns];
      const values = [...draft.values];
      if (at < 0) {
        columns.push(target.dbName);
        values.push(encoded);
      } else values[at] = encoded;
      this.#change({ kind: 'insert', columns, values, condition: draft.condition, using: draft.using });
    } else if (draft.kind === 'update') {
      const assignment = setAssignment(this.model, column, value);
      const assignments = draft.assignments.filter((existing) => existing.column !== assignment.column);
      assignments.push(assignment);
      this.#change({ kind: 'update', assignments, where: draft.where, condition: draft.condition, using: draft.using });
    } else {
      throw new MiddlewareError(`assign() changes an INSERT or UPDATE; this is a DELETE of "${this.model.table}".`);
    }
  }

  onlyIf(column: string, op: ConditionOperator, value: unknown): void {
    const draft = this.#writeDraft('onlyIf()');
    if (draft.kind === 'insert') throw new MiddlewareError(`onlyIf() conditions an UPDATE or DELETE; an INSERT of "${this.model.table}" can only be ifNotExists().`);
    const condition = joinIfConditions(draft.condition, [ifCondition(this.model, column, op, value)]);
    this.#change({ ...draft, condition } as WriteDraft);
  }

  ifNotExists(): void {
    const draft = this.#writeDraft('ifNotExists()');
    if (draft.kind !== 'insert') throw new MiddlewareError(`ifNotExists() conditions an INSERT; this is an ${draft.kind.toUpperCase()} of "${this.model.table}".`);
    if (draft.condition.kind !== 'ifNotExists') this.#change({ ...draft, condition: IF_NOT_EXISTS } as WriteDraft);
  }

  add(statement: BatchableStatement): void {
    if (this.#batch === undefined) {
      throw new MiddlewareError(
        `add() puts a statement into the batch this statement belongs to; this ${this.info.operation} of "${this.model.table}" runs alone. ` +
          'Run a separate write after next() instead.',
      );
    }
    this.#batch.admit(statement);
  }

  #writeDraft(what: string): WriteDraft {
    if (this.#draft === undefined) throw new MiddlewareError(`${what} changes a write; this is a SELECT of "${this.model.table}".`);
    return this.#draft;
  }

  // A changed draft: compiled again for the send, described again for the next reader of `info`.
  #change(draft: WriteDraft): void {
    this.#draft = draft;
    this.#compiled = undefined;
    this.#info = undefined;
  }

  #describe(): StatementInfo {
    const compiled = this.compiled();
    const draft = this.#draft;
    const read = this.#read;
    let kind: StatementInfo['kind'];
    let columns: readonly string[];
    if (draft === undefined) {
      kind = 'select';
      columns = read!.state.columns ?? layoutOf(this.model).columns.map((column) => column.dbName);
    } else {
      kind = draft.kind;
      columns = draft.kind === 'update' ? draft.assignments.map((assignment) => assignment.column) : draft.columns;
    }
    return frozenInfo({
      kind,
      operation: kind.toUpperCase(),
      connection: this.target.connection.name,
      keyspace: this.target.keyspace,
      table: this.model.table,
      model: this.model.table,
      columns: columns.length === 0 ? NO_COLUMNS : Object.freeze([...columns]),
      cql: compiled.cql,
      conditional: compiled.safety === 'conditional-write',
      page: read?.page,
      statements: undefined,
      tracing: this.options.tracing === true,
    }, this.#batchInfo);
  }
}
