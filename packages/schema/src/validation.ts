// Write validation: values are checked with the model's zod schemas before anything is sent,
// and a failure is one ValidationError carrying every issue with its path.
import { ValidationError, type ValidationIssue } from '@cassia/core';
import { checkColumn, type CheckMode, KEY_SAFE_VARINT, KEY_SAFE_VARINT_BYTES, passesColumnFastCheck, throwIfIssues, type ColumnValidator } from './column-validation';
import type { InferInsert, InferPartial, ColumnsOf, ColumnValue } from './infer';
import { fixedSize, MAX_KEY_BYTES, serializedSize, COMPOSITE_COMPONENT_OVERHEAD, type KeyLimits } from './key-limits';
import type { AnyModel } from './model';
import { layoutOf, type LayoutColumn, type ModelLayout } from './model-layout';

export type { ColumnValidator } from './column-validation';

/**
 * Validates an insert: known columns only, primary key present and non-null, counters refused,
 * defaults applied to missing columns. Returns the (parsed) values; throws ValidationError.
 */
export function validateInsert<M extends AnyModel>(model: M, values: InferInsert<M>): InferInsert<M> {
  return toRecord(model, check(model, values as Record<string, unknown>, 'insert')) as InferInsert<M>;
}

declare const ownedColumnValuesBrand: unique symbol;

/**
 * Validated values in the model's column order, in an array made for this call and handed over:
 * nothing else holds it, so the caller may keep it, change it, or write its bound values into it
 * in place (packing reads each value before writing at or after its position).
 */
export type OwnedColumnValues = unknown[] & { readonly [ownedColumnValuesBrand]: true };

/**
 * validateInsert's result as a list in the model's column order (`Object.keys(model.columns)`),
 * `undefined` where a column is absent: for builders that turn every column into a bound value
 * and would otherwise look each one up by name again.
 */
export function validateInsertColumns<M extends AnyModel>(model: M, values: InferInsert<M>): OwnedColumnValues {
  return check(model, values as Record<string, unknown>, 'insert') as OwnedColumnValues;
}

/** Validates some columns (update values, conditions): known columns only, key and required columns non-null. */
export function validatePartial<M extends AnyModel>(model: M, values: InferPartial<M>): InferPartial<M> {
  return toRecord(model, check(model, values as Record<string, unknown>, 'partial')) as InferPartial<M>;
}

/** Validates one column value (null allowed for non-key columns); throws ValidationError. */
export function validateColumnValue<M extends AnyModel, K extends ColumnsOf<M>>(
  model: M,
  column: K,
  value: ColumnValue<M, K> | null,
): ColumnValue<M, K> | null {
  // One column's own check, not a walk over the whole model.
  const entry = layoutOf(model).byProperty.get(column);
  if (entry === undefined) return (validatePartial(model, { [column]: value } as InferPartial<M>) as Record<string, unknown>)[column] as ColumnValue<M, K> | null;
  return entry.validate(value) as ColumnValue<M, K> | null;
}

/** The validator of `column` (one per model column), for callers that validate it again and again. */
export function columnValidator<M extends AnyModel>(model: M, column: ColumnsOf<M>): ColumnValidator {
  const entry = layoutOf(model).byProperty.get(column);
  if (entry === undefined) return (value) => validateColumnValue(model, column, value as never);
  return entry.validate;
}

/** Checks `values`; returns the parsed values in the model's column order (undefined: absent), a fresh array the caller may keep. */
function check(model: AnyModel, values: Record<string, unknown>, mode: CheckMode): unknown[] {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new ValidationError(`model "${model.table}": expected an object of column values`, [
      { path: [], message: 'Expected an object of column values', code: 'invalid_type' },
    ]);
  }
  const layout = layoutOf(model);
  const parsed = checkAllFast(layout, values) ?? checkEveryColumn(model, layout, values, mode);
  if (layout.keyLimits !== undefined) checkWholeKey(model, layout.keyLimits, parsed);
  return parsed;
}

/**
 * The common write: only known columns, each value valid by its fast check. One pass over the
 * given keys (V8 reads `values[property]` inside a for-in over `values` from the object's own
 * layout, where a read by a column's name is a generic keyed lookup per column); columns not
 * given are left undefined. Undefined (not decided) at the first value that needs a closer look.
 * Own properties only: for-in also walks inherited enumerable keys (a polluted Object.prototype.role).
 */
