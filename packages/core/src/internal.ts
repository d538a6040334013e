/**
 * What Cassia's packages share with each other and not with users (`@cassia/core/internal`):
 * identifier text, the checks of options and values every package makes, safe message text, and
 * the default registry. It may change in any release; import the root `@cassia/core` instead.
 *
 * @module @cassia/core/internal
 */
export { assertIdentifier, isIdentifier, quoteIdentifier, quoteQualified } from './identifiers';
export { ownValue, hasOwn, copyOwnProperties, emptyBag } from './own-properties';
export { describeValue, escapeInput, MAX_ECHOED_LENGTH } from './describe-value';
export { assertKnownOptions } from './known-options';
export { checkConnectionName } from './connection-name';
export { isIntegerInRange, isInt64Timestamp } from './integer-checks';
export { toConsistencyCode } from './consistency';
export { MAX_TIMEOUT_MS } from './execute-options';
export { SETUP_CONNECTION_NAME, TARGETS_PER_CONNECTION } from './connection-registry';
export type { ConnectionInit } from './connection';
export { defaultRegistry } from './default-registry';
export { shareStatementOptions, isSharedStatementOptions, type SharedStatementOptions } from './shared-statement-options';
export { BoundedCache } from './bounded-cache';
export { isIdempotentSafety, type StatementSafety } from './statement-safety';
export {
  StatementPipeline, runMiddleware, runBatchMiddleware, asCassiaError, outcomeOf, type MiddlewareEntry, type BatchMember,
} from './statement-pipeline';
export { callOptionsOf, withCallOptions } from './statement-call-options';
export { frozenInfo } from './raw-statement-call';
export { StrictRouteScope, strictRouteOf, type StrictScopeRoute } from './connection-scope';
