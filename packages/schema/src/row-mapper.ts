// Driver rows (database column names) → JS rows (property names), through each column's decoder
// from the model's layout. Every read maps its rows, so a model's layout makes its mapper once: a
// function generated from its column names where the runtime allows it (an object literal of
// fixed keys, which V8 builds with one hidden class instead of adding properties one by one),
// else the loop itself.
import { types } from 'cassandra-driver';
import { isIdentifier } from '@cassia/core/internal';
import type { LayoutColumn } from './model-layout';

/** Maps one driver row to a JS row of its model. */
export type RowMapper = (row: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** The columns a mapper reads: a model's layout columns. */
type MappedColumn = Pick<LayoutColumn, 'property' | 'dbName' | 'decode'>;

// What a driver row inherits (`keys()`, `values()`, ... and Object's own). The driver exports
// Row at runtime; its typings declare only the interface.
const DRIVER_ROW_PROTOTYPE: object = (types as unknown as { Row: { prototype: object } }).Row.prototype;

// A driver row (or any object) inherits a property of this name.
const isInherited = (column: MappedColumn) => column.dbName in DRIVER_ROW_PROTOTYPE;

/** The mapper of a model's columns: generated where allowed (see the file's header), else the loop. */
export function rowMapperOf(columns: readonly MappedColumn[]): RowMapper {
  const loop = loopRowMapper(columns);
  return generatedRowMapper(columns, loop) ?? loop;
}

/** The mapper that works everywhere: one column after another, by computed names. */
export function loopRowMapper(columns: readonly MappedColumn[]): RowMapper {
  const inherited = columns.map(isInherited);
  return (row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const { property, dbName, decode } = columns[i];
      // A select of some columns yields rows without the others; they are left out, not null. Only
      // an undefined value can mean that (the driver reads a stored null as null), unless the name
      // is also one a row inherits (`keys`, `toString`, ...).
      const value = row[dbName];
      if ((value === undefined || inherited[i]) && !Object.hasOwn(row, dbName)) continue;
      out[property] = decode === undefined ? (value ?? null) : decode(value);
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
export function generatedRowMapper(columns: readonly MappedColumn[], fallback: RowMapper): RowMapper | undefined {
  if (!columns.every((column) => isIdentifier(column.property) && isIdentifier(column.dbName))) return undefined;
  const name = JSON.stringify;
  // Each decoder is a constant of the generated closure, so every call site sees one function.
  const decoders = columns.map(({ decode }, i) => (decode === undefined ? '' : `const d${i} = decoders[${i}];\n`));
  // A column the row lacks reads as undefined (the driver reads a stored null as null); a name the
  // row inherits is read only when it is the row's own.
  const reads = columns.map((column, i) =>
    isInherited(column) ? `const v${i} = hasOwn(row, ${name(column.dbName)}) ? row[${name(column.dbName)}] : undefined;` : `const v${i} = row[${name(column.dbName)}];`,
  );
  const missing = columns.map((_, i) => `v${i} === undefined`).join(' || ');
  const values = columns.map(({ property, decode }, i) => `${name(property)}: ${decode === undefined ? `v${i}` : `d${i}(v${i})`}`);
  const source = `${decoders.join('')}return function mapRow(row) {\n${reads.join('\n')}\nif (${missing}) return fallback(row);\nreturn { ${values.join(', ')} };\n};`;
  try {
    const make = new Function('decoders', 'hasOwn', 'fallback', source) as (...args: unknown[]) => RowMapper;
    return make(columns.map((column) => column.decode), Object.hasOwn, fallback);
  } catch {
    // EvalError under --disallow-code-generation-from-strings (or a CSP that forbids it).
    return undefined;
  }
}
