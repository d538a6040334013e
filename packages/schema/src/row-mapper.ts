// Driver rows (database column names) → JS rows (property names), through the codec's decode.
// Every read maps its rows, so each model gets a mapper made once: a function generated from its
// column names where the runtime allows it (an object literal of fixed keys: a tenth of the time
// of setting properties by computed names in a loop), else the loop itself.
import { types } from 'cassandra-driver';
import { isIdentifier } from '@cassia/core/internal';
import { decode } from './codec';
import type { CqlType } from './cql-type';
import type { InferRow } from './infer';
import type { AnyModel } from './model';

/** Maps one driver row to a JS row of its model. */
export type RowMapper = (row: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** One readable column of a model, as the mappers need it. */
export interface ReadableColumn {
  readonly property: string;
  readonly dbName: string;
  readonly cql: CqlType;
  /** Which driver values decode would return unchanged (so it is skipped): all, numbers only, or none. */
  readonly asIs: 'always' | 'numbers' | 'never';
  /** A driver row (or any object) inherits a property of this name. */
  readonly inherited: boolean;
}

// Native types whose driver values decodeNative returns unchanged (its default case), and the
// number types it returns unchanged when they are numbers.
const READ_AS_IS = new Set(['ascii', 'text', 'varchar', 'boolean', 'blob']);
const READ_NUMBERS_AS_IS = new Set(['int', 'smallint', 'tinyint', 'float', 'double']);

function readsAsIs(type: CqlType): ReadableColumn['asIs'] {
  if (type.kind !== 'native') return 'never';
  return READ_AS_IS.has(type.name) ? 'always' : READ_NUMBERS_AS_IS.has(type.name) ? 'numbers' : 'never';
}

// What a driver row inherits (`keys()`, `values()`, ... and Object's own). The driver exports
// Row at runtime; its typings declare only the interface.
const DRIVER_ROW_PROTOTYPE: object = (types as unknown as { Row: { prototype: object } }).Row.prototype;

/** The columns of `model` as its row mappers read them. */
export function readableColumns(model: AnyModel): readonly ReadableColumn[] {
  return Object.entries(model.columns).map(([property, column]) => ({
    property,
    dbName: model.dbNames[property],
    cql: column.cql,
    asIs: readsAsIs(column.cql),
    inherited: model.dbNames[property] in DRIVER_ROW_PROTOTYPE,
  }));
}

// Models are frozen, so a model's mapper never goes stale.
const mappers = new WeakMap<AnyModel, RowMapper>();

/** The row mapper of `model` (generated once where allowed; see the file's header). */
function rowMapperOf(model: AnyModel): RowMapper {
  let mapper = mappers.get(model);
  if (mapper === undefined) {
    const columns = readableColumns(model);
    const loop = loopRowMapper(columns);
    mapper = generatedRowMapper(columns, loop) ?? loop;
    mappers.set(model, mapper);
  }
  return mapper;
}

/** The mapper that works everywhere: one column after another, by computed names. */
export function loopRowMapper(columns: readonly ReadableColumn[]): RowMapper {
  return (row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const { property, dbName, cql, asIs, inherited } = columns[i];
      // A select of some columns yields rows without the others; they are left out, not null. Only
      // an undefined value can mean that (the driver reads a stored null as null), unless the name
      // is also one a row inherits (`keys`, `toString`, ...).
      const value = row[dbName];
      if ((value === undefined || inherited) && !Object.hasOwn(row, dbName)) continue;
      out[property] = value !== undefined && (asIs === 'always' || (asIs === 'numbers' && typeof value === 'number')) ? value : decode(cql, value);
    }
    return out;
  };
}

/**
 * A mapper generated for rows that hold every column (what a read of all columns returns); any
 * other row goes to `fallback`. Its source holds column names only, each checked to be an
 * identifier and written as a JSON string literal, never a value. Undefined where the runtime
 * forbids code generation from strings (then the loop maps every row).
 */
export function generatedRowMapper(columns: readonly ReadableColumn[], fallback: RowMapper): RowMapper | undefined {
  if (!columns.every((column) => isIdentifier(column.property) && isIdentifier(column.dbName))) return undefined;
  const name = JSON.stringify;
  // A column the row lacks reads as undefined (the driver reads a stored null as null); a name the
  // row inherits is read only when it is the row's own.
  const reads = columns.map(({ dbName, inherited }, i) =>
    inherited ? `const v${i} = hasOwn(row, ${name(dbName)}) ? row[${name(dbName)}] : undefined;` : `const v${i} = row[${name(dbName)}];`,
  );
  const missing = columns.map((_, i) => `v${i} === undefined`).join(' || ');
  const values = columns.map(({ property, asIs }, i) => {
    const value = asIs === 'always' ? `v${i}` : asIs === 'numbers' ? `typeof v${i} === 'number' ? v${i} : decode(types[${i}], v${i})` : `decode(types[${i}], v${i})`;
    return `${name(property)}: ${value}`;
  });
  const source = `return function mapRow(row) {\n${reads.join('\n')}\nif (${missing}) return fallback(row);\nreturn { ${values.join(', ')} };\n};`;
  try {
    const make = new Function('decode', 'types', 'hasOwn', 'fallback', source) as (...args: unknown[]) => RowMapper;
    return make(decode, columns.map((column) => column.cql), Object.hasOwn, fallback);
  } catch {
    // EvalError under --disallow-code-generation-from-strings (or a CSP that forbids it).
    return undefined;
  }
}

/** Maps a driver row (database column names) to a JS row (property names) through `fromDatabase`. */
export function rowFromDatabase<M extends AnyModel>(model: M, row: Readonly<Record<string, unknown>>): InferRow<M> {
  return rowMapperOf(model)(row) as InferRow<M>;
}
