// Column lookup and value checks shared by conditions and assignments: a property name becomes
// its column (or a QueryBuildError), and a value is validated by zod and encoded by the codec.
import { QueryBuildError, ValidationError } from '@cassia/core';
import { shareNameList, type SharedNameList } from './shared-name-list';
import { describeInput } from './describe-input';
import { columnValidator, encode, isPassThrough, type AnyColumn, type ColumnValidator, type AnyModel, type CqlType } from '@cassia/schema';

/** A model column found by its property name (one frozen object per column and model). */
export interface ModelColumn {
  /** Position in the model's column order (`Object.keys(model.columns)`). */
  readonly index: number;
  readonly property: string;
  readonly dbName: string;
  readonly column: AnyColumn;
  /** Part of the primary key. */
  readonly isKey: boolean;
  readonly isCounter: boolean;
  /** Values are bound as they are (no codec call needed). */
  readonly passThrough: boolean;
  /** The schema's validateColumnValue for this column. */
  readonly validate: ColumnValidator;
}

class ModelColumns implements InsertColumns {
  readonly byProperty: ReadonlyMap<string, ModelColumn>;
  readonly insertable: readonly ModelColumn[];
  readonly bindsAsIs: boolean;
  readonly #insertNames = new Map<number, SharedNameList>();

  constructor(list: readonly ModelColumn[]) {
    this.byProperty = new Map(list.map((entry) => [entry.property, entry]));
    this.insertable = list.filter((entry) => !entry.isCounter);
    this.bindsAsIs = list.every((entry) => !entry.isCounter && entry.passThrough);
  }

  names(present: number): SharedNameList {
    let names = this.#insertNames.get(present);
    if (names === undefined) {
      names = shareNameList(this.insertable.filter((_, i) => (present & (1 << i)) !== 0).map((entry) => entry.dbName));
      this.#insertNames.set(present, names);
    }
    return names;
  }
}

// Models are frozen, so their column lookups are worked out once per model: builders look a
// column up for every where() and update() value, and an object per lookup showed in the profile.
const modelColumns = new WeakMap<AnyModel, ModelColumns>();

function columnsOf(model: AnyModel): ModelColumns {
  let columns = modelColumns.get(model);
  if (columns === undefined) {
    const list = Object.keys(model.columns).map((property, index) =>
      Object.freeze({
        index,
        property,
        dbName: model.dbNames[property],
        column: model.columns[property],
        isKey: model.primaryKey.includes(property),
        isCounter: model.counterColumns.includes(property),
        passThrough: isPassThrough(model.columns[property].cql),
        validate: columnValidator(model, property),
      }),
    );
    columns = new ModelColumns(list);
    modelColumns.set(model, columns);
  }
  return columns;
}

/** The column `property` of `model`; QueryBuildError naming the known columns otherwise. */
export function columnOf(model: AnyModel, property: unknown, what: string): ModelColumn {
  const found = typeof property === 'string' ? columnsOf(model).byProperty.get(property) : undefined;
  if (found === undefined) {
    throw new QueryBuildError(
      `Unknown column ${describeInput(property)} in ${what} of table "${model.table}"; ` +
        `its columns are ${Object.keys(model.columns).join(', ')}.`,
    );
  }
  return found;
}

/** What an INSERT of `model` needs of its columns (one lookup per insert). */
export interface InsertColumns {
  /** The columns an INSERT can write (every non-counter column), in the model's column order. */
  readonly insertable: readonly ModelColumn[];
  /** Every column is insertable and binds as it is (so insertable[i] is column i, its value unchanged). */
  readonly bindsAsIs: boolean;
  /**
   * The database names of the insertable columns whose bits are set in `present` (bit i: the i-th
   * of insertable), as one frozen list per set: every insert of the same columns shares it,
   * instead of building the list again.
   */
  names(present: number): SharedNameList;
}

/** The insert view of `model`'s columns. */
export function insertColumnsOf(model: AnyModel): InsertColumns {
  return columnsOf(model);
}

/** Models with more insertable columns than this list an INSERT's names per statement instead. */
export const MAX_INSERT_BITS = 30;

/** Validates one non-null value of a column and returns the driver's value. */
export function encodeColumnValue(target: ModelColumn, value: unknown, what: string): unknown {
  if (value === null || value === undefined) {
    throw new QueryBuildError(`${what} on column "${target.property}" needs a value, got ${describeInput(value)}.`);
  }
  return encodeParsed(target, target.validate(value));
}

/** The driver's value of an already validated, non-null value. */
export function encodeParsed(target: ModelColumn, parsed: unknown): unknown {
  return target.passThrough ? parsed : encode(target.column.cql, parsed);
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
