// A stand-in for a driver client that answers management's system_schema reads from plain data
// and records every other statement, so whole sync runs can be tested without a server. It applies
// the DDL sync runs (for the models it is told about), so the check after a sync sees the result.
import type { Client } from 'cassandra-driver';
import { cqlTypeText, isCollection, isFrozen, type AnyModel } from '@cassia/schema';
import type { ColumnDescription, TableDescription, TypeDescription } from '../src/internal';
import { Automobile, defaultOptions, Garage } from './fixtures';

export interface FakeCluster {
  readonly client: Client;
  /** Non-system_schema statements, in the order they were run. */
  readonly executed: string[];
  readonly keyspaces: Set<string>;
  /** `keyspace.table` → description. */
  readonly tables: Map<string, TableDescription>;
  /** `keyspace.type` → description. */
  readonly types: Map<string, TypeDescription>;
  /** system_schema statements answered so far. */
  readonly schemaReads: { count: number };
  /**
   * With `reportsSchemaVersion`: the schema version of the node asked (first) and of its peers, as
   * system.local and system.peers_v2 answer; a DDL statement it applies gives every node a new one.
   */
  readonly versions: (string | null)[];
}

/** How a fake cluster is set up. */
export interface FakeClusterOptions {
  keyspaces?: string[];
  /** Connecting fails like an unreachable cluster. */
  down?: boolean;
  /** The tables its CREATE TABLE makes, by table name (a stand-in for whichever client created it first). */
  models?: AnyModel[];
  /** An error to answer a DDL statement with instead of running it. */
  failWith?: (cql: string) => Error | undefined;
  /** Answers system.local / system.peers_v2 from `versions` and has one connected host (getState). */
  reportsSchemaVersion?: boolean;
  /** How many peers the asked node lists (with `reportsSchemaVersion`; default 1). */
  peers?: number;
}

/** A fake cluster that answers system_schema reads and applies management's DDL. */
export function fakeCluster(options: FakeClusterOptions = {}): FakeCluster {
  const executed: string[] = [];
  const keyspaces = new Set(options.keyspaces ?? []);
  const tables = new Map<string, TableDescription>();
  const types = new Map<string, TypeDescription>();
  const models = new Map((options.models ?? [Automobile, Garage]).map((model) => [model.table, model]));
  const rows = (list: Record<string, unknown>[]) => ({ rows: list });
  const schemaReads = { count: 0 };
  const versions: (string | null)[] = Array.from({ length: 1 + (options.peers ?? 1) }, () => 'v0');
  let changes = 0;
  const host = { address: '127.0.0.1:9042', isUp: () => true };
  // What system_schema holds for a keyspace (every table of it, or only `table`), for the table `cql` reads.
  const schemaRows = (cql: string, keyspace: string, table: string | undefined): Record<string, unknown>[] => {
    if (cql.includes('system_schema.keyspaces')) {
      const replication = { class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '1' };
      return keyspaces.has(keyspace) ? [{ keyspace_name: keyspace, replication, durable_writes: true }] : [];
    }
    const found = tables.get(`${keyspace}.${table}`);
    const described = table === undefined ? [...tables.entries()].filter(([key]) => key.startsWith(`${keyspace}.`)).map(([, t]) => t) : found === undefined ? [] : [found];
    const keyspace_name = keyspace;
    if (cql.includes('system_schema.tables')) return described.map((t) => ({ keyspace_name, table_name: t.name, ...t.options }));
    if (cql.includes('system_schema.columns')) {
      return described.flatMap((t) =>
        t.columns.map((c) => ({ keyspace_name, table_name: t.name, column_name: c.name, kind: c.kind, position: c.position, clustering_order: c.clusteringOrder, type: c.type })),
      );
    }
    if (cql.includes('system_schema.dropped_columns')) {
      return described.flatMap((t) => (t.droppedColumns ?? []).map((c) => ({ keyspace_name, table_name: t.name, column_name: c.name, type: c.type, kind: c.kind })));
    }
    if (cql.includes('system_schema.indexes')) {
      return described.flatMap((t) => t.indexes.map((i) => ({ keyspace_name, table_name: t.name, index_name: i.name, kind: i.kind, options: new Map(Object.entries(i.options)) })));
    }
    if (cql.includes('system_schema.types')) {
      return [...types.entries()]
        .filter(([key]) => key.startsWith(`${keyspace}.`))
        .map(([, type]) => ({ keyspace_name, type_name: type.name, field_names: type.fields.map((f) => f.name), field_types: type.fields.map((f) => f.type) }));
    }
    throw new Error(`the fake cluster does not answer ${cql}`);
  };
  const client = {
    async connect() {
      if (options.down) throw new Error('All host(s) tried for query failed');
    },
    async execute(cql: string, params: unknown[]) {
      if (options.reportsSchemaVersion === true && cql.includes('FROM system.local')) return rows([{ schema_version: versions[0] }]);
      if (options.reportsSchemaVersion === true && cql.includes('FROM system.peers_v2')) return rows(versions.slice(1).map((schema_version) => ({ schema_version })));
      if (cql.includes('system_schema.')) {
        schemaReads.count += 1;
        // A keyspace-wide read (keyspace-schema.ts) binds a list of keyspaces and names no table.
        if (Array.isArray(params[0])) return rows((params[0] as string[]).flatMap((keyspace) => schemaRows(cql, keyspace, undefined)));
        const [keyspace, table] = params as string[];
        return rows(schemaRows(cql, keyspace, table));
      }
      executed.push(cql);
      const failure = options.failWith?.(cql);
      if (failure !== undefined) throw failure;
      applyDdl(cql, { keyspaces, tables, types, models });
      changes += 1;
      versions.fill(`v${changes}`);
      return rows([]);
    },
    async batch() {
      throw new Error('management never batches');
    },
    metadata: { checkSchemaAgreement: async () => true },
    ...(options.reportsSchemaVersion === true ? { getState: () => ({ getConnectedHosts: () => [host] }) } : {}),
    async shutdown() {},
  };
  return { client: client as unknown as Client, executed, keyspaces, tables, types, schemaReads, versions };
}

