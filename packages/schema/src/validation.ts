// Write validation: values are checked with the model's zod schemas before anything is sent,
// and a failure is one ValidationError carrying every issue with its path.
import { ValidationError, type ValidationIssue } from '@cassia/core';
import { fastCheckOf, resolveDefault, type AnyColumn } from './column';
import { passesFast, type FastCheck } from './fast-check';
import type { InferInsert, InferPartial, ColumnsOf, ColumnValue } from './infer';
import { COMPOSITE_COMPONENT_OVERHEAD, fixedSize, isEmptyCollection, MAX_KEY_BYTES, serializedSize } from './key-limits';
import type { AnyModel } from './model';

/**
 * Validates an insert: known columns only, primary key present and non-null, counters refused,
 * defaults applied to missing columns. Returns the (parsed) values; throws ValidationError.
 */
export function validateInsert<M extends AnyModel>(model: M, values: InferInsert<M>): InferInsert<M> {
  return toRecord(model, check(model, values as Record<string, unknown>, 'insert')) as InferInsert<M>;
}

/**
 * validateInsert's result as a list in the model's column order (`Object.keys(model.columns)`),
 * `undefined` where a column is absent: for builders that turn every column into a bound value
 * and would otherwise look each one up by name again. A fresh array: the caller may keep or change it.
 */
export function validateInsertColumns<M extends AnyModel>(model: M, values: InferInsert<M>): unknown[] {
  return check(model, values as Record<string, unknown>, 'insert');
}

/** Validates some columns (update values, conditions): known columns only, key columns non-null. */
export function validatePartial<M extends AnyModel>(model: M, values: InferPartial<M>): InferPartial<M> {
  return toRecord(model, check(model, values as Record<string, unknown>, 'partial')) as InferPartial<M>;
}

/** Validates one column value (null allowed for non-key columns); throws ValidationError. */
export function validateColumnValue<M extends AnyModel, K extends ColumnsOf<M>>(
  model: M,
  column: K,
  value: ColumnValue<M, K> | null,
): ColumnValue<M, K> | null {
  // Every where() and update() value comes through here: parse that one column instead of
  // walking the whole model (the bench's profile had the walk on top of a select's cost).
  const entry = Object.hasOwn(model.columns, column) ? columnTable(model).byProperty.get(column) : undefined;
  if (entry === undefined) return (validatePartial(model, { [column]: value } as InferPartial<M>) as Record<string, unknown>)[column] as ColumnValue<M, K> | null;
  return entry.validate(value) as ColumnValue<M, K> | null;
}

/** validateColumnValue for one column, found once: returns the parsed value or throws ValidationError. */
export type ColumnValidator = (value: unknown) => unknown;

/** The validator of `column` (one per model column), for callers that validate it again and again. */
export function columnValidator<M extends AnyModel>(model: M, column: ColumnsOf<M>): ColumnValidator {
  const entry = Object.hasOwn(model.columns, column) ? columnTable(model).byProperty.get(column) : undefined;
  if (entry === undefined) return (value) => validateColumnValue(model, column, value as never);
  return entry.validate;
}

/** Checks `values`; returns the parsed values in the model's column order (undefined: absent), a fresh array the caller may keep. */
function check(model: AnyModel, values: Record<string, unknown>, mode: 'insert' | 'partial'): unknown[] {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new ValidationError(`model "${model.table}": expected an object of column values`, [
      { path: [], message: 'Expected an object of column values', code: 'invalid_type' },
    ]);
  }
  const table = columnTable(model);
  const parsed = checkFast(table, values) ?? checkEveryColumn(model, table, values, mode);
  if (table.keyLimits !== undefined) checkWholeKey(model, table.keyLimits, parsed);
  return parsed;
}

/**
 * The common write: only known columns, each value valid at a glance. One pass over the given keys
 * (V8 reads `values[property]` inside a for-in over `values` straight from the object's layout,
 * where a read by a column's name is a generic keyed lookup per column); columns not given are
 * left undefined. Undefined (not decided) at the first value that needs a closer look. Own
 * properties only: for-in also walks inherited enumerable keys (a polluted Object.prototype.role).
 */
