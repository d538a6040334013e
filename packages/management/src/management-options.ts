// Options shared by the management functions: which registry, which targets, progress lines.
import type { ConnectionRegistry } from '@cassia/core';

/** Options every management function takes. */
export interface ManagementOptions {
  /** The registry whose connections are used; default: @cassia/core's default registry. */
  registry?: ConnectionRegistry;
  /** Called with one line per target when it finishes, e.g. `cluster1/ks1 automobile: created (2 statements)`. */
  onProgress?: (line: string) => void;
}

/** Options of keyspace functions: the connections to run on (default: the resolved default connection). */
export interface KeyspaceTargetOptions extends ManagementOptions {
  connections?: readonly string[];
}

/** Options of createSimpleKeyspace. */
export interface SimpleKeyspaceOptions extends KeyspaceTargetOptions {
  replicationFactor: number;
  /** Default: Cassandra's default (true). */
  durableWrites?: boolean;
}

/** Options of createNetworkTopologyKeyspace. */
export interface NetworkTopologyKeyspaceOptions extends KeyspaceTargetOptions {
  /** Replication factor per data center, e.g. `{ datacenter1: 3 }`. */
  replication: Readonly<Record<string, number>>;
  durableWrites?: boolean;
}

/** Options of syncTable, planSync, syncType and dropTable: targets are connections × keyspaces. */
export interface SyncOptions extends ManagementOptions {
  /** Keyspaces to sync into; default: the model's keyspace, else as resolved for a query. */
  keyspaces?: readonly string[];
  /** Connections to sync on; default: the model's connection, else as resolved for a query. */
  connections?: readonly string[];
  /** How long to wait for schema agreement after DDL on a connection (default 10000 ms). */
  schemaAgreementTimeoutMs?: number;
}
