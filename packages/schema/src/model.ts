// defineModel: a table definition checked once and frozen, with the derived key metadata
// that query (statements, codecs) and management (DDL, sync) read, and its layout (model-layout.ts).
import { isColumn, type AnyColumn } from './column';
import { containsNative, isCollection, isCounter, isFrozen, type CqlType } from './cql-type';
import { checkIdentifier, definitionError } from './identifiers';
import type { CheckedColumns } from './definition-checks';
import { attachLayout } from './model-layout';
import { checkNoNestedCounter } from './nested-counter';
import { checkTableOptions, type TableOptions } from './table-options';
import { collectUserTypes, type UserType } from './user-type';

/** The columns of a model: property name → column. */
export type ColumnsShape = Readonly<Record<string, AnyColumn>>;

/** Clustering order of a clustering column. */
export type ClusteringOrder = 'asc' | 'desc';

/** A clustering key entry: a column name (ascending) or `[name, order]`. */
export type ClusteringKeyEntry<K extends string> = K | readonly [K, ClusteringOrder];

/** What a secondary index covers: a map's values (default), keys or entries, or a frozen collection in full. */
export type IndexTarget = 'values' | 'keys' | 'entries' | 'full';

/** An index as written in `defineModel`; `using: 'sai'` makes a Cassandra 5 storage-attached index. */
export interface IndexDefinition<K extends string = string> {
  /** Index name; defaults to `<table>_<dbcolumn>_idx` (Cassandra's own default). */
  name?: string;
  column: K;
  target?: IndexTarget;
  /** `'sai'`, or a custom index class name. */
  using?: string;
  /** `WITH OPTIONS = {...}` of the index; an SAI index on a `t.vector` column takes the typed `VectorIndexOptions`. */
  options?: Readonly<Record<string, string>> & VectorIndexOptions;
}

/** How an SAI vector index compares vectors (and what `ORDER BY col ANN OF ?` orders by); Cassandra's default is cosine. */
export type VectorSimilarityFunctionName = 'cosine' | 'dot_product' | 'euclidean';

/**
 * Options of an SAI index on a vector column, as Cassandra 5.0 takes them (the server accepts
 * either case; management compares them without case). Only vector columns with `using: 'sai'`
 * take them (SchemaDefinitionError otherwise).
 */
export interface VectorIndexOptions {
  /** `cosine` (default), `dot_product` (for vectors of length 1) or `euclidean`. */
  readonly similarity_function?: VectorSimilarityFunctionName | Uppercase<VectorSimilarityFunctionName>;
  /** Graph build trade-off: `latency` (default) or `recall`. */
  readonly optimize_for?: 'latency' | 'recall' | 'LATENCY' | 'RECALL';
  /** Graph degree, 1 to 512 as a decimal string (default 16). */
  readonly maximum_node_connections?: `${number}`;
  /** Beam width while building, 1 to 3200 as a decimal string (default 100). */
  readonly construction_beam_width?: `${number}`;
  /**
   * The embedding model the vectors come from (DataStax servers: `ada002`, `openai_v3_small`,
   * `openai_v3_large`, `bert`, `gecko`, `nv_qa_4`, `cohere_v3`, `other`). Apache Cassandra 5.0
   * refuses it ("not understood by StorageAttachedIndex"): leave it out there.
   */
  readonly source_model?: string;
}

// Vector index option names, and the values of those that take one of a list (compared without case).
const VECTOR_INDEX_OPTIONS: ReadonlyMap<string, ReadonlySet<string> | undefined> = new Map<string, ReadonlySet<string> | undefined>([
  ['similarity_function', new Set(['cosine', 'dot_product', 'euclidean'])],
  ['optimize_for', new Set(['latency', 'recall'])],
  ['maximum_node_connections', undefined],
  ['construction_beam_width', undefined],
  ['source_model', undefined],
]);

/** An index of a defined model, with its name and database column resolved. */
export interface ModelIndex {
  readonly name: string;
  readonly column: string;
  readonly dbColumn: string;
  readonly target: IndexTarget | undefined;
  readonly using: string | undefined;
  readonly options: Readonly<Record<string, string>> | undefined;
}

/** One clustering column of a defined model. */
export interface ClusteringColumn<K extends string = string> {
  readonly column: K;
  readonly order: ClusteringOrder;
}

