// Write drafts: an INSERT, UPDATE or DELETE built from a builder's state and checked (values
// validated and encoded, the key named, modifiers that apply), before its keyspace is known; and
// how a draft becomes CQL once it is. `create()` & co. run a draft directly; a WriteStatement holds one.
import { QueryBuildError } from '@cassia/core';
import type { AnyModel, InferInsert } from '@cassia/schema';
import { layoutOf, MAX_INSERT_BITS, validateInsertColumns } from '@cassia/schema/internal';
import { buildAssignments } from './assignments';
import { compilePlainInsert, compileStatement, type RunnableStatement } from './compiler';
import { lastConditionOn } from './conditions';
import { columnOf, encodeParsed } from './model-columns';
import type { QueryState } from './query-state';
import { NO_USING, type ConditionNode, type WriteNode, type WriteUsingNode } from './statement-node';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A write node before its keyspace is known. */
export type WriteDraft = DistributiveOmit<WriteNode, 'table'>;

/** An INSERT of `values` (`wholeRow`: columns left out are written as their default, else null). */
export function insertDraft<M extends AnyModel>(
  model: M,
  state: QueryState,
  where: readonly ConditionNode[],
  values: InferInsert<M>,
  what: 'create' | 'save',
  wholeRow: boolean,
): WriteDraft {
  if (model.isCounterTable) {
    throw new QueryBuildError(`"${model.table}" is a counter table: change it with update({ col: increment(n) }), not ${what}().`);
  }
  if (where.length > 0) throw new QueryBuildError(`${what}() takes the key in its values; drop the where().`);
  if (state.condition.kind === 'ifExists' || state.condition.kind === 'if') {
    throw new QueryBuildError(`${what}() can only be conditional with ifNotExists(); use update() for IF EXISTS / IF conditions.`);
  }
  const parsed = validateInsertColumns(model, values);
  const layout = layoutOf(model);
  const { insertable } = layout;
  // Where no column has an encoder, the values are packed within the parsed list (owned by this
  // call, see OwnedColumnValues): a value is read before anything is written at or after its
  // place. Otherwise sized for every column and cut to what was written: one allocation.
  const bound: unknown[] = layout.insertNeedsNoEncoder ? parsed : new Array<unknown>(insertable.length);
  let count = 0;
  // Which columns are written, as bits (a shared name list per set) or, past MAX_INSERT_BITS columns, as names.
  let present = 0;
  const names: string[] | undefined = insertable.length > MAX_INSERT_BITS ? [] : undefined;
  // Model column order keeps one shape per set of columns, whatever order the caller used.
  for (let i = 0; i < insertable.length; i++) {
    const target = insertable[i];
    const value = parsed[target.index];
    if (value === undefined && !wholeRow) continue;
    present |= 1 << i;
    names?.push(target.dbName);
    bound[count++] = value === undefined || value === null ? null : encodeParsed(target, value);
  }
  // Setting an array's length is a runtime call: only when something was left out.
  if (count < bound.length) bound.length = count;
  const columns = names ?? layout.insertNames(present);
  const writesList = layout.listColumns.size > 0 && (names === undefined ? (present & layout.listBits) !== 0 : names.some((name) => layout.listColumns.has(name)));
  return { kind: 'insert', columns, values: bound, writesList, condition: state.condition, using: usingOf(state) };
}

/** An UPDATE of the row `where` names by its full primary key. */
export function updateDraft(model: AnyModel, state: QueryState, where: readonly ConditionNode[], changes: unknown): WriteDraft {
  if (state.condition.kind === 'ifNotExists') throw new QueryBuildError('ifNotExists() applies to create/save, not update.');
  requireKey(model, state, where, 'update', model.primaryKey);
  const assignments = buildAssignments(model, changes);
  return { kind: 'update', assignments, where, condition: state.condition, using: usingOf(state) };
}

/** A DELETE of the rows `where` names, or (given columns) of those columns only. */
export function deleteDraft(model: AnyModel, state: QueryState, where: readonly ConditionNode[], columns: unknown = []): WriteDraft {
  if (state.condition.kind === 'ifNotExists') throw new QueryBuildError('ifNotExists() applies to create/save, not delete.');
  if (state.ttl !== undefined) throw new QueryBuildError('ttl() does not apply to delete.');
  if (!Array.isArray(columns)) throw new QueryBuildError('delete(columns) takes an array of column names.');
  const dbColumns = columns.map((column: unknown) => {
    const target = columnOf(model, column, 'delete');
    if (target.isKey) {
      throw new QueryBuildError(`delete(["${target.property}"]): a primary key column cannot be deleted on its own; delete the row.`);
    }
    if (target.isRequired) {
      throw new QueryBuildError(`delete(["${target.property}"]): "${target.property}" is required (.required()) and cannot be deleted on its own; delete the row.`);
    }
    return target.dbName;
  });
  requireKey(model, state, where, 'delete', columns.length > 0 ? model.primaryKey : model.partitionKey);
  if (columns.length === 0) requireClusteringPrefix(model, where);
  return { kind: 'delete', columns: dbColumns, where, condition: state.condition, timestamp: usingOf(state).timestamp };
}

