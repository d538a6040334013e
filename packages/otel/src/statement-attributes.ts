// What a statement's span and duration point are named and labelled with, from its StatementInfo
// (names, the CQL text with `?` markers, flags: never values). A batch is described by its
// statements as the conventions ask: `BATCH INSERT users` when they share operation and table.
import type { StatementInfo } from '@cassia/core';
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_CASSIA_CONNECTION,
  ATTR_CASSIA_MODEL,
  ATTR_CASSIA_PAGE,
  ATTR_DB_COLLECTION_NAME,
  ATTR_DB_NAMESPACE,
  ATTR_DB_OPERATION_BATCH_SIZE,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_SUMMARY,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_SYSTEM_NAME,
  DB_SYSTEM_CASSANDRA,
} from './semantic-conventions';

/** The names a statement is known by: operation, target, and the summary that names its span. */
export interface StatementNames {
  /** `db.operation.name`: the CQL verb; for a batch `BATCH` or `BATCH <verb>`. */
  readonly operation: string;
  /** `db.collection.name`: the table, when the statement (every statement of a batch) has one. */
  readonly table: string | undefined;
  /** `db.namespace`: the keyspace, when the statement (every statement of a batch) has one. */
  readonly keyspace: string | undefined;
  /** `db.query.summary`, also the span name: `{operation} {table}`, or the operation alone. */
  readonly summary: string;
}

/** The names of a statement or a batch. */
export function statementNames(info: StatementInfo): StatementNames {
  if (info.kind !== 'batch' || info.statements === undefined || info.statements.length === 0) {
    const operation = info.operation;
    return { operation, table: info.table, keyspace: info.keyspace, summary: info.table === undefined ? operation : `${operation} ${info.table}` };
  }
  const first = info.statements[0];
  let sameOperation = true;
  let sameTable = first.table !== undefined;
  let sameKeyspace = first.keyspace !== undefined;
  for (const statement of info.statements) {
    sameOperation &&= statement.operation === first.operation;
    sameTable &&= statement.table === first.table;
    sameKeyspace &&= statement.keyspace === first.keyspace;
  }
  const operation = sameOperation ? `BATCH ${first.operation}` : 'BATCH';
  const table = sameTable ? first.table : undefined;
  // The conventions: a batch of one kind of statement is summarised as that statement, prefixed by BATCH.
  const summary = sameOperation && table !== undefined ? `${operation} ${table}` : 'BATCH';
  return { operation, table, keyspace: sameKeyspace ? first.keyspace : info.keyspace, summary };
}

/**
 * The attributes a statement's span starts with. `captureCql` adds `db.query.text` (a batch's
 * distinct statement texts joined by `; `): the parameterized text, which holds `?` markers only.
 */
export function spanStartAttributes(info: StatementInfo, names: StatementNames, captureCql: boolean): Attributes {
  const attributes: Attributes = {
    [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_CASSANDRA,
    [ATTR_DB_OPERATION_NAME]: names.operation,
    [ATTR_DB_QUERY_SUMMARY]: names.summary,
    [ATTR_CASSIA_CONNECTION]: info.connection,
  };
  if (names.keyspace !== undefined) attributes[ATTR_DB_NAMESPACE] = names.keyspace;
  if (names.table !== undefined) attributes[ATTR_DB_COLLECTION_NAME] = names.table;
  if (info.model !== undefined) attributes[ATTR_CASSIA_MODEL] = info.model;
  if (info.page !== undefined) attributes[ATTR_CASSIA_PAGE] = info.page;
  if (info.statements !== undefined && info.statements.length !== 1) attributes[ATTR_DB_OPERATION_BATCH_SIZE] = info.statements.length;
  if (captureCql) attributes[ATTR_DB_QUERY_TEXT] = queryText(info);
  return attributes;
}

/** The attributes of a statement's duration point: low-cardinality names only. */
export function metricAttributes(info: StatementInfo, names: StatementNames): Attributes {
  const attributes: Attributes = {
    [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_CASSANDRA,
    [ATTR_DB_OPERATION_NAME]: names.operation,
    [ATTR_CASSIA_CONNECTION]: info.connection,
  };
  if (names.keyspace !== undefined) attributes[ATTR_DB_NAMESPACE] = names.keyspace;
  if (names.table !== undefined) attributes[ATTR_DB_COLLECTION_NAME] = names.table;
  return attributes;
}

function queryText(info: StatementInfo): string {
  if (info.kind !== 'batch' || info.statements === undefined) return info.cql;
  return [...new Set(info.statements.map((statement) => statement.cql))].join('; ');
}
