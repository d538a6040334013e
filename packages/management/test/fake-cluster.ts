// A stand-in for a driver client that answers management's system_schema reads from plain data
// and records every other statement, so whole sync runs can be tested without a server.
import type { Client } from 'cassandra-driver';
import type { TableDescription } from '../src';

export interface FakeCluster {
  readonly client: Client;
  /** Non-system_schema statements, in the order they were run. */
  readonly executed: string[];
  readonly keyspaces: Set<string>;
  /** `keyspace.table` → description. */
  readonly tables: Map<string, TableDescription>;
}

/** A fake cluster; `down` makes connecting fail like an unreachable cluster. */
export function fakeCluster(options: { keyspaces?: string[]; down?: boolean } = {}): FakeCluster {
  const executed: string[] = [];
  const keyspaces = new Set(options.keyspaces ?? []);
  const tables = new Map<string, TableDescription>();
  const rows = (list: Record<string, unknown>[]) => ({ rows: list });
  const client = {
    async connect() {
      if (options.down) throw new Error('All host(s) tried for query failed');
    },
    async execute(cql: string, params: unknown[]) {
      const [keyspace, table] = params as string[];
      const found = tables.get(`${keyspace}.${table}`);
      if (cql.includes('system_schema.keyspaces')) return rows(keyspaces.has(keyspace) ? [{ keyspace_name: keyspace }] : []);
      if (cql.includes('system_schema.tables')) {
        return rows(found === undefined ? [] : [{ keyspace_name: keyspace, table_name: table, ...found.options }]);
      }
      if (cql.includes('system_schema.columns')) {
        return rows((found?.columns ?? []).map((c) => ({ column_name: c.name, kind: c.kind, position: c.position, clustering_order: c.clusteringOrder, type: c.type })));
      }
      if (cql.includes('system_schema.indexes')) {
        return rows((found?.indexes ?? []).map((i) => ({ index_name: i.name, kind: i.kind, options: new Map(Object.entries(i.options)) })));
      }
      if (cql.includes('system_schema.types')) return rows([]);
      executed.push(cql);
      // Enough of Cassandra for idempotence tests: CREATE KEYSPACE makes it exist.
      const created = /^CREATE KEYSPACE IF NOT EXISTS "(\w+)"/.exec(cql);
      if (created !== null) keyspaces.add(created[1]);
      return rows([]);
    },
    async batch() {
      throw new Error('management never batches');
    },
    metadata: { checkSchemaAgreement: async () => true },
    async shutdown() {},
  };
  return { client: client as unknown as Client, executed, keyspaces, tables };
}
