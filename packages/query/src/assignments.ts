// UPDATE's SET clauses: `update(changes)` input → assignment nodes. A plain value (null too)
// becomes `col = ?` in the same statement; operations become collection/counter arithmetic.
import { QueryBuildError } from '@cassia/core';
import { encode, type AnyModel, type CqlType } from '@cassia/schema';
import { refuseRequiredNull } from '@cassia/schema/internal';
import { columnOf, encodeCollectionPart, encodeNullableColumnValue, type ModelColumn } from './model-columns';
import type { AssignmentNode } from './statement-node';
import { isUpdateOperation, type UpdateOperation } from './update-operations';

/** The SET clauses for `changes`; QueryBuildError/ValidationError before anything is sent. */
export function buildAssignments(model: AnyModel, changes: unknown): AssignmentNode[] {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    throw new QueryBuildError('update() needs an object of column changes.');
  }
  // A plain loop into one array: this runs for every update, and entries/filter/map would make three.
  const given = changes as Record<string, unknown>;
  const assignments: AssignmentNode[] = [];
  for (const property of Object.keys(given)) {
    const value = given[property];
    if (value !== undefined) assignments.push(assignment(model, property, value));
  }
  if (assignments.length === 0) throw new QueryBuildError(`update() of "${model.table}" changes no column.`);
  return assignments;
}

/** `SET property = value` (a plain value, validated), as a middleware's assign() makes it. */
export function setAssignment(model: AnyModel, property: string, value: unknown): AssignmentNode {
  const target = columnOf(model, property, 'assign()');
  if (target.isKey) throw new QueryBuildError(`assign() cannot change primary key column "${property}"; restrict it with where().`);
  if (target.isCounter) throw new QueryBuildError(`Counter column "${property}" cannot be assigned a value.`);
  if (value === null && target.isRequired) refuseRequiredNull(model, target, value);
  return { kind: 'set', column: target.dbName, value: encodeNullableColumnValue(target, value) };
}

function assignment(model: AnyModel, property: string, value: unknown): AssignmentNode {
  const target = columnOf(model, property, 'update');
  if (target.isKey) {
    throw new QueryBuildError(`update() cannot change primary key column "${property}"; restrict it with where().`);
  }
  if (isUpdateOperation(value)) return operationAssignment(model, target, value, target.isCounter);
  if (target.isCounter) {
    throw new QueryBuildError(
      `Counter column "${property}" can only be changed with increment(n) or decrement(n), not set to a value.`,
    );
  }
  if (value === null && target.isRequired) refuseRequiredNull(model, target, value);
  return { kind: 'set', column: target.dbName, value: encodeNullableColumnValue(target, value) };
}

function operationAssignment(model: AnyModel, target: ModelColumn, operation: UpdateOperation, isCounter: boolean): AssignmentNode {
  const type = target.column.cql;
  const need = (ok: boolean, columnKind: string): void => {
    if (!ok) {
      throw new QueryBuildError(
        `${operation.op}() needs a ${columnKind} column, but "${target.property}" of "${model.table}" is ${describe(type)}.`,
      );
    }
  };
  const elements = (values: readonly unknown[], part: 'element' | 'key', what: string) =>
    values.map((v) => encodeCollectionPart(model, target, part, v, what));
  const nonEmpty = (values: readonly unknown[]) => {
    if (values.length === 0) throw new QueryBuildError(`${operation.op}() on "${target.property}" was given no values.`);
  };
  const column = target.dbName;
  switch (operation.op) {
    case 'append':
    case 'prepend':
      need(type.kind === 'list' && !type.frozen, 'non-frozen list');
      nonEmpty(operation.values);
      return { kind: operation.op, column, value: elements(operation.values, 'element', operation.op) };
    case 'setAt':
      need(type.kind === 'list' && !type.frozen, 'non-frozen list');
      return { kind: 'setAt', column, value: [operation.index, encodeCollectionPart(model, target, 'element', operation.value, 'setAt')] };
    case 'add':
      need(type.kind === 'set' && !type.frozen, 'non-frozen set');
      nonEmpty(operation.values);
      return { kind: 'merge', column, value: elements(operation.values, 'element', 'add') };
    case 'remove':
      need((type.kind === 'list' || type.kind === 'set') && !type.frozen, 'non-frozen list or set');
      nonEmpty(operation.values);
      return { kind: 'discard', column, value: elements(operation.values, 'element', 'remove') };
    case 'put': {
      need(type.kind === 'map' && !type.frozen, 'non-frozen map');
      if (operation.entries.size === 0) throw new QueryBuildError(`put() on "${target.property}" was given no entries.`);
      const map = new Map<unknown, unknown>();
      for (const [key, value] of operation.entries) {
        encodeCollectionPart(model, target, 'key', key, 'put');
        encodeCollectionPart(model, target, 'value', value, 'put');
        map.set(key, value);
      }
      // The whole map goes through the codec, which picks the driver's map form for the key type.
      return { kind: 'merge', column, value: encode(type, map) };
    }
    case 'removeKeys': {
      need(type.kind === 'map' && !type.frozen, 'non-frozen map');
      nonEmpty(operation.keys);
      // `map - set<key>` removes those keys.
      return { kind: 'discard', column, value: elements(operation.keys, 'key', 'removeKeys') };
    }
    case 'increment':
    case 'decrement': {
      need(isCounter, 'counter');
      const parsed = target.column.safeParse(operation.by);
      // `col - ?` makes Cassandra negate the delta, and -(-2^63) has no 64-bit form.
      if (!parsed.success || (operation.op === 'decrement' && operation.by === -(2n ** 63n))) {
        throw new QueryBuildError(`${operation.op}(${operation.by}) is out of the counter's 64-bit range.`);
      }
      return { kind: operation.op === 'increment' ? 'append' : 'subtract', column, value: encode(type, operation.by) };
    }
  }
}

function describe(type: CqlType): string {
  if (type.kind === 'native') return `a ${type.name}`;
  if (type.kind === 'list' || type.kind === 'set' || type.kind === 'map') return `a ${type.frozen ? 'frozen ' : ''}${type.kind}`;
  return `a ${type.kind}`;
}
