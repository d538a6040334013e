/**
 * The schema planner and its plain-data inputs (`@cassia/management/internal`): what sync compares
 * and plans, without a server, for Cassia's own tools and tests. It may change in any release;
 * import the root `@cassia/management` instead.
 *
 * @module @cassia/management/internal
 */
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
export { optionsDifferingFromDefaults } from './table-option-defaults';
export { indexDifferences } from './index-comparison';
export { waitForSchemaAgreement, DEFAULT_SCHEMA_AGREEMENT_TIMEOUT_MS } from './schema-agreement';
export { isAlreadyExists } from './target-runner';
export { readKeyspaceSchema, readKeyspaceSchemas, keyspaceDescriptionOf, type KeyspaceSchema } from './keyspace-schema';
export { forgetKeyspaceSchemas } from './keyspace-schema-cache';
