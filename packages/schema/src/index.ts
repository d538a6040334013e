/**
 * Column types on zod, defineModel/defineType, inferred row types, the JS ↔ CQL value codec, write validation and DDL text.
 *
 * @packageDocumentation
 * @module @cassia/schema
 */
export { t, type BrandableColumn } from './t';
export { uuid, timeuuid, asUuid, asTimeUuid, type Uuid, type TimeUuid } from './uuid-values';
export type {
  Column, AnyColumn, ElementColumn, ElementTraits, ColumnTraits, ColumnOptions, ColumnDefault, ColumnValueOf, TraitsOf, BaseTraits, ColumnExtras,
} from './column';
export { isColumn } from './column';
export type {
  CqlType, CqlKind, NativeTypeName, NativeCqlType, ListCqlType, SetCqlType, MapCqlType, TupleCqlType, UdtCqlType, VectorCqlType,
} from './cql-type';
export { isCollection, isCounter, isFrozen } from './cql-type';
export type { Duration } from './duration';
export { defineType, type UserType, type UserTypeField, type UserTypeDefinition, type FieldsShape, type UserTypeFieldsShape, type UdtValue } from './user-type';
export {
  defineModel,
  type Model, type AnyModel, type ModelDefinition, type ColumnsShape, type ClusteringOrder, type ClusteringKeyEntry, type ClusteringOrderOf,
  type ClusteringColumn, type IndexDefinition, type IndexTarget, type ModelIndex, type VectorIndexOptions, type VectorSimilarityFunctionName,
} from './model';
export type { TableOptions, TableOptionMapValue } from './table-options';
export { tableOptionsCql, tableOptionValueCql, cqlStringLiteral } from './table-options';
export type {
  InferRow, InferInsert, InferSave, InferKey, IsCounterTable, TableNameOf, InferPartial, ColumnsOf, ColumnValue, ColumnsRecordOf, PartitionKeyOf,
  ClusteringKeyOf, PrimaryKeyOf, CounterColumnsOf, ListColumnsOf, SetColumnsOf, MapColumnsOf,
  CollectionColumnsOf, StaticColumnsOf, DefaultedColumnsOf, RequiredColumnsOf, RegularColumnsOf, ElementOf, MapKeyOf, MapValueOf, InheritedMemberOf,
} from './infer';
export { toDatabase, fromDatabase, encode, decode, type ValueEncoder, type ValueDecoder } from './codec';
export { rowToDatabase, rowFromDatabase } from './row-codec';
export type { FastCheck } from './fast-check';
export { validateInsert, validateInsertColumns, validatePartial, validateColumnValue, type OwnedColumnValues } from './validation';
export {
  createTableCql, createTypeCql, createIndexCql, alterTableOptionsCql, addColumnCql, addFieldCql,
  columnDefinitionCql, cqlTypeText, type CreateOptions,
} from './ddl';
