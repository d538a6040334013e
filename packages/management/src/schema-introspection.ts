// Reads system_schema (prepared, bound) into the plain descriptions the planners compare against.
import type { Connection } from '@cassia/core';
import type {
  KeyspaceDescription,
  KeyspaceSettings,
  PartitionKeyColumnDescription,
  TableDescription,
  TypeDescription,
} from './schema-description';
import { columnOf, droppedColumnOf, indexOf, stringRecord, tableOptionsOf, typeOf, type SchemaRow as Row } from './system-schema-rows';

const KEYSPACE_CQL = 'SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?';
const KEYSPACE_SETTINGS_CQL = 'SELECT keyspace_name, replication, durable_writes FROM system_schema.keyspaces WHERE keyspace_name = ?';
const KEY_COLUMNS_CQL = 'SELECT table_name, column_name, kind, type FROM system_schema.columns WHERE keyspace_name = ?';
const DROPPED_CQL = 'SELECT column_name, type, kind FROM system_schema.dropped_columns WHERE keyspace_name = ? AND table_name = ?';
const TABLE_CQL = 'SELECT * FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?';
const COLUMNS_CQL =
  'SELECT column_name, kind, position, clustering_order, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?';
const INDEXES_CQL = 'SELECT index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = ?';
const TYPES_CQL = 'SELECT type_name, field_names, field_types FROM system_schema.types WHERE keyspace_name = ?';

// Key columns of system_schema.tables that are not table options.


/** Whether the keyspace exists on the connection. */
export async function keyspaceExists(connection: Connection, keyspace: string): Promise<boolean> {
  const result = await connection.execute(KEYSPACE_CQL, [keyspace]);
  return result.rows.length > 0;
}

/** The keyspace's replication and durable_writes, or undefined when it does not exist. */
export async function describeKeyspaceSettings(connection: Connection, keyspace: string): Promise<KeyspaceSettings | undefined> {
  const row = (await connection.execute(KEYSPACE_SETTINGS_CQL, [keyspace])).rows[0] as Row | undefined;
  if (row === undefined) return undefined;
  return { name: keyspace, replication: stringRecord(row.replication), durableWrites: row.durable_writes !== false };
}

/** The keyspace's existence, its user types, the partition keys of its tables and (if given and present) one table. */
export async function describeKeyspace(
  connection: Connection,
  keyspace: string,
  table: string | undefined,
): Promise<KeyspaceDescription> {
  if (!(await keyspaceExists(connection, keyspace))) {
    return { name: keyspace, exists: false, table: undefined, types: new Map(), partitionKeyColumns: [] };
  }
  const types = await describeTypes(connection, keyspace);
  const partitionKeyColumns = await describePartitionKeyColumns(connection, keyspace);
  const description = table === undefined ? undefined : await describeTable(connection, keyspace, table);
  return { name: keyspace, exists: true, table: description, types, partitionKeyColumns };
}

/** The partition key columns of every table of the keyspace. */
export async function describePartitionKeyColumns(connection: Connection, keyspace: string): Promise<PartitionKeyColumnDescription[]> {
  const result = await connection.execute(KEY_COLUMNS_CQL, [keyspace]);
  return result.rows
    .map((r) => r as Row)
    .filter((row) => row.kind === 'partition_key')
    .map((row) => ({ table: String(row.table_name), column: String(row.column_name), type: String(row.type) }));
}

/** The table's columns, indexes and options, or undefined when it does not exist. */
export async function describeTable(connection: Connection, keyspace: string, table: string): Promise<TableDescription | undefined> {
  const tableRows = await connection.execute(TABLE_CQL, [keyspace, table]);
  const row = tableRows.rows[0] as Row | undefined;
  if (row === undefined) return undefined;
  const columnRows = await connection.execute(COLUMNS_CQL, [keyspace, table]);
  const columns = columnRows.rows.map((r) => columnOf(r as Row));
  const indexRows = await connection.execute(INDEXES_CQL, [keyspace, table]);
  const indexes = indexRows.rows.map((r) => indexOf(r as Row));
  const droppedRows = await connection.execute(DROPPED_CQL, [keyspace, table]);
  const droppedColumns = droppedRows.rows.map((r) => droppedColumnOf(r as Row));
  return { name: table, columns, indexes, options: tableOptionsOf(row), droppedColumns };
}

/** The keyspace's user types by name. */
export async function describeTypes(connection: Connection, keyspace: string): Promise<Map<string, TypeDescription>> {
  const result = await connection.execute(TYPES_CQL, [keyspace]);
  const types = new Map<string, TypeDescription>();
  for (const r of result.rows) {
    const type = typeOf(r as Row);
    types.set(type.name, type);
  }
  return types;
}
