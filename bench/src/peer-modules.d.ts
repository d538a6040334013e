// The little of express-cassandra's and cassanknex's untyped APIs the bench uses.

declare module 'express-cassandra' {
  interface ExpressCassandraModelInstance {
    saveAsync(options?: Record<string, unknown>): Promise<void>;
  }
  interface ExpressCassandraModel<T> {
    new (values: T): ExpressCassandraModelInstance;
    syncDBAsync(): Promise<boolean>;
    findOneAsync(query: Partial<T>, options?: { raw?: boolean }): Promise<T | undefined>;
  }
  interface ExpressCassandraClient {
    loadSchema<T>(name: string, schema: Record<string, unknown>): ExpressCassandraModel<T>;
    closeAsync(): Promise<void>;
  }
  const ExpressCassandra: {
    createClient(options: { clientOptions: Record<string, unknown>; ormOptions: Record<string, unknown> }): ExpressCassandraClient;
  };
  export default ExpressCassandra;
}

declare module 'cassanknex' {
  interface CassanKnexQuery {
    select(...columns: string[]): CassanKnexQuery;
    from(table: string): CassanKnexQuery;
    where(column: string, op: string, value: unknown): CassanKnexQuery;
    insert(values: Record<string, unknown>): CassanKnexQuery;
    into(table: string): CassanKnexQuery;
    update(table: string): CassanKnexQuery;
    set(values: Record<string, unknown>): CassanKnexQuery;
    cql(): string;
    bindings(): unknown[];
  }
  type CassanKnex = (keyspace?: string) => CassanKnexQuery;
  function initialize(config?: Record<string, unknown>): CassanKnex;
  export default initialize;
}
