// Reads everything system_schema says about keyspaces in one pass (six statements, run at once,
// whatever the number of tables and, up to a chunk, of keyspaces), for planning many models against
// them: syncTables, schema check and pull read a keyspace once per run instead of once per model.
import type { Connection } from '@cassia/core';
import type {
  KeyspaceDescription,
  KeyspaceSettings,
  PartitionKeyColumnDescription,
  TableDescription,
  TypeDescription,
} from './schema-description';
import { columnOf, droppedColumnOf, indexOf, stringRecord, tableOptionsOf, typeOf, type SchemaRow as Row } from './system-schema-rows';

/** A keyspace's settings, tables and user types as read in one pass. */
export interface KeyspaceSchema {
  readonly name: string;
  /** Undefined when the keyspace does not exist. */
  readonly settings: KeyspaceSettings | undefined;
  /** Tables by name. */
  readonly tables: ReadonlyMap<string, TableDescription>;
  /** User types by name, in the order system_schema lists them. */
  readonly types: ReadonlyMap<string, TypeDescription>;
  readonly partitionKeyColumns: readonly PartitionKeyColumnDescription[];
}

// Each statement reads a list of keyspaces (`IN ?`, partitions of system_schema), so a run over many
// keyspaces of one connection costs six statements per chunk, not six per keyspace.
const KEYSPACE_CQL = 'SELECT keyspace_name, replication, durable_writes FROM system_schema.keyspaces WHERE keyspace_name IN ?';
const TABLES_CQL = 'SELECT * FROM system_schema.tables WHERE keyspace_name IN ?';
const COLUMNS_CQL = 'SELECT keyspace_name, table_name, column_name, kind, position, clustering_order, type FROM system_schema.columns WHERE keyspace_name IN ?';
const INDEXES_CQL = 'SELECT keyspace_name, table_name, index_name, kind, options FROM system_schema.indexes WHERE keyspace_name IN ?';
const DROPPED_CQL = 'SELECT keyspace_name, table_name, column_name, type, kind FROM system_schema.dropped_columns WHERE keyspace_name IN ?';
const TYPES_CQL = 'SELECT keyspace_name, type_name, field_names, field_types FROM system_schema.types WHERE keyspace_name IN ?';

/** Keyspaces named in one `IN ?` read (below the server's guardrail on partition keys in a SELECT, when one is set). */
export const KEYSPACES_PER_SCHEMA_READ = 64;

/** Reads the keyspace's settings, tables (columns, indexes, options, dropped columns) and types. */
export async function readKeyspaceSchema(connection: Connection, keyspace: string): Promise<KeyspaceSchema> {
  return (await readKeyspaceSchemas(connection, [keyspace])).get(keyspace) as KeyspaceSchema;
}

/** readKeyspaceSchema for several keyspaces of one connection, six statements per chunk of keyspaces. */
export async function readKeyspaceSchemas(connection: Connection, keyspaces: readonly string[]): Promise<Map<string, KeyspaceSchema>> {
  const names = [...new Set(keyspaces)];
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += KEYSPACES_PER_SCHEMA_READ) chunks.push(names.slice(i, i + KEYSPACES_PER_SCHEMA_READ));
  const schemas = new Map<string, KeyspaceSchema>();
  await Promise.all(
    chunks.map(async (chunk) => {
      for (const schema of await readChunk(connection, chunk)) schemas.set(schema.name, schema);
    }),
  );
  return schemas;
}

async function readChunk(connection: Connection, keyspaces: readonly string[]): Promise<KeyspaceSchema[]> {
  const [keyspaceRows, tableRows, columnRows, indexRows, droppedRows, typeRows] = await Promise.all(
    [KEYSPACE_CQL, TABLES_CQL, COLUMNS_CQL, INDEXES_CQL, DROPPED_CQL, TYPES_CQL].map((cql) => everyRow(connection, cql, [keyspaces])),
  );
  const rowsOf = (rows: Row[]): Map<string, Row[]> => groupBy(rows, 'keyspace_name');
  const [byKeyspace, tablesBy, columnsBy, indexesBy, droppedBy, typesBy] = [keyspaceRows, tableRows, columnRows, indexRows, droppedRows, typeRows].map(rowsOf);
  return keyspaces.map((keyspace) =>
    schemaOf(keyspace, {
      keyspace: byKeyspace.get(keyspace)?.[0],
      tables: tablesBy.get(keyspace) ?? [],
      columns: columnsBy.get(keyspace) ?? [],
      indexes: indexesBy.get(keyspace) ?? [],
      dropped: droppedBy.get(keyspace) ?? [],
      types: typesBy.get(keyspace) ?? [],
    }),
  );
}

// Every page of a read (a chunk's columns can outnumber one page).
async function everyRow(connection: Connection, cql: string, params: unknown[]): Promise<Row[]> {
  const rows: Row[] = [];
  let pageState: string | undefined;
  do {
    const result = await connection.execute(cql, params, { fetchSize: 5000, pageState });
    for (const row of result.rows) rows.push(row as Row);
    pageState = result.pageState ?? undefined;
  } while (pageState !== undefined);
  return rows;
}

function groupBy(rows: readonly Row[], column: string): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>();
  for (const row of rows) {
    const key = String(row[column]);
    const list = grouped.get(key);
    if (list === undefined) grouped.set(key, [row]);
    else list.push(row);
  }
  return grouped;
}

interface KeyspaceRows {
  readonly keyspace: Row | undefined;
  readonly tables: readonly Row[];
  readonly columns: readonly Row[];
  readonly indexes: readonly Row[];
  readonly dropped: readonly Row[];
  readonly types: readonly Row[];
}

function schemaOf(keyspace: string, rows: KeyspaceRows): KeyspaceSchema {
  const keyspaceRow = rows.keyspace;
  const settings =
    keyspaceRow === undefined ? undefined : { name: keyspace, replication: stringRecord(keyspaceRow.replication), durableWrites: keyspaceRow.durable_writes !== false };
  const byTable = <T>(list: readonly Row[], map: (row: Row) => T): Map<string, T[]> => {
    const grouped = new Map<string, T[]>();
    for (const [table, tableRows] of groupBy(list, 'table_name')) grouped.set(table, tableRows.map(map));
    return grouped;
  };
  const columns = byTable(rows.columns, columnOf);
  const indexes = byTable(rows.indexes, indexOf);
  const dropped = byTable(rows.dropped, droppedColumnOf);
  const tables = new Map<string, TableDescription>();
  for (const row of rows.tables) {
    const name = String(row.table_name);
    tables.set(name, { name, columns: columns.get(name) ?? [], indexes: indexes.get(name) ?? [], options: tableOptionsOf(row), droppedColumns: dropped.get(name) ?? [] });
  }
  const types = new Map<string, TypeDescription>();
  for (const row of rows.types) {
    const type = typeOf(row);
    types.set(type.name, type);
  }
  const partitionKeyColumns: PartitionKeyColumnDescription[] = [];
  for (const [table, list] of columns) {
    for (const column of list) if (column.kind === 'partition_key') partitionKeyColumns.push({ table, column: column.name, type: column.type });
  }
  return { name: keyspace, settings, tables, types, partitionKeyColumns };
}

/** What the table planner needs of the keyspace for one table. */
export function keyspaceDescriptionOf(schema: KeyspaceSchema, table: string): KeyspaceDescription {
  return {
    name: schema.name,
    exists: schema.settings !== undefined,
    table: schema.tables.get(table),
    types: schema.types,
    partitionKeyColumns: schema.partitionKeyColumns,
  };
}
