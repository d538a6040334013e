/**
 * Keyspaces, tables and user types across lists of connections × keyspaces.
 *
 * @packageDocumentation
 * @module @cassia/management
 */
// The public surface only (API.md and the README); the planner and its plain-data inputs are in ./internal.
export { createSimpleKeyspace, createNetworkTopologyKeyspace, dropKeyspace } from './keyspace-management';
export { syncTable, planSync, dropTable } from './table-sync';
export { syncTables, planSyncTables } from './sync-tables';
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
export { provisionTenant, type ProvisionTenantOptions, type ProvisionReport } from './provision-tenant';
export { forEachTarget, DEFAULT_FAN_OUT_CONCURRENCY, type ForEachTargetOptions, type TargetOutcome } from './for-each-target';