function checkFast(table: ColumnTable, values: Record<string, unknown>): unknown[] | undefined {
  const { list, byProperty } = table;
  const parsed = new Array<unknown>(list.length);
  let found = 0;
  let at = 0;
  for (const property in values) {
    // Callers mostly list columns in the model's order: then the column at the same place is the
    // one, a comparison instead of a lookup by name.
    const guess = at < list.length ? list[at++] : undefined;
    const entry = guess !== undefined && guess.property === property ? guess : byProperty.get(property);
    if (!Object.hasOwn(values, property)) continue;
    if (entry === undefined) return undefined;
    const value = values[property];
    // Counters take the long way: an insert must refuse them whatever their value.
    if (entry.isCounter || !passesFastCheck(entry, value)) return undefined;
    parsed[entry.index] = value;
    found++;
  }
  // A column not given may need its default, or be a missing key: the careful pass decides.
  return found === list.length ? parsed : undefined;
}

/** Every column in column order, collecting every issue (the order they are reported in). */
function checkEveryColumn(model: AnyModel, table: ColumnTable, values: Record<string, unknown>, mode: 'insert' | 'partial'): unknown[] {
  const { list, byProperty } = table;
  // Made only when something needs a closer look: a valid write allocates no issue list.
  let issues: ValidationIssue[] | undefined;
  for (const property in values) {
    if (!byProperty.has(property) && Object.hasOwn(values, property)) {
      (issues ??= []).push({ path: [property], message: `Unknown column "${property}"`, code: 'unrecognized_keys' });
    }
  }
  const parsed = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    // Own properties only: an inherited value (or Object's `toString` for a column of that name) is absent.
    const value = Object.hasOwn(values, entry.property) ? values[entry.property] : undefined;
    parsed[i] = !entry.isCounter && passesFastCheck(entry, value) ? value : checkColumn(entry, value, mode, (issues ??= []));
  }
  throwIfIssues(model, issues);
  return parsed;
}

function toRecord(model: AnyModel, parsed: readonly unknown[]): Record<string, unknown> {
  const { list } = columnTable(model);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < list.length; i++) if (parsed[i] !== undefined) out[list[i].property] = parsed[i];
  return out;
}

/** What validation needs to know of one column, worked out once per model. */
interface ColumnEntry {
  /** Position in the model's column order. */
  readonly index: number;
  readonly property: string;
  readonly column: AnyColumn;
  readonly isKey: boolean;
  /** Cassandra's limit on this key column's serialized value alone (0 for a non-key column). */
  readonly maxKeyBytes: number;
  /** The only partition key column: its serialized value may not be empty. */
  readonly isSolePartitionKey: boolean;
  readonly isCounter: boolean;
  readonly fast: FastCheck | undefined;
  /** validateColumnValue of this column. */
  readonly validate: ColumnValidator;
}

interface ColumnTable {
  /** In the model's column order (the order issues are reported in). */
  readonly list: readonly ColumnEntry[];
  readonly byProperty: ReadonlyMap<string, ColumnEntry>;
  /** The key sums to check over a whole write; undefined when no values can exceed them. */
  readonly keyLimits: KeyLimits | undefined;
}

/** Key columns whose serialized sizes are limited together (see key-limits.ts). */
interface KeyLimits {
  /** A composite partition key's columns (each adds COMPOSITE_COMPONENT_OVERHEAD); empty when not checked. */
  readonly partition: readonly ColumnEntry[];
  /** The clustering columns; empty when not checked. */
  readonly clustering: readonly ColumnEntry[];
  /** How issues name the two groups (made once, not per write). */
  readonly partitionLabel: string;
  readonly clusteringLabel: string;
}

// Models are frozen, so a model's table never goes stale; per-write `includes` scans of the key
// and counter lists and `Object.entries` of the columns were a visible part of an insert's cost.
const columnTables = new WeakMap<AnyModel, ColumnTable>();

