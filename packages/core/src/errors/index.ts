// The whole error family, for every Cassia package.
export { CassiaError, type CassiaErrorOptions } from './cassia-error';
export { ConfigurationError } from './configuration-error';
export { ConnectionError } from './connection-error';
export { ConnectionExistsError } from './connection-exists-error';
export { UnknownConnectionError } from './unknown-connection-error';
export { NoDefaultConnectionError } from './no-default-connection-error';
export { UndefinedKeyspaceError } from './undefined-keyspace-error';
export { ExecutionError } from './execution-error';
export { ValidationError, type ValidationIssue, type ValidationErrorOptions } from './validation-error';
export { SchemaDefinitionError } from './schema-definition-error';
export { InvalidIdentifierError } from './invalid-identifier-error';
export { NotFoundError } from './not-found-error';
export { MultipleRowsError } from './multiple-rows-error';
export { LwtNotAppliedError } from './lwt-not-applied-error';
export { BatchConnectionError } from './batch-connection-error';
export { SchemaMismatchError, type SchemaMismatch } from './schema-mismatch-error';
export { QueryBuildError } from './query-build-error';
export { KeyspaceNotFoundError } from './keyspace-not-found-error';
