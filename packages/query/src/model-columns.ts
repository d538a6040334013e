// Column lookup and value checks shared by conditions and assignments: a property name becomes
// its column in the model's layout (or a QueryBuildError), and a value is validated by that
// column's validator and encoded by its encoder.
import { QueryBuildError, ValidationError } from '@cassia/core';
import type { AnyColumn, AnyModel, CqlType } from '@cassia/schema';
import { encode, layoutOf, type LayoutColumn } from '@cassia/schema/internal';
import { describeInput } from './describe-input';

/** A model column found by its property name: its column in the model's layout. */
export type ModelColumn = LayoutColumn;

/** The column `property` of `model`; QueryBuildError naming the known columns otherwise. */
export function columnOf(model: AnyModel, property: unknown, what: string): ModelColumn {
  const found = typeof property === 'string' ? layoutOf(model).byProperty.get(property) : undefined;
  if (found === undefined) {
    throw new QueryBuildError(
      `Unknown column ${describeInput(property)} in ${what} of table "${model.table}"; ` +
        `its columns are ${Object.keys(model.columns).join(', ')}.`,
    );
  }
  return found;
}

/** Validates one non-null value of a column and returns the driver's value. */
export function encodeColumnValue(target: ModelColumn, value: unknown, what: string): unknown {
  if (value === null || value === undefined) {
    throw new QueryBuildError(`${what} on column "${target.property}" needs a value, got ${describeInput(value)}.`);
  }
  return encodeParsed(target, target.validate(value));
}

/** The driver's value of an already validated, non-null value. */
export function encodeParsed(target: ModelColumn, parsed: unknown): unknown {
  return target.encode === undefined ? parsed : target.encode(parsed);
}

/** Validates a value (null allowed for non-key columns) and returns the driver's value. */
export function encodeNullableColumnValue(target: ModelColumn, value: unknown): unknown {
  const parsed = target.validate(value);
  return parsed === null ? null : encodeParsed(target, parsed);
}

/** Which part of a collection column a value is for. */
export type CollectionPart = 'element' | 'key' | 'value';

/**
 * Validates one element, key or map value of a collection column and returns the driver's value.
 * The zod schema of that part is read from the column's own zod definition, so the check is the
 * same one a whole-collection write gets.
 */
export function encodeCollectionPart(
  model: AnyModel,
  target: ModelColumn,
  part: CollectionPart,
  value: unknown,
  what: string,
): unknown {
  const type = partType(target.column.cql, part);
  const schema = partSchema(target.column, part);
  if (type === undefined || schema === undefined) {
    throw new QueryBuildError(`${what} needs a collection column, but "${target.property}" of "${model.table}" is not one that has ${part}s.`);
  }
  if (value === null || value === undefined) {
    throw new QueryBuildError(`${what} on column "${target.property}" needs a value, got ${describeInput(value)}.`);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: [target.property, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
      message: issue.message,
      code: issue.code,
    }));
    throw new ValidationError(
      `model "${model.table}": invalid ${part} for ${what} on "${target.property}": ${issues.map((i) => i.message).join('; ')}`,
      issues,
    );
  }
  return encode(type, result.data);
}

function partType(type: CqlType, part: CollectionPart): CqlType | undefined {
  if (type.kind === 'list' || type.kind === 'set') return part === 'element' ? type.element : undefined;
  if (type.kind === 'map') return part === 'key' ? type.key : part === 'value' ? type.value : undefined;
  return undefined;
}

// zod 4 keeps a collection's inner schemas on its definition: arrays `element`, sets
// `valueType`, maps `keyType` / `valueType`.
function partSchema(column: AnyColumn, part: CollectionPart): Pick<AnyColumn, 'safeParse'> | undefined {
  const def = (column as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const key = def.type === 'array' ? (part === 'element' ? 'element' : undefined)
    : def.type === 'set' ? (part === 'element' ? 'valueType' : undefined)
      : def.type === 'map' ? (part === 'key' ? 'keyType' : part === 'value' ? 'valueType' : undefined)
        : undefined;
  return key === undefined ? undefined : (def[key] as Pick<AnyColumn, 'safeParse'> | undefined);
}
