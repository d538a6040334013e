// Reads everything system_schema says about one keyspace in one pass (six statements, run at once,
// whatever the number of tables), for planning many models against it: syncTables, schema check and
// pull read a keyspace once per run instead of once per model.
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

const KEYSPACE_CQL = 'SELECT keyspace_name, replication, durable_writes FROM system_schema.keyspaces WHERE keyspace_name = ?';
const TABLES_CQL = 'SELECT * FROM system_schema.tables WHERE keyspace_name = ?';
const COLUMNS_CQL = 'SELECT table_name, column_name, kind, position, clustering_order, type FROM system_schema.columns WHERE keyspace_name = ?';
const INDEXES_CQL = 'SELECT table_name, index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = ?';
const DROPPED_CQL = 'SELECT table_name, column_name, type, kind FROM system_schema.dropped_columns WHERE keyspace_name = ?';
const TYPES_CQL = 'SELECT type_name, field_names, field_types FROM system_schema.types WHERE keyspace_name = ?';

// Key columns of system_schema.tables that are not table options (as schema-introspection.ts).


/** Reads the keyspace's settings, tables (columns, indexes, options, dropped columns) and types. */
export async function readKeyspaceSchema(connection: Connection, keyspace: string): Promise<KeyspaceSchema> {
  const read = async (cql: string): Promise<Row[]> => (await connection.execute(cql, [keyspace], { fetchSize: 5000 })).rows as Row[];
  const [keyspaceRows, tableRows, columnRows, indexRows, droppedRows, typeRows] = await Promise.all(
    [KEYSPACE_CQL, TABLES_CQL, COLUMNS_CQL, INDEXES_CQL, DROPPED_CQL, TYPES_CQL].map(read),
  );
  const keyspaceRow = keyspaceRows[0];
  const settings =
    keyspaceRow === undefined ? undefined : { name: keyspace, replication: stringRecord(keyspaceRow.replication), durableWrites: keyspaceRow.durable_writes !== false };
  const byTable = <T>(rows: Row[], map: (row: Row) => T): Map<string, T[]> => {
    const grouped = new Map<string, T[]>();
    for (const row of rows) {
      const name = String(row.table_name);
      const list = grouped.get(name) ?? [];
      list.push(map(row));
      grouped.set(name, list);
    }
    return grouped;
  };
  const columns = byTable(columnRows, columnOf);
  const indexes = byTable(indexRows, indexOf);
  const dropped = byTable(droppedRows, droppedColumnOf);
  const tables = new Map<string, TableDescription>();
  for (const row of tableRows) {
    const name = String(row.table_name);
    tables.set(name, { name, columns: columns.get(name) ?? [], indexes: indexes.get(name) ?? [], options: tableOptionsOf(row), droppedColumns: dropped.get(name) ?? [] });
  }
  const types = new Map<string, TypeDescription>();
  for (const row of typeRows) {
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
