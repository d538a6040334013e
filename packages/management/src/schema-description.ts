// Plain-data descriptions of what system_schema says about a keyspace, table and user types;
// the planners read only these, so they can be tested without a server.

/** A column's role as system_schema.columns.kind reports it. */
export type ColumnKind = 'partition_key' | 'clustering' | 'regular' | 'static';

/** One row of system_schema.columns. */
export interface ColumnDescription {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Position within the partition key or clustering columns; -1 for others. */
  readonly position: number;
  readonly clusteringOrder: 'asc' | 'desc' | 'none';
  /** The type as Cassandra reports it, e.g. `frozen<map<text, int>>`. */
  readonly type: string;
}

/** One row of system_schema.indexes. */
export interface IndexDescription {
  readonly name: string;
  readonly kind: string;
  /** e.g. `{ target: 'keys(m)' }`, `{ class_name: 'sai', target: 's' }`. */
  readonly options: Readonly<Record<string, string>>;
}

/** One row of system_schema.dropped_columns: a column dropped from the table. */
export interface DroppedColumnDescription {
  readonly name: string;
  /** The type it had, as stored (user types are stored as the tuples they were, e.g. `frozen<tuple<text, int>>`). */
  readonly type: string;
  readonly kind: ColumnKind;
}

/** A table: its columns, indexes and the option columns of system_schema.tables. */
export interface TableDescription {
  readonly name: string;
  readonly columns: readonly ColumnDescription[];
  readonly indexes: readonly IndexDescription[];
  /** Option name → value as read (maps as plain objects); unknown names are simply absent. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Columns dropped from the table (the server refuses to re-add one with another type); absent means none known. */
  readonly droppedColumns?: readonly DroppedColumnDescription[];
}

/** A partition key column of some table of the keyspace (user types used there cannot gain fields). */
export interface PartitionKeyColumnDescription {
  readonly table: string;
  readonly column: string;
  readonly type: string;
}

/** One row of system_schema.types. */
export interface TypeDescription {
  readonly name: string;
  readonly fields: readonly { readonly name: string; readonly type: string }[];
}

/** What a planner needs to know about one target keyspace. */
export interface KeyspaceDescription {
  readonly name: string;
  readonly exists: boolean;
  /** The table being synced, when it exists. */
  readonly table: TableDescription | undefined;
  /** User types of the keyspace by name. */
  readonly types: ReadonlyMap<string, TypeDescription>;
  /** The partition key columns of every table of the keyspace; absent means none known. */
  readonly partitionKeyColumns?: readonly PartitionKeyColumnDescription[];
}

/** One row of system_schema.keyspaces. */
export interface KeyspaceSettings {
  readonly name: string;
  /** As stored: `{ class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '1' }`. */
  readonly replication: Readonly<Record<string, string>>;
  readonly durableWrites: boolean;
}
