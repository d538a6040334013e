/**
 * Immutable query builders (builder → statement node → compiler → executor), context binding (bind, withContext), batches, and typed update operations.
 *
 * @packageDocumentation
 * @module @cassia/query
 */
export { query, bind, withContext, batch } from './entry-points';
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
} from './query-types';