function checkAllFast(layout: ModelLayout, values: Record<string, unknown>): unknown[] | undefined {
  const { columns, byProperty } = layout;
  const parsed = new Array<unknown>(columns.length);
  let found = 0;
  let at = 0;
  for (const property in values) {
    // Callers mostly list columns in the model's order: then the column at the same place is the
    // one, a comparison instead of a lookup by name.
    const guess = at < columns.length ? columns[at++] : undefined;
    const column = guess !== undefined && guess.property === property ? guess : byProperty.get(property);
    if (!Object.hasOwn(values, property)) continue;
    if (column === undefined) return undefined;
    const value = values[property];
    // Counters take the long way: an insert must refuse them whatever their value.
    if (column.isCounter || !passesColumnFastCheck(column, value)) return undefined;
    parsed[column.index] = value;
    found++;
  }
  // A column not given may need its default, or be a missing key: the careful pass decides.
  return found === columns.length ? parsed : undefined;
}

/** Every column in column order, collecting every issue (the order they are reported in). */
function checkEveryColumn(model: AnyModel, layout: ModelLayout, values: Record<string, unknown>, mode: CheckMode): unknown[] {
  const { columns, byProperty } = layout;
  // Made only when something needs a closer look: a valid write allocates no issue list.
  let issues: ValidationIssue[] | undefined;
  for (const property in values) {
    if (!byProperty.has(property) && Object.hasOwn(values, property)) {
      (issues ??= []).push({ path: [property], message: `Unknown column "${property}"`, code: 'unrecognized_keys' });
    }
  }
  const parsed = new Array<unknown>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    // Own properties only: an inherited value (or Object's `toString` for a column of that name) is absent.
    const value = Object.hasOwn(values, column.property) ? values[column.property] : undefined;
    parsed[i] = !column.isCounter && passesColumnFastCheck(column, value) ? value : checkColumn(column, value, mode, (issues ??= []));
  }
  throwIfIssues(model, issues);
  return parsed;
}

function toRecord(model: AnyModel, parsed: readonly unknown[]): Record<string, unknown> {
  const { columns } = layoutOf(model);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) if (parsed[i] !== undefined) out[columns[i].property] = parsed[i];
  return out;
}

/** Throws ValidationError when the key columns present in `parsed` exceed Cassandra's whole-key limits. */
function checkWholeKey(model: AnyModel, limits: KeyLimits, parsed: readonly unknown[]): void {
  checkKeyGroup(model, limits.partition, COMPOSITE_COMPONENT_OVERHEAD, limits.partitionLabel, parsed);
  checkKeyGroup(model, limits.clustering, 0, limits.clusteringLabel, parsed);
}

// Every write of a model with such keys comes here: no allocation unless the key is too large.
function checkKeyGroup(model: AnyModel, group: readonly LayoutColumn[], overhead: number, label: string, parsed: readonly unknown[]): void {
  // A cheap upper bound first (3 bytes per UTF-16 unit), the exact size only when it is over.
  let bound = 0;
  for (let i = 0; i < group.length; i++) {
    const value = parsed[group[i].index];
    // A partial write without the whole key says nothing about it.
    if (value === undefined || value === null) return;
    bound += sizeBound(group[i], value) + overhead;
  }
  if (bound <= MAX_KEY_BYTES) return;
  let bytes = 0;
  for (const column of group) bytes += serializedSize(column.cql, parsed[column.index]) + overhead;
  if (bytes <= MAX_KEY_BYTES) return;
  const message = `The ${label} is at most ${MAX_KEY_BYTES} bytes serialized (Cassandra's limit), got ${bytes}`;
  throwIfIssues(model, [{ path: [group[0].property], message, code: 'too_big' }]);
}

function sizeBound(column: LayoutColumn, value: unknown): number {
  if (typeof value === 'string') return value.length * 3;
  if (Buffer.isBuffer(value)) return value.length;
  if (typeof value === 'bigint' && value < KEY_SAFE_VARINT && value > -KEY_SAFE_VARINT) return KEY_SAFE_VARINT_BYTES;
  return fixedSize(column.cql) ?? serializedSize(column.cql, value);
}
