/**
 * Named connections, default switching, scoped defaults, raw execution, and the error family every Cassia package throws.
 *
 * @packageDocumentation
 * @module @cassia/core
 */
// The public surface only (API.md, the README, docs/); what the packages share with each other is in ./internal.
export * from './errors/index';
export type { Consistency, ConsistencyName } from './consistency';
export { REQUIRED_DRIVER_ENCODING, type DriverEncoding } from './driver-encoding';
export type { ExecuteOptions, BatchOptions, BatchStatement } from './execute-options';
export type {
  ConnectionOptions,
  CloudConnectionOptions,
  ExistingClientOptions,
  RegisterOptions,
  RegistrationFlags,
  Credentials,
  PassThroughClientOptions,
} from './connection-options';
export { DEFAULT_DRAIN_TIMEOUT_MS } from './connection-options';
export type { TlsOptions, CloudOptions, PemMaterial } from './tls-options';
export { DEFAULT_MAX_PREPARED } from './prepared-statement-sizing';
export type { RetryOptions, SpeculativeOptions, RetryConnectionOptions } from './retry-options';
export type { StatementSafety } from './statement-safety';
export {
  Connection,
  type ConnectionState,
  type ConnectionCloseReason,
  type ConnectionShutdownOptions,
  type ConnectionHold,
  type ResultSet,
} from './connection';
export type { ConnectionScope, ScopeInput } from './connection-scope';
export type { ExplicitTarget, ResolvedTarget } from './target';
export type {
  CassiaEvent,
  CassiaEventListener,
  ConnectionRegisteredEvent,
  ConnectionRemovedEvent,
  DefaultChangedEvent,
  QueryEvent,
  RepreparedEvent,
} from './registry-events';
export { ConnectionRegistry, type RegistryOptions, type SetupOptions } from './connection-registry';
export {
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
  use,
} from './default-registry';
export type {
  Middleware,
  ModelMiddleware,
  StatementCall,
  StatementCallOptions,
  StatementInfo,
  StatementKind,
  StatementOperation,
  StatementOutcome,
  ConditionOperator,
  BatchableStatement,
  Unsubscribe,
} from './middleware';
