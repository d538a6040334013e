/**
 * What `@cassia/schema` shares with sibling packages (`@cassia/schema/internal`): the value codec,
 * write validation and row mapping that @cassia/query runs, and the DDL text and CQL type
 * spellings that @cassia/management compares and runs. It may change in any release; import the
 * root `@cassia/schema` instead.
 *
 * @module @cassia/schema/internal
 */
export { encode } from './codec';
export { formatTime } from './native-values';
export { rowFromDatabase } from './row-codec';
export { layoutOf, MAX_INSERT_BITS, KEYED_SELECTS_PER_MODEL, type ModelLayout, type LayoutColumn, type ColumnRole } from './model-layout';
export type { RowMapper } from './row-mapper';
export type { KeyLimits } from './key-limits';
export { shareNameList, isSharedNameList, type SharedNameList } from './shared-name-list';
export { validateInsert, validateInsertColumns, columnValidator, type ColumnValidator, type OwnedColumnValues } from './validation';
export { isColumn } from './column';
export { refuseRequiredNull } from './column-validation';
export { isCollection, isFrozen, reportedTypeName, reportedNativeName } from './cql-type';
export { cqlStringLiteral } from './table-options';
export {
  createTableCql, createTypeCql, createIndexCql, alterTableOptionsCql, addColumnCql, addFieldCql, cqlTypeText,
} from './ddl';