/** A draft's CQL and values in a keyspace; a plain INSERT straight from its parts (no node). */
export function compileDraft(model: AnyModel, draft: WriteDraft, keyspace: string): RunnableStatement {
  if (draft.kind === 'insert' && draft.condition.kind === 'none' && draft.using.ttl === undefined && draft.using.timestamp === undefined) {
    return compilePlainInsert(keyspace, model.table, draft.columns, draft.values, draft.writesList);
  }
  return compileStatement(writeNode(model, draft, keyspace));
}

// The node of a draft in a keyspace. Not frozen: made per compile and dropped (the compiler keeps
// text, never nodes). Built field by field, not by a spread of the draft, which would enumerate
// its keys at run time.
function writeNode(model: AnyModel, draft: WriteDraft, keyspace: string): WriteNode {
  const table = { keyspace, table: model.table };
  switch (draft.kind) {
    case 'insert':
      return { kind: 'insert', table, columns: draft.columns, values: draft.values, writesList: draft.writesList, condition: draft.condition, using: draft.using };
    case 'update':
      return { kind: 'update', table, assignments: draft.assignments, where: draft.where, condition: draft.condition, using: draft.using };
    case 'delete':
      return { kind: 'delete', table, columns: draft.columns, where: draft.where, condition: draft.condition, timestamp: draft.timestamp };
  }
}

// An update or delete addresses rows by key: `where` may restrict only primary key columns, with
// no token or contains restriction, and must name every column of `required`.
function requireKey(
  model: AnyModel,
  state: QueryState,
  where: readonly ConditionNode[],
  what: 'update' | 'delete',
  required: readonly string[],
): void {
  for (const condition of where) {
    if (condition.kind === 'token' || condition.kind === 'contains' || condition.kind === 'containsKey') {
      throw new QueryBuildError(`${what}() addresses rows by their key; a ${condition.kind} restriction cannot be used.`);
    }
    const property = model.propertyNames[condition.column];
    if (!model.primaryKey.includes(property)) {
      throw new QueryBuildError(`${what}() can only restrict primary key columns; "${property}" is not one.`);
    }
  }
  // Plain loops over the (short) key and where lists: this runs for every update and delete.
  let missing: string[] | undefined;
  let ranged: string[] | undefined;
  for (const property of required) {
    const condition = lastConditionOn(where, model.dbNames[property]);
    if (condition === undefined) (missing ??= []).push(property);
    else if (condition.kind === 'compare' && condition.op !== '=') (ranged ??= []).push(property);
  }
  if (missing !== undefined) {
    throw new QueryBuildError(`${what}() of "${model.table}" needs where() to name ${required.join(', ')}; missing: ${missing.join(', ')}.`);
  }
  // Cassandra takes a conditional UPDATE/DELETE (IF …, IF EXISTS) of one row named by = alone.
  if (state.condition.kind === 'if' || state.condition.kind === 'ifExists') {
    const fix = model.primaryKey.filter((property) => {
      const condition = lastConditionOn(where, model.dbNames[property]);
      return condition === undefined || condition.kind !== 'compare' || condition.op !== '=';
    });
    if (fix.length > 0) {
      throw new QueryBuildError(`a conditional ${what}() (if/ifExists) names one row: = on every primary key column, no in or range (${fix.join(', ')}).`);
    }
  }
  if (ranged !== undefined) {
    const call = what === 'update' ? 'update()' : required === model.partitionKey ? 'delete()' : 'delete(columns)';
    const which = required === model.partitionKey ? 'the partition key' : 'every key column';
    throw new QueryBuildError(`${call} needs = or in on ${which}, not a range (${ranged.join(', ')}).`);
  }
}

// A row DELETE restricts a prefix of the clustering columns in key order, each by = or in but the
// last, which may be a range (Cassandra refuses anything else).
function requireClusteringPrefix(model: AnyModel, where: readonly ConditionNode[]): void {
  const { clusteringKey } = model;
  // The first clustering column not restricted by = or in; a column after it may not be restricted.
  let open: string | undefined;
  let openRanged = false;
  for (let i = 0; i < clusteringKey.length; i++) {
    const property = clusteringKey[i].column;
    const condition = lastConditionOn(where, model.dbNames[property]);
    if (condition !== undefined && open !== undefined) {
      throw new QueryBuildError(
        `delete() restricts the clustering columns of "${model.table}" in key order (${clusteringKey.map((c) => c.column).join(', ')}), ` +
          `with = or in on each but the last restricted: "${property}" is restricted, but "${open}" before it ${openRanged ? 'is a range' : 'is not'}.`,
      );
    }
    if (open === undefined && (condition === undefined || (condition.kind === 'compare' && condition.op !== '='))) {
      open = property;
      openRanged = condition !== undefined;
    }
  }
}

// The USING of a write: the shared NO_USING unless ttl() or timestamp() was given.
function usingOf(state: QueryState): WriteUsingNode {
  const { ttl, timestamp } = state;
  if (ttl === undefined && timestamp === undefined) return NO_USING;
  return {
    ttl: ttl === undefined ? undefined : { value: ttl },
    // Bound like a bigint column's value (the codec's mapping: JS bigint, useBigIntAsLong clients).
    timestamp: timestamp === undefined ? undefined : { value: BigInt(timestamp) },
  };
}
