// One system_schema row as the description the planners compare against, whichever way the client
// decodes collections: shared by the per-table reads and the keyspace-wide read of syncTables.
import type { ColumnDescription, ColumnKind, DroppedColumnDescription, IndexDescription, TypeDescription } from './schema-description';

/** A row of system_schema as the driver returns it. */
export type SchemaRow = Record<string, unknown>;

// Columns of system_schema.tables that are not table options.
const NOT_OPTIONS = new Set(['keyspace_name', 'table_name', 'id', 'flags']);

// Clients built by core decode maps as Map and sets as Set; a caller's client may use objects and arrays.
function plain(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

/** A map column as a record of strings (empty when absent). */
export function stringRecord(value: unknown): Record<string, string> {
  const record = plain(value);
  if (typeof record !== 'object' || record === null) return {};
  return Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, String(entry)]));
}

/** A list or set column as a list of strings (empty when absent). */
export function listOf(value: unknown): string[] {
  const list = plain(value);
  return Array.isArray(list) ? list.map(String) : [];
}

/** A system_schema.columns row. */
export function columnOf(row: SchemaRow): ColumnDescription {
  return {
    name: String(row.column_name),
    kind: String(row.kind) as ColumnKind,
    position: Number(row.position),
    clusteringOrder: String(row.clustering_order) as ColumnDescription['clusteringOrder'],
    type: String(row.type),
  };
}

/** A system_schema.indexes row. */
export function indexOf(row: SchemaRow): IndexDescription {
  return { name: String(row.index_name), kind: String(row.kind), options: stringRecord(row.options) };
}

/** A system_schema.dropped_columns row. */
export function droppedColumnOf(row: SchemaRow): DroppedColumnDescription {
  return { name: String(row.column_name), type: String(row.type), kind: String(row.kind) as ColumnKind };
}

/** The table options of a system_schema.tables row (every column but its names and id). */
export function tableOptionsOf(row: SchemaRow): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [option, value] of Object.entries(row)) if (!NOT_OPTIONS.has(option)) options[option] = plain(value);
  return options;
}

/** A system_schema.types row. */
export function typeOf(row: SchemaRow): TypeDescription {
  const names = listOf(row.field_names);
  const fieldTypes = listOf(row.field_types);
  return { name: String(row.type_name), fields: names.map((field, i) => ({ name: field, type: fieldTypes[i] ?? '' })) };
}