function columnTable(model: AnyModel): ColumnTable {
  let table = columnTables.get(model);
  if (table === undefined) {
    const composite = model.partitionKey.length > 1;
    const list = Object.entries(model.columns).map(([property, column], index): ColumnEntry => {
      const isKey = model.primaryKey.includes(property);
      const isPartition = model.partitionKey.includes(property);
      const entry: ColumnEntry = {
        index,
        property,
        column,
        isKey,
        maxKeyBytes: !isKey ? 0 : isPartition && composite ? MAX_KEY_BYTES - COMPOSITE_COMPONENT_OVERHEAD : MAX_KEY_BYTES,
        isSolePartitionKey: isPartition && !composite,
        isCounter: model.counterColumns.includes(property),
        fast: fastCheckOf(column),
        validate: (value) => (passesFastCheck(entry, value) ? value : validateOne(model, entry, value)),
      };
      return entry;
    });
    table = { list, byProperty: new Map(list.map((entry) => [entry.property, entry])), keyLimits: keyLimitsOf(model, list) };
    columnTables.set(model, table);
  }
  return table;
}

/** Checks one known column's value: its issues go to `issues`; returns the parsed value (undefined: absent or invalid). */
function checkColumn(entry: ColumnEntry, given: unknown, mode: 'insert' | 'partial', issues: ValidationIssue[]): unknown {
  let value = given;
  const { property, column, isKey } = entry;
  if (mode === 'insert' && entry.isCounter) {
    if (value !== undefined) {
      issues.push({ path: [property], message: 'A counter cannot be inserted; update it with an increment', code: 'custom' });
    }
    return undefined;
  }
  if (value === undefined && mode === 'insert' && column.columnOptions.default !== undefined) value = resolveDefault(column);
  if (value === undefined) {
    if (mode === 'insert' && isKey) {
      issues.push({ path: [property], message: 'Required: a primary key column', code: 'invalid_type' });
    }
    return undefined;
  }
  if (value === null) {
    if (isKey) issues.push({ path: [property], message: 'A primary key column cannot be null', code: 'invalid_type' });
    return isKey ? undefined : null;
  }
  if (passesFastCheck(entry, value)) return value;
  const result = column.safeParse(value);
  if (result.success && isKey) {
    const problem = keyValueProblem(entry, result.data);
    if (problem !== undefined) {
      issues.push({ path: [property], message: problem, code: problem.startsWith('An empty') ? 'too_small' : 'too_big' });
      return undefined;
    }
  }
  if (result.success) return result.data;
  for (const issue of result.error.issues) issues.push({ path: [property, ...issue.path.map(pathPart)], message: issue.message, code: issue.code });
  return undefined;
}

function validateOne(model: AnyModel, entry: ColumnEntry, value: unknown): unknown {
  const issues: ValidationIssue[] = [];
  const parsed = checkColumn(entry, value, 'partial', issues);
  throwIfIssues(model, issues);
  return parsed;
}

/** Whether a present value is valid without asking zod (a key also within Cassandra's size limits). */
function passesFastCheck(entry: ColumnEntry, value: unknown): boolean {
  if (entry.fast === undefined || value === null || value === undefined || !passesFast(entry.fast, value)) return false;
  if (!entry.isKey) return true;
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so a short string key needs no byte count; an
  // empty one has none, which the sole partition key column may not be.
  if (typeof value === 'string') {
    return (value.length > 0 || !entry.isSolePartitionKey) && (value.length * 3 <= entry.maxKeyBytes || Buffer.byteLength(value, 'utf8') <= entry.maxKeyBytes);
  }
  if (Buffer.isBuffer(value)) return (value.length > 0 || !entry.isSolePartitionKey) && value.length <= entry.maxKeyBytes;
  // Fixed-size keys are small; a varint is, below a bound compared without allocating.
  return typeof value !== 'bigint' || (value < KEY_SAFE_VARINT && value > -KEY_SAFE_VARINT);
}

// Varints within ±2^8000 take at most 1001 bytes, far within every key limit.
const KEY_SAFE_VARINT = 2n ** 8000n;
const KEY_SAFE_VARINT_BYTES = 1001;