/** The description Cassandra would give of the model's table right after CREATE TABLE. */
export function describeModel(model: AnyModel): TableDescription {
  const columns = Object.keys(model.columns).map((property): ColumnDescription => {
    const name = model.dbNames[property];
    const type = cqlTypeText(model.columns[property]);
    const partition = model.partitionKey.indexOf(property);
    if (partition >= 0) return { name, kind: 'partition_key', position: partition, clusteringOrder: 'none', type };
    const clustering = model.clusteringKey.findIndex((c) => c.column === property);
    if (clustering >= 0) return { name, kind: 'clustering', position: clustering, clusteringOrder: model.clusteringKey[clustering].order, type };
    return { name, kind: model.staticColumns.includes(property) ? 'static' : 'regular', position: -1, clusteringOrder: 'none', type };
  });
  const indexes = model.indexes.map((index) => {
    const cql = model.columns[index.column].cql;
    const kind = index.target ?? (isCollection(cql) && !isFrozen(cql) ? 'values' : undefined);
    const target = kind === undefined ? index.dbColumn : `${kind}(${index.dbColumn})`;
    const custom: Record<string, string> = index.using === undefined ? {} : { class_name: index.using };
    return { name: index.name, kind: index.using === undefined ? 'COMPOSITES' : 'CUSTOM', options: { ...custom, ...index.options, target } };
  });
  return { name: model.table, columns, indexes, options: { ...defaultOptions(), ...model.options } };
}

interface FakeSchema {
  keyspaces: Set<string>;
  tables: Map<string, TableDescription>;
  types: Map<string, TypeDescription>;
  models: Map<string, AnyModel>;
}

// Enough of Cassandra's DDL for sync runs, IF NOT EXISTS included (a second creation changes nothing).
function applyDdl(cql: string, schema: FakeSchema): void {
  let match = /^CREATE KEYSPACE IF NOT EXISTS "(\w+)"/.exec(cql);
  if (match !== null) {
    schema.keyspaces.add(match[1]);
    return;
  }
  match = /^CREATE TABLE (?:IF NOT EXISTS )?"(\w+)"\."(\w+)"/.exec(cql);
  if (match !== null) {
    const model = schema.models.get(match[2]);
    const key = `${match[1]}.${match[2]}`;
    if (model !== undefined && !schema.tables.has(key)) schema.tables.set(key, { ...describeModel(model), indexes: [] });
    return;
  }
  match = /^CREATE INDEX (?:IF NOT EXISTS )?"(\w+)" ON "(\w+)"\."(\w+)"/.exec(cql);
  if (match !== null) {
    const [, name, keyspace, table] = match;
    const existing = schema.tables.get(`${keyspace}.${table}`);
    const model = schema.models.get(table);
    const index = model === undefined ? undefined : describeModel(model).indexes.find((i) => i.name === name);
    if (existing !== undefined && index !== undefined && !existing.indexes.some((i) => i.name === name)) {
      schema.tables.set(`${keyspace}.${table}`, { ...existing, indexes: [...existing.indexes, index] });
    }
    return;
  }
  match = /^ALTER TABLE "(\w+)"\."(\w+)" ADD (?:IF NOT EXISTS )?"(\w+)" (.+?)( static)?$/.exec(cql);
  if (match !== null) {
    const [, keyspace, table, name, type, isStatic] = match;
    const existing = schema.tables.get(`${keyspace}.${table}`);
    if (existing !== undefined && !existing.columns.some((c) => c.name === name)) {
      const column: ColumnDescription = { name, kind: isStatic ? 'static' : 'regular', position: -1, clusteringOrder: 'none', type };
      schema.tables.set(`${keyspace}.${table}`, { ...existing, columns: [...existing.columns, column] });
    }
    return;
  }
  match = /^ALTER TABLE "(\w+)"\."(\w+)" WITH /.exec(cql);
  if (match !== null) {
    const existing = schema.tables.get(`${match[1]}.${match[2]}`);
    const model = schema.models.get(match[2]);
    if (existing !== undefined && model !== undefined) {
      schema.tables.set(`${match[1]}.${match[2]}`, { ...existing, options: { ...existing.options, ...model.options } });
    }
    return;
  }
  match = /^CREATE TYPE (?:IF NOT EXISTS )?"(\w+)"\."(\w+)" \((.*)\)$/.exec(cql);
  if (match !== null) {
    const key = `${match[1]}.${match[2]}`;
    if (!schema.types.has(key)) schema.types.set(key, { name: match[2], fields: topLevelParts(match[3]).map(fieldOf) });
    return;
  }
  match = /^ALTER TYPE "(\w+)"\."(\w+)" ADD (?:IF NOT EXISTS )?(.*)$/.exec(cql);
  if (match !== null) {
    const key = `${match[1]}.${match[2]}`;
    const existing = schema.types.get(key);
    const field = fieldOf(match[3]);
    if (existing !== undefined && !existing.fields.some((f) => f.name === field.name)) {
      schema.types.set(key, { ...existing, fields: [...existing.fields, field] });
    }
  }
}

function fieldOf(definition: string): { name: string; type: string } {
  const match = /^"(\w+)" (.+)$/.exec(definition.trim());
  if (match === null) throw new Error(`fake cluster: cannot read field ${definition}`);
  return { name: match[1], type: match[2] };
}

// `a int, b map<text, int>` → ['a int', 'b map<text, int>'].
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
