/**
 * What `@cassia/schema` shares with sibling packages (`@cassia/schema/internal`): the value codec,
 * write validation and row mapping that @cassia/query runs, and the DDL text and CQL type
 * spellings that @cassia/management compares and runs. It may change in any release; import the
 * root `@cassia/schema` instead.
 *
 * @module @cassia/schema/internal
 */
export { encode, formatTime, isPassThrough } from './codec';
export { rowFromDatabase } from './row-mapper';
export { validateInsert, validateInsertColumns, columnValidator, type ColumnValidator } from './validation';
export { isColumn } from './column';
export { isCollection, isFrozen, reportedTypeName, reportedNativeName } from './cql-type';
export { cqlStringLiteral } from './table-options';
export {
  createTableCql, createTypeCql, createIndexCql, alterTableOptionsCql, addColumnCql, addFieldCql, cqlTypeText,
} from './ddl';
