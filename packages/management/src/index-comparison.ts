// How an index in system_schema.indexes compares to a model's index: column, target kind
// (keys/values/entries/full or the whole column), class (legacy or SAI or a custom class) and options
// (SAI vector options as the server reads them: similarity_function without case, unset as its default).
import { describeValue } from '@cassia/core/internal';
import type { AnyModel, ModelIndex } from '@cassia/schema';
import { isCollection, isFrozen } from '@cassia/schema/internal';
import type { IndexDescription } from './schema-description';

/** An index target as system_schema.indexes spells it: `col`, `"Col"`, `keys(col)`, `values(col)`, ... */
interface IndexTargetParts {
  readonly column: string;
  /** undefined: the whole column. */
  readonly kind: string | undefined;
}

// Option keys of system_schema.indexes that describe the index itself rather than WITH OPTIONS.
const DESCRIPTIVE_KEYS = new Set(['target', 'class_name']);
// SAI vector index options Cassandra reads without case, and what it takes when one is left out.
const CASELESS_KEYS = new Set(['similarity_function', 'optimize_for']);
const VECTOR_OPTION_DEFAULTS: Readonly<Record<string, string>> = {
  similarity_function: 'cosine',
  optimize_for: 'latency',
  maximum_node_connections: '16',
  construction_beam_width: '100',
};
const SAI_NAMES = new Set(['sai', 'storageattachedindex', 'org.apache.cassandra.index.sai.storageattachedindex']);

/** Whether an existing index covers the same column and target kind as the model's index (whatever its name). */
export function sameIndexTarget(model: AnyModel, index: ModelIndex, existing: IndexDescription): boolean {
  const target = existing.options.target;
  if (target === undefined) return false;
  const parsed = parseIndexTarget(target);
  return parsed.column === index.dbColumn && parsed.kind === targetKindOf(model, index);
}

/**
 * What differs between the model's index and the database index of the same name, one phrase per
 * difference (`target keys(m) in the database, entries(m) in the model`); empty when they match.
 */
export function indexDifferences(model: AnyModel, index: ModelIndex, existing: IndexDescription): string[] {
  const differences: string[] = [];
  const wantedTarget = printTarget({ column: index.dbColumn, kind: targetKindOf(model, index) });
  const actualTarget = existing.options.target;
  if (actualTarget === undefined || printTarget(parseIndexTarget(actualTarget)) !== wantedTarget) {
    differences.push(`target ${actualTarget ?? '(none)'} in the database, ${wantedTarget} in the model`);
  }
  const wantedClass = indexClassOf(index.using);
  const actualClass = existing.kind === 'CUSTOM' ? indexClassOf(existing.options.class_name ?? '') : 'legacy';
  if (wantedClass !== actualClass) {
    differences.push(`class ${describeClass(actualClass)} in the database, ${describeClass(wantedClass)} in the model`);
  }
  const wantedOptions = index.options ?? {};
  const actualOptions = Object.fromEntries(Object.entries(existing.options).filter(([key]) => !DESCRIPTIVE_KEYS.has(key)));
  for (const key of new Set([...Object.keys(actualOptions), ...Object.keys(wantedOptions)])) {
    const wanted = Object.hasOwn(wantedOptions, key) ? wantedOptions[key] : undefined;
    const actual = Object.hasOwn(actualOptions, key) ? actualOptions[key] : undefined;
    // The server stores index options as given, so they are compared as text, except the vector
    // options whose values it reads in either case (`COSINE` is `cosine`).
    if (wanted === actual || sameVectorOption(key, wanted, actual)) continue;
    differences.push(`option ${key} ${describeOption(actual)} in the database, ${describeOption(wanted)} in the model`);
  }
  return differences;
}

// Whether two values of a vector index option mean the same to the server: unset is its default, and
// similarity_function / optimize_for are read without case.
function sameVectorOption(key: string, wanted: string | undefined, actual: string | undefined): boolean {
  if (!Object.hasOwn(VECTOR_OPTION_DEFAULTS, key)) return false;
  const read = (value: string | undefined) => {
    const given = value ?? VECTOR_OPTION_DEFAULTS[key];
    return CASELESS_KEYS.has(key) ? given.toLowerCase() : given;
  };
  return read(wanted) === read(actual);
}

/** The target kind Cassandra records for the model's index: a non-frozen collection defaults to its values. */
function targetKindOf(model: AnyModel, index: ModelIndex): string | undefined {
  if (index.target !== undefined) return index.target;
  const cql = model.columns[index.column].cql;
  return isCollection(cql) && !isFrozen(cql) ? 'values' : undefined;
}

function parseIndexTarget(target: string): IndexTargetParts {
  const match = /^(keys|values|entries|full)\((.*)\)$/.exec(target);
  const raw = match === null ? target : match[2];
  const column = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw;
  return { column, kind: match?.[1] };
}

function printTarget(target: IndexTargetParts): string {
  const column = /^[a-z][a-z0-9_]*$/.test(target.column) ? target.column : `"${target.column.replace(/"/g, '""')}"`;
  return target.kind === undefined ? column : `${target.kind}(${column})`;
}

// 'legacy' for a built-in secondary index, 'sai' for every spelling of the storage-attached index,
// else the custom class as given (the server keeps it as given).
function indexClassOf(using: string | undefined): string {
  if (using === undefined || using.toLowerCase() === 'legacy_local_table') return 'legacy';
  return SAI_NAMES.has(using.toLowerCase()) ? 'sai' : using;
}

function describeClass(indexClass: string): string {
  return indexClass === 'legacy' ? 'legacy (no USING)' : `'${indexClass}'`;
}

function describeOption(value: string | undefined): string {
  return value === undefined ? 'unset' : describeValue(value);
}