/** Why a valid value cannot be this key column's value (Cassandra would refuse it), if it cannot. */
function keyValueProblem(entry: ColumnEntry, value: unknown): string | undefined {
  const type = entry.column.cql;
  if (isEmptyCollection(type, value)) return 'An empty frozen collection cannot be a primary key value (Cassandra receives it as null)';
  const bytes = serializedSize(type, value);
  if (bytes === 0 && entry.isSolePartitionKey) return "An empty value cannot be the partition key (Cassandra's \"Key may not be empty\")";
  if (bytes > entry.maxKeyBytes) return `A primary key value is at most ${entry.maxKeyBytes} bytes serialized (Cassandra's limit), got ${bytes}`;
  return undefined;
}

function throwIfIssues(model: AnyModel, issues: readonly ValidationIssue[] | undefined): void {
  if (issues === undefined || issues.length === 0) return;
  // The summary is built from the first issues only: one per bad element made errors huge.
  throw ValidationError.fromIssues(`model "${model.table}": invalid values`, issues);
}

// Whole-key sums need checking only when a key has more than one column of a variable size (a
// single one is held to its own limit, which equals the sum's).
function keyLimitsOf(model: AnyModel, list: readonly ColumnEntry[]): KeyLimits | undefined {
  const entries = (names: readonly string[]) => list.filter((entry) => names.includes(entry.property));
  const partition = model.partitionKey.length > 1 ? entries(model.partitionKey) : [];
  const clustering = entries(model.clusteringKey.map((c) => c.column));
  const variable = (group: readonly ColumnEntry[]) => group.filter((entry) => fixedSize(entry.column.cql) === undefined).length;
  const fixedTotal = (group: readonly ColumnEntry[], overhead: number) =>
    group.reduce((sum, entry) => sum + (fixedSize(entry.column.cql) ?? 0) + overhead, 0);
  const partitionNeeded = variable(partition) > 1 || (variable(partition) === 1 && fixedTotal(partition, COMPOSITE_COMPONENT_OVERHEAD) > COMPOSITE_COMPONENT_OVERHEAD);
  const clusteringNeeded = variable(clustering) > 1 || (variable(clustering) === 1 && fixedTotal(clustering, 0) > 0);
  if (!partitionNeeded && !clusteringNeeded) return undefined;
  const names = (group: readonly ColumnEntry[]) => group.map((entry) => entry.property).join(', ');
  return {
    partition: partitionNeeded ? partition : [],
    clustering: clusteringNeeded ? clustering : [],
    partitionLabel: `composite partition key (${names(partition)})`,
    clusteringLabel: `clustering key (${names(clustering)}) together`,
  };
}

/** Throws ValidationError when the key columns present in `parsed` exceed Cassandra's whole-key limits. */
function checkWholeKey(model: AnyModel, limits: KeyLimits, parsed: readonly unknown[]): void {
  checkKeyGroup(model, limits.partition, COMPOSITE_COMPONENT_OVERHEAD, limits.partitionLabel, parsed);
  checkKeyGroup(model, limits.clustering, 0, limits.clusteringLabel, parsed);
}

// Every write of a model with such keys comes here: no allocation unless the key is too large.
function checkKeyGroup(model: AnyModel, group: readonly ColumnEntry[], overhead: number, label: string, parsed: readonly unknown[]): void {
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
  for (const entry of group) bytes += serializedSize(entry.column.cql, parsed[entry.index]) + overhead;
  if (bytes <= MAX_KEY_BYTES) return;
  const message = `The ${label} is at most ${MAX_KEY_BYTES} bytes serialized (Cassandra's limit), got ${bytes}`;
  throwIfIssues(model, [{ path: [group[0].property], message, code: 'too_big' }]);
}

function sizeBound(entry: ColumnEntry, value: unknown): number {
  if (typeof value === 'string') return value.length * 3;
  if (Buffer.isBuffer(value)) return value.length;
  if (typeof value === 'bigint' && value < KEY_SAFE_VARINT && value > -KEY_SAFE_VARINT) return KEY_SAFE_VARINT_BYTES;
  return fixedSize(entry.column.cql) ?? serializedSize(entry.column.cql, value);
}

// zod paths may hold symbols (never for Cassia's schemas); they are shown as strings.
function pathPart(part: PropertyKey): string | number {
  return typeof part === 'number' ? part : String(part);
}