/** The column names of a literal `clusteringKey` list, in its order (`readonly string[]` for a list that is no tuple). */
export type ClusteringOrderOf<TKey extends readonly ClusteringKeyEntry<string>[]> = number extends TKey['length']
  ? readonly string[]
  : { readonly [I in keyof TKey]: TKey[I] extends readonly [infer C extends string, ClusteringOrder] ? C : Extract<TKey[I], string> };

/** What `defineModel` takes. */
export interface ModelDefinition<
  TColumns extends ColumnsShape,
  TPartition extends string,
  TClustering extends string,
  TTable extends string = string,
> {
  table: TTable;
  keyspace?: string;
  connection?: string;
  columns: TColumns;
  /** Partition key columns in order; one name or a list (a list of several is a composite key). */
  partitionKey: TPartition | readonly TPartition[];
  /** Clustering columns in order: `['year', ['model', 'desc']]`; default order asc. */
  clusteringKey?: readonly ClusteringKeyEntry<TClustering>[];
  indexes?: readonly IndexDefinition<Extract<keyof TColumns, string>>[];
  options?: TableOptions;
}

/**
 * A defined table: a frozen plain object. `TTable` is the table name as a literal type (after the
 * keys, so `Model<Columns, Partition, Clustering>` keeps meaning any table), which type errors
 * print; `TClusteringOrder` the clustering columns in key order (`readonly string[]`: unknown).
 */
export interface Model<
  TColumns extends ColumnsShape = ColumnsShape,
  TPartition extends string = string,
  TClustering extends string = string,
  TTable extends string = string,
  TClusteringOrder extends readonly string[] = readonly string[],
> {
  readonly kind: 'model';
  readonly table: TTable;
  readonly keyspace: string | undefined;
  readonly connection: string | undefined;
  readonly columns: TColumns;
  /** Partition key property names in order. */
  readonly partitionKey: readonly TPartition[];
  /** Clustering columns in order with their order. */
  readonly clusteringKey: readonly ClusteringColumn<TClustering>[];
  /**
   * Type only (never set, like a column's `~traits`): the clustering columns in key order, which
   * the query types read to check a prefix of the key (a range delete).
   */
  readonly '~clusteringOrder'?: TClusteringOrder;
  /** Partition key then clustering property names. */
  readonly primaryKey: readonly (TPartition | TClustering)[];
  /** Static column property names. */
  readonly staticColumns: readonly string[];
  /** Counter column property names. */
  readonly counterColumns: readonly string[];
  /** True when the non-key columns are counters (only UPDATE writes such a table). */
  readonly isCounterTable: boolean;
  // Name maps are typed loosely on purpose: `keyof TColumns` here would make Model
  // invariant in its columns, and then no model would be assignable to AnyModel.
  /** Property name → database column name. */
  readonly dbNames: Readonly<Record<string, string>>;
  /** Database column name → property name. */
  readonly propertyNames: Readonly<Record<string, string>>;
  readonly indexes: readonly ModelIndex[];
  readonly options: Readonly<TableOptions>;
  /** UDTs the columns use, dependencies first: create them in this order. */
  readonly userTypes: readonly UserType[];
}

/** Any model, whatever its table, columns and keys. */
export type AnyModel = Model<ColumnsShape, string, string, string>;

/** Defines a table; throws SchemaDefinitionError naming the model and column when it is invalid. */
export function defineModel<
  const TTable extends string,
  const TColumns extends ColumnsShape,
  const TPartition extends Extract<keyof TColumns, string>,
  const TClustering extends Extract<keyof TColumns, string> = never,
  const TClusteringKey extends readonly ClusteringKeyEntry<string>[] = readonly [],
