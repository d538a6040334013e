/**
 * Named connections, default switching, scoped defaults, raw execution, errors, identifiers and the resolution every other package uses.
 *
 * @packageDocumentation
 * @module @cassia/core
 */
export * from './errors/index';
export { assertIdentifier, isIdentifier, quoteIdentifier, quoteQualified } from './identifiers';
export { toConsistencyCode, type Consistency, type ConsistencyName } from './consistency';
export { ownValue, hasOwn, copyOwnProperties, emptyBag } from './own-properties';
export { describeValue, escapeInput, MAX_ECHOED_LENGTH } from './describe-value';
export { REQUIRED_DRIVER_ENCODING, type DriverEncoding } from './driver-encoding';
export { MAX_TIMEOUT_MS, type ExecuteOptions, type BatchOptions, type BatchStatement } from './execute-options';
export type {
  ConnectionOptions,
  ExistingClientOptions,
  RegisterOptions,
  RegistrationFlags,
  Credentials,
  PassThroughClientOptions,
} from './connection-options';
export { DEFAULT_DRAIN_TIMEOUT_MS } from './connection-options';
export {
  Connection,
  type ConnectionInit,
  type ConnectionState,
  type ConnectionCloseReason,
  type ConnectionShutdownOptions,
  type ConnectionHold,
  type ResultSet,
} from './connection';
export type { ConnectionScope, ScopeInput } from './connection-scope';
export type {
  CassiaEvent,
  CassiaEventListener,
  ConnectionRegisteredEvent,
  ConnectionRemovedEvent,
  DefaultChangedEvent,
  QueryEvent,
} from './registry-events';
export {
  ConnectionRegistry,
  SETUP_CONNECTION_NAME,
  type RegistryOptions,
  type ExplicitTarget,
  type ResolvedTarget,
  type SetupOptions,
} from './connection-registry';
export {
  defaultRegistry,
  setup,
  registerConnection,
  unregisterConnection,
  setDefaultConnection,
  getConnection,
  listConnections,
  defaultConnectionName,
  withConnection,
  currentScope,
  resolve,
  resolveConnection,
  execute,
  shutdown,
  onEvent,
} from './default-registry';
