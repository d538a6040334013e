/**
 * Keyspaces, tables and user types across lists of connections × keyspaces.
 *
 * @packageDocumentation
 * @module @cassia/management
 */
export { createSimpleKeyspace, createNetworkTopologyKeyspace, dropKeyspace } from './keyspace-management';
export { syncTable, planSync, dropTable } from './table-sync';
export { syncType } from './type-sync';
export type { SyncAction, SyncResult } from './sync-result';
export type { KeyspaceResult } from './keyspace-result';
export { syncReportOf, type SyncFailure, type SyncReport } from './sync-report';
export type {
  ManagementOptions,
  KeyspaceTargetOptions,
  SimpleKeyspaceOptions,
  NetworkTopologyKeyspaceOptions,
  SyncOptions,
} from './management-options';
// The planner and its plain-data inputs, for tools that want to diff without a server.
export { planTable, type TablePlan } from './table-plan';
export { planUserTypes, type TypesPlan } from './type-plan';
export type { PlanTarget } from './plan-target';
export type {
  KeyspaceDescription,
  KeyspaceSettings,
  TableDescription,
  ColumnDescription,
  ColumnKind,
  DroppedColumnDescription,
  IndexDescription,
  PartitionKeyColumnDescription,
  TypeDescription,
} from './schema-description';
export { normalizeCqlType, referencedTypeNames, sameCqlType } from './cql-type-normalization';
export { changedTableOptions, diffTableOptions, type TableOptionsDiff } from './table-options-diff';
export { retryPolicyForm } from './table-option-forms';
export { indexDifferences } from './index-comparison';
