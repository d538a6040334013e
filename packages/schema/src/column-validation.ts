// The checks of one column's value, for a model's layout: its fast check, its zod schema, and
// Cassandra's limits on a key column's value. Issues are collected with their paths; a failure
// becomes one ValidationError naming the model.
import { ValidationError, type ValidationIssue } from '@cassia/core';
import { resolveDefault } from './column';
import { passesFastCheck } from './fast-check';
import { isEmptyCollection, serializedSize } from './key-limits';
import type { AnyModel } from './model';
import type { LayoutColumn } from './model-layout';

/** Validates one value of a known column (null allowed for a non-key column): returns the parsed value or throws ValidationError. */
export type ColumnValidator = (value: unknown) => unknown;

/** The careful check of one value of `column` (null allowed for a non-key column): the parsed value, or ValidationError. */
export function validateColumn(model: AnyModel, column: LayoutColumn, value: unknown): unknown {
  const issues: ValidationIssue[] = [];
  const parsed = checkColumn(column, value, 'value', issues);
  throwIfIssues(model, issues);
  return parsed;
}

/** Whether a present value is valid by the column's fast check alone (a key also within Cassandra's size limits). */
export function passesColumnFastCheck(column: LayoutColumn, value: unknown): boolean {
  if (column.fastCheck === undefined || value === null || value === undefined || !passesFastCheck(column.fastCheck, value)) return false;
  if (!column.isKey) return true;
  // A vector key's size grows with its dimension: zod and the key limits decide.
  if (column.fastCheck.kind === 'vector') return false;
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so a short string key needs no byte count; an
  // empty one has none, which the sole partition key column may not be.
  if (typeof value === 'string') {
    return (value.length > 0 || !column.isSolePartitionKey) && (value.length * 3 <= column.maxKeyBytes || Buffer.byteLength(value, 'utf8') <= column.maxKeyBytes);
  }
  if (Buffer.isBuffer(value)) return (value.length > 0 || !column.isSolePartitionKey) && value.length <= column.maxKeyBytes;
  // Fixed-size keys are small; a varint is, below a bound compared without allocating.
  return typeof value !== 'bigint' || (value < KEY_SAFE_VARINT && value > -KEY_SAFE_VARINT);
}

/** Varints within ±2^8000 take at most KEY_SAFE_VARINT_BYTES, far within every key limit. */
export const KEY_SAFE_VARINT = 2n ** 8000n;
export const KEY_SAFE_VARINT_BYTES = 1001;

/**
 * What a check is for: an insert (every column: key and required ones must be present), some
 * columns of a write (`partial`: a required column may be absent, not null), or one value that
 * may also be a condition's (`value`: null allowed for every non-key column).
 */
export type CheckMode = 'insert' | 'partial' | 'value';

/** The issue of a required column that a write leaves out or sets to null. */
export function requiredColumnIssue(property: string, value: null | undefined): ValidationIssue {
  const message = value === null ? 'A required column (.required()) cannot be null' : 'Required: a required column (.required()) without a default';
  return { path: [property], message, code: 'invalid_type' };
}

/** Throws ValidationError when a write would set required `column` to null. */
export function refuseRequiredNull(model: AnyModel, column: LayoutColumn, value: unknown): void {
  if (value === null && column.isRequired) throwIfIssues(model, [requiredColumnIssue(column.property, null)]);
}

/** Checks one known column's value: its issues go to `issues`; returns the parsed value (undefined: absent or invalid). */
export function checkColumn(column: LayoutColumn, given: unknown, mode: CheckMode, issues: ValidationIssue[]): unknown {
  let value = given;
  const { property, isKey } = column;
  if (mode === 'insert' && column.isCounter) {
    if (value !== undefined) {
      issues.push({ path: [property], message: 'A counter cannot be inserted; update it with an increment', code: 'custom' });
    }
    return undefined;
  }
  if (value === undefined && mode === 'insert' && column.column.columnOptions.default !== undefined) value = resolveDefault(column.column);
  if (value === undefined) {
    if (mode === 'insert' && isKey) {
      issues.push({ path: [property], message: 'Required: a primary key column', code: 'invalid_type' });
    } else if (mode === 'insert' && column.isRequired) {
      issues.push(requiredColumnIssue(property, undefined));
    }
    return undefined;
  }
  if (value === null) {
    if (isKey) issues.push({ path: [property], message: 'A primary key column cannot be null', code: 'invalid_type' });
    else if (column.isRequired && mode !== 'value') issues.push(requiredColumnIssue(property, null));
    return isKey ? undefined : null;
  }
  if (passesColumnFastCheck(column, value)) return value;
  const result = column.column.safeParse(value);
  if (result.success && isKey) {
    const problem = keyValueProblem(column, result.data);
    if (problem !== undefined) {
      issues.push({ path: [property], message: problem, code: problem.startsWith('An empty') ? 'too_small' : 'too_big' });
      return undefined;
    }
  }
  if (result.success) return result.data;
  for (const issue of result.error.issues) issues.push({ path: [property, ...issue.path.map(pathPart)], message: issue.message, code: issue.code });
  return undefined;
}

/** Why a valid value cannot be this key column's value (Cassandra would refuse it), if it cannot. */
function keyValueProblem(column: LayoutColumn, value: unknown): string | undefined {
  const type = column.cql;
  if (isEmptyCollection(type, value)) return 'An empty frozen collection cannot be a primary key value (Cassandra receives it as null)';
  const bytes = serializedSize(type, value);
  if (bytes === 0 && column.isSolePartitionKey) return "An empty value cannot be the partition key (Cassandra's \"Key may not be empty\")";
  if (bytes > column.maxKeyBytes) return `A primary key value is at most ${column.maxKeyBytes} bytes serialized (Cassandra's limit), got ${bytes}`;
  return undefined;
}

/** Throws one ValidationError for `issues` of a write of `model`, if there are any. */
export function throwIfIssues(model: AnyModel, issues: readonly ValidationIssue[] | undefined): void {
  if (issues === undefined || issues.length === 0) return;
  // The summary is built from the first issues only: one per bad element made errors huge.
  throw ValidationError.fromIssues(`model "${model.table}": invalid values`, issues);
}

// zod paths may hold symbols (never for Cassia's schemas); they are shown as strings.
function pathPart(part: PropertyKey): string | number {
  return typeof part === 'number' ? part : String(part);
}
