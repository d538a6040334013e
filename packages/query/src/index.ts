/**
 * Immutable query builders (builder → statement node → compiler → executor), context binding (bind, withContext), batches, and typed update operations.
 *
 * @packageDocumentation
 * @module @cassia/query
 */
export { query, bind, withContext, batch, type BoundQueries, type QueriesOf, type ExtraParameter, type CallbackTakesTooManyParameters, type CallbackArityChecked } from './entry-points';
export { isLwtNotApplied } from './lwt-not-applied';
export type { Query, Page, PageOptions } from './query';
export { setPageCursorKeys, type PageCursorKeyOptions } from './page-cursor-keys';
export type { WriteStatement } from './write-statement';
export { writeMany, type WriteManyOptions, type WriteManyResult, type WriteManyProgress, type WriteFailure } from './write-many';
export type { RowSource } from './row-source';
export type { Scan, ScanOptions } from './table-scan';
export type { ScanCheckpoint, ScanRangeCheckpoint } from './scan-checkpoint';
export type { StreamOptions } from './query-stream';
export type { Batch, BatchKindOf, BatchOptions, BatchType, CounterWritesOf } from './batch';
export type { TargetOptions, QueryRootOptions, BindOptions } from './query-context';
export type { CompiledStatement } from './compiler';
export {
  append, prepend, remove, setAt, add, put, removeKeys, increment, decrement,
  type AppendOperation, type PrependOperation, type RemoveOperation, type SetAtOperation, type AddOperation,
  type PutOperation, type RemoveKeysOperation, type IncrementOperation, type DecrementOperation, type ListOperation,
  type SetOperation, type MapOperation, type CounterOperation, type UpdateOperation,
} from './update-operations';
export type {
  ComparisonOperator, WhereOperator, IfOperator, IfEqualityOperator, DistinctRow, ConditionalColumnsOf, OrderDirection, WhereValues, ContainedValue, PartitionKeyValues, SelectedRow,
  IfConditions, InsertValues, CounterTableInsert, UpdateValue, UpdateChanges, DeletableColumnsOf, OrderableColumnsOf, ContainsColumnsOf, ContainsKeyColumnsOf,
  NoChanges, NonEmptyChanges, NotACollection, NotAMap, WhereOperand, OperationWrittenByHand,
} from './query-types';
export type {
  Restriction, WriteConditionKind, NothingRestricted, NotCallable, UncheckedKeys, Restricted, RestrictionOf, RestrictedBy, RestrictedByValues, TokenRestricted,
  Conditioned, GetTerminal, UpdateTerminal, DeleteTerminal, InsertTerminal, IsOneLiteral, UnionToIntersection, SurelyGivenKeys, MaybeGivenKeys, Named,
  ByKeyOnly, Unmet, NotByKey,
} from './key-state';
export { withStrictScope, type StrictTarget, type StrictScopeOptions } from './strict-routing';
export {
  tenantScope, DEFAULT_MAX_TENANTS, DEFAULT_TENANT_TTL_MS,
  type TenantScope, type TenantScopeOptions, type TenantResolver, type TenantTarget,
} from './tenant-scope';
export type {
  AggregateColumns, AggregateExpression, AggregateFunctions, AggregateRow, AggregateSelection, CellColumnsOf, ComparableColumnsOf, FreshAggregates, FreshAlias,
  GroupableColumnsOf, NumericColumnsOf, SimilarityFunction, TakenNamesOf, VectorColumnsOf, WithAlias,
} from './select-expression-types';
export { MAX_ANN_LIMIT } from './select-extras';
export { timestamps, type TimestampsOptions } from './timestamps';
export { versioned, type VersionedOptions } from './versioned';