>(
  definition: ModelDefinition<TColumns, TPartition, TClustering, TTable> & {
    clusteringKey?: TClusteringKey;
    columns: CheckedColumns<TColumns, TPartition, TClustering>;
  },
): Model<TColumns, TPartition, TClustering, TTable, ClusteringOrderOf<TClusteringKey>> {
  const owner = `model ${JSON.stringify(definition.table)}`;
  checkIdentifier(owner, definition.table, 'table');
  if (definition.keyspace !== undefined) checkIdentifier(owner, definition.keyspace, 'keyspace');
  if (definition.connection !== undefined && (typeof definition.connection !== 'string' || definition.connection === '')) {
    definitionError(owner, 'connection must be a non-empty string');
  }

  const columns = definition.columns ?? {};
  const names = Object.keys(columns);
  if (names.length === 0) definitionError(owner, 'a model needs at least one column');
  const dbNames: Record<string, string> = {};
  const propertyNames: Record<string, string> = {};
  for (const name of names) {
    const column: unknown = columns[name];
    const where = `${owner}, column "${name}"`;
    if (!isColumn(column)) definitionError(where, 'not a t.* column');
    checkNoNestedCounter(where, column.cql);
    checkIdentifier(where, name, 'column');
    const dbName = column.columnOptions.dbName ?? name;
    checkIdentifier(where, dbName, 'column');
    // Own names only: a column may be called `toString` or `constructor`.
    const clash = Object.hasOwn(propertyNames, dbName) ? propertyNames[dbName] : undefined;
    if (clash !== undefined) definitionError(where, `database name "${dbName}" is also used by column "${clash}"`);
    dbNames[name] = dbName;
    propertyNames[dbName] = name;
  }

  // Checked as values too: a JavaScript caller (or a cast) can pass anything here.
  const givenPartition: unknown = definition.partitionKey;
  if (typeof givenPartition !== 'string' && !Array.isArray(givenPartition)) {
    definitionError(owner, `partitionKey must be a column name or a list of them, got ${describeValue(givenPartition)}`);
  }
  const partitionKey: string[] = typeof givenPartition === 'string' ? [givenPartition] : [...(givenPartition as string[])];
  if (partitionKey.length === 0) definitionError(owner, 'the partition key is empty; name at least one column');
  const givenClustering: unknown = definition.clusteringKey ?? [];
  if (!Array.isArray(givenClustering)) {
    definitionError(owner, `clusteringKey must be a list of column names or [name, 'asc' | 'desc'] pairs, got ${describeValue(givenClustering)}`);
  }
  const clusteringKey = (givenClustering as readonly ClusteringKeyEntry<string>[]).map((entry): ClusteringColumn => {
    if (typeof entry !== 'string' && !Array.isArray(entry)) {
      definitionError(owner, `clusteringKey entries are column names or [name, 'asc' | 'desc'] pairs, got ${describeValue(entry)}`);
    }
    const [column, order] = typeof entry === 'string' ? [entry, 'asc' as const] : [entry[0], entry[1]];
    if (order !== 'asc' && order !== 'desc') {
      definitionError(`${owner}, column "${String(column)}"`, `clustering order must be 'asc' or 'desc', got ${JSON.stringify(order)}`);
    }
    return Object.freeze({ column, order });
  });
  const primaryKey = [...partitionKey, ...clusteringKey.map((c) => c.column)];
  const seenKeys = new Set<string>();
  for (const key of primaryKey) {
    const where = `${owner}, column "${String(key)}"`;
    if (typeof key !== 'string' || !Object.hasOwn(columns, key)) definitionError(where, 'a primary key column that is not in columns');
    if (seenKeys.has(key)) definitionError(where, 'named twice in the primary key');
    seenKeys.add(key);
    const column = columns[key];
    if (isCounter(column.cql)) definitionError(where, 'a counter cannot be part of the primary key');
    if ((isCollection(column.cql) || column.cql.kind === 'udt') && !isFrozen(column.cql)) {
      definitionError(where, 'a collection or user type in the primary key must be frozen: wrap it in t.frozen(...)');
    }
    if (containsNative(column.cql, 'duration')) definitionError(where, 'a duration cannot be part of the primary key');
    if (column.columnOptions.static) definitionError(where, 'a primary key column cannot be static');
  }

  const regular = names.filter((name) => !seenKeys.has(name));
  const counterColumns = regular.filter((name) => isCounter(columns[name].cql));
  const staticColumns = regular.filter((name) => columns[name].columnOptions.static);
  if (counterColumns.length > 0 && counterColumns.length < regular.length) {
    const other = regular.find((name) => !isCounter(columns[name].cql));
    definitionError(
      `${owner}, column "${other}"`,
      `counter columns (${counterColumns.join(', ')}) cannot be mixed with other non-key columns; put counters in their own table`,
    );
  }
  if (staticColumns.length > 0 && clusteringKey.length === 0) {
    definitionError(`${owner}, column "${staticColumns[0]}"`, 'a static column needs clustering columns in the primary key');
  }
  for (const name of names) {
    const column = columns[name];
    if (column.columnOptions.default !== undefined && isCounter(column.cql)) {
      definitionError(`${owner}, column "${name}"`, 'a counter cannot have a default');
    }
    if (column.columnOptions.required === true && isCounter(column.cql)) {
      definitionError(`${owner}, column "${name}"`, 'a counter cannot be required (inserts never write counters)');
    }
  }

  const indexes = checkIndexes(owner, definition.table, definition.indexes ?? [], columns, dbNames);
  const options = { ...(definition.options ?? {}) };
  checkTableOptions(owner, options);
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'object' && value !== null) options[name] = Object.freeze({ ...value });
  }

  const model: Model = {
    kind: 'model',
    table: definition.table,
    keyspace: definition.keyspace,
    connection: definition.connection,
    columns: Object.freeze({ ...columns }),
    partitionKey: Object.freeze(partitionKey),
    clusteringKey: Object.freeze(clusteringKey),
    primaryKey: Object.freeze(primaryKey),
    staticColumns: Object.freeze(staticColumns),
    counterColumns: Object.freeze(counterColumns),
    isCounterTable: counterColumns.length > 0,
    dbNames: Object.freeze(dbNames),
    propertyNames: Object.freeze(propertyNames),
    indexes: Object.freeze(indexes),
    options: Object.freeze(options),
    userTypes: Object.freeze(collectUserTypes(names.map((name) => columns[name].cql))),
  };
  attachLayout(model);
  return Object.freeze(model) as unknown as Model<TColumns, TPartition, TClustering, TTable, ClusteringOrderOf<TClusteringKey>>;
}

