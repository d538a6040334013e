// What createSimpleKeyspace and createNetworkTopologyKeyspace report for one connection.

/** The outcome of a keyspace creation on one connection; `warnings` say how an existing keyspace differs from the call. */
export interface KeyspaceResult {
  /** The registered connection name. */
  readonly connection: string;
  readonly keyspace: string;
  /** `created` when the keyspace was missing when this call looked; an existing keyspace is never changed. */
  readonly action: 'created' | 'unchanged';
  /** The CREATE KEYSPACE run, if any. */
  readonly statements: readonly string[];
  /** Replication or durable_writes that differ from the call's, replication factors above the node count, no schema agreement. */
  readonly warnings: readonly string[];
}
