// DDL text for tables, user types and indexes; every identifier goes through quoteIdentifier.
import { SchemaDefinitionError } from '@cassia/core';
import { assertIdentifier, quoteIdentifier, quoteQualified } from '@cassia/core/internal';
import type { AnyColumn } from './column';
import { cqlTypeDdl, cqlTypeTextOf } from './cql-type';
import type { AnyModel, ModelIndex } from './model';
import { cqlStringLiteral, tableOptionsCql } from './table-options';
import type { UserType } from './user-type';

/** Options of `createTableCql` / `createTypeCql` / `createIndexCql` / `addColumnCql` / `addFieldCql`. */
export interface CreateOptions {
  /** Adds `IF NOT EXISTS` (after `ADD` for the ALTER statements). */
  ifNotExists?: boolean;
}

// A statement names its keyspace, checked here: the caller's keyspace may come from user input.
function qualified(keyspace: string, name: string): string {
  assertIdentifier(keyspace, 'keyspace');
  return quoteQualified(keyspace, name);
}

/** The type of a column as Cassandra reports it in `system_schema.columns.type` (for comparisons). */
export function cqlTypeText(column: AnyColumn): string {
  return cqlTypeTextOf(column.cql);
}

/** The `"name" type [static]` definition of one model column (also used by ALTER TABLE ADD). */
export function columnDefinitionCql(model: AnyModel, property: string): string {
  const column = model.columns[property];
  const text = `${quoteIdentifier(model.dbNames[property])} ${cqlTypeDdl(column.cql)}`;
  return column.columnOptions.static ? `${text} static` : text;
}

/** `CREATE TABLE` with partition key, clustering order, static columns and table options. */
export function createTableCql(model: AnyModel, keyspace: string, options: CreateOptions = {}): string {
  const columns = Object.keys(model.columns).map((property) => columnDefinitionCql(model, property));
  const partition = model.partitionKey.map((property) => quoteIdentifier(model.dbNames[property]));
  const clustering = model.clusteringKey.map((c) => quoteIdentifier(model.dbNames[c.column]));
  const partitionText = partition.length === 1 ? partition[0] : `(${partition.join(', ')})`;
  const primaryKey = `PRIMARY KEY (${[partitionText, ...clustering].join(', ')})`;
  const withParts: string[] = [];
  if (model.clusteringKey.length > 0) {
    const order = model.clusteringKey.map((c) => `${quoteIdentifier(model.dbNames[c.column])} ${c.order.toUpperCase()}`);
    withParts.push(`CLUSTERING ORDER BY (${order.join(', ')})`);
  }
  const tableOptions = tableOptionsCql(model.options);
  if (tableOptions !== '') withParts.push(tableOptions);
  const ifNotExists = options.ifNotExists ? 'IF NOT EXISTS ' : '';
  const withText = withParts.length > 0 ? ` WITH ${withParts.join(' AND ')}` : '';
  return `CREATE TABLE ${ifNotExists}${qualified(keyspace, model.table)} (${[...columns, primaryKey].join(', ')})${withText}`;
}

/** `CREATE TYPE` for a user-defined type (nested types must be created first: see `dependencies`). */
export function createTypeCql(type: UserType, keyspace: string, options: CreateOptions = {}): string {
  const fields = type.fieldList.map((field) => `${quoteIdentifier(field.dbName)} ${cqlTypeDdl(field.cql)}`);
  const ifNotExists = options.ifNotExists ? 'IF NOT EXISTS ' : '';
  return `CREATE TYPE ${ifNotExists}${qualified(keyspace, type.name)} (${fields.join(', ')})`;
}

/** `CREATE INDEX` (secondary, or `USING 'sai'` for Cassandra 5 storage-attached indexes). */
export function createIndexCql(model: AnyModel, index: ModelIndex, keyspace: string, options: CreateOptions = {}): string {
  const column = quoteIdentifier(index.dbColumn);
  const target = index.target === undefined ? column : `${index.target.toUpperCase()}(${column})`;
  const ifNotExists = options.ifNotExists ? 'IF NOT EXISTS ' : '';
  let text = `CREATE INDEX ${ifNotExists}${quoteIdentifier(index.name)} ON ${qualified(keyspace, model.table)} (${target})`;
  if (index.using !== undefined) text += ` USING ${cqlStringLiteral(index.using)}`;
  if (index.options !== undefined && Object.keys(index.options).length > 0) {
    const entries = Object.entries(index.options).map(([key, value]) => `${cqlStringLiteral(key)}: ${cqlStringLiteral(value)}`);
    text += ` WITH OPTIONS = {${entries.join(', ')}}`;
  }
  return text;
}

/** `ALTER TABLE ... WITH ...` for the given options (management's option update path). */
export function alterTableOptionsCql(model: AnyModel, keyspace: string, options = model.options): string {
  return `ALTER TABLE ${qualified(keyspace, model.table)} WITH ${tableOptionsCql(options)}`;
}

/** `ALTER TABLE ... ADD "col" type` for one model column. */
export function addColumnCql(model: AnyModel, property: string, keyspace: string, options: CreateOptions = {}): string {
  const ifNotExists = options.ifNotExists ? 'IF NOT EXISTS ' : '';
  return `ALTER TABLE ${qualified(keyspace, model.table)} ADD ${ifNotExists}${columnDefinitionCql(model, property)}`;
}

/** `ALTER TYPE ... ADD "field" type` for one field of a user-defined type. */
export function addFieldCql(type: UserType, property: string, keyspace: string, options: CreateOptions = {}): string {
  const field = type.fieldList.find((f) => f.property === property);
  if (field === undefined) throw new SchemaDefinitionError(`type "${type.name}" has no field "${property}"`);
  const ifNotExists = options.ifNotExists ? 'IF NOT EXISTS ' : '';
  return `ALTER TYPE ${qualified(keyspace, type.name)} ADD ${ifNotExists}${quoteIdentifier(field.dbName)} ${cqlTypeDdl(field.cql)}`;
}