function checkIndexes(
  owner: string,
  table: string,
  definitions: readonly IndexDefinition[],
  columns: ColumnsShape,
  dbNames: Record<string, string>,
): ModelIndex[] {
  const seen = new Set<string>();
  return definitions.map((index) => {
    const where = `${owner}, index on "${String(index.column)}"`;
    if (!Object.hasOwn(columns, index.column)) definitionError(where, 'indexes a column that is not in columns');
    const cql = columns[index.column].cql;
    const dbColumn = dbNames[index.column];
    const name = index.name ?? `${table}_${dbColumn}_idx`;
    checkIdentifier(where, name, 'index');
    if (seen.has(name)) definitionError(where, `index name "${name}" is used twice`);
    seen.add(name);
    const target = index.target;
    if ((target === 'keys' || target === 'entries') && !(cql.kind === 'map' && !cql.frozen)) {
      definitionError(where, `target '${target}' needs a non-frozen map column`);
    }
    if (target === 'full' && !isFrozen(cql)) definitionError(where, "target 'full' needs a frozen collection column");
    if (index.using !== undefined && (typeof index.using !== 'string' || index.using === '')) {
      definitionError(where, 'using must be a non-empty string such as "sai"');
    }
    for (const [key, value] of Object.entries(index.options ?? {})) {
      if (typeof value !== 'string') definitionError(where, `index option ${key} must be a string`);
      checkVectorIndexOption(where, key, value, cql, index.using);
    }
    return Object.freeze({
      name,
      column: index.column,
      dbColumn,
      target,
      using: index.using,
      options: index.options === undefined ? undefined : Object.freeze({ ...index.options }),
    });
  });
}

// A vector index option goes on an SAI index of a vector column, with a value the server knows.
function checkVectorIndexOption(where: string, key: string, value: string, cql: CqlType, using: string | undefined): void {
  if (!VECTOR_INDEX_OPTIONS.has(key)) return;
  if (cql.kind !== 'vector' || using === undefined || !/^(sai|storageattachedindex)$/i.test(using)) {
    definitionError(where, `index option ${key} needs an SAI index (using: 'sai') on a t.vector column`);
  }
  const allowed = VECTOR_INDEX_OPTIONS.get(key);
  if (allowed !== undefined && !allowed.has(value.toLowerCase())) {
    definitionError(where, `index option ${key} must be one of ${[...allowed].join(', ')}, got ${describeValue(value)}`);
  }
  if ((key === 'maximum_node_connections' || key === 'construction_beam_width') && !/^[1-9][0-9]{0,3}$/.test(value)) {
    definitionError(where, `index option ${key} must be a positive integer written as a string, got ${describeValue(value)}`);
  }
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value;
}
