// The `retry` and `speculative` connection options: how often the driver retries an idempotent
// statement and whether it sends one to another node while the first is slow, checked and turned
// into the driver's own policies (no retry loop of Cassia's). The driver never retries or
// speculates a statement that is not idempotent; Cassia's builders say which are (isIdempotent).
import { policies, type ClientOptions, type types } from 'cassandra-driver';
import { describeValue } from './describe-value';
import { ConfigurationError } from './errors/configuration-error';
import { MAX_TIMEOUT_MS } from './execute-options';
import { isIntegerInRange } from './integer-checks';
import { assertKnownOptions } from './known-options';
import { copyOwnProperties, ownValue } from './own-properties';

/** Retries of idempotent statements (option `retry` of a connection). */
export interface RetryOptions {
  /**
   * How many times one idempotent statement is sent again, each time to the next node of its query
   * plan, after a client timeout, a server read or write timeout, an unavailable replica set, an
   * overloaded node or a lost connection (0 to 10). Statements that are not idempotent are never retried.
   */
  maxRetries: number;
}

/** Speculative execution of idempotent statements (option `speculative` of a connection). */
export interface SpeculativeOptions {
  /** Milliseconds to wait for an answer before sending the statement to the next node as well (0 to 2^31 - 1). */
  delayMs: number;
  /** How many executions one statement may have in all, the first included (2 to 10). */
  maxExecutions: number;
}

/** The connection options this file reads; ConnectionOptions extends it. */
export interface RetryConnectionOptions {
  /** Retries of idempotent statements, on the driver's retry policy (default: the driver's, one retry of some errors). */
  retry?: RetryOptions;
  /** Send a slow idempotent statement to another node as well (default: never). */
  speculative?: SpeculativeOptions;
}

/** Option keys of RetryConnectionOptions, for the registration's key check. */
export const RETRY_OPTION_KEYS = ['retry', 'speculative'] as const;

const MAX_RETRIES = 10;
const MAX_EXECUTIONS = 10;
const RETRY_KEYS: ReadonlySet<string> = new Set(['maxRetries']);
const SPECULATIVE_KEYS: ReadonlySet<string> = new Set(['delayMs', 'maxExecutions']);

/**
 * A retry policy that sends an idempotent statement to the next node of its plan up to
 * `maxRetries` times, whatever went wrong (the driver only asks it about idempotent statements,
 * except for read timeouts and unavailable errors, which leave nothing written).
 */
export class BoundedRetryPolicy extends policies.retry.RetryPolicy {
  /** How many retries one statement may have. */
  readonly maxRetries: number;

  constructor(maxRetries: number) {
    super();
    this.maxRetries = maxRetries;
  }

  override onReadTimeout(
    info: policies.retry.OperationInfo,
    _consistency: types.consistencies,
    _received: number,
    _blockFor: number,
    _isDataPresent: boolean,
  ): policies.retry.DecisionInfo {
    return this.#nextHostOrRethrow(info);
  }

  override onUnavailable(info: policies.retry.OperationInfo, _consistency: types.consistencies, _required: number, _alive: boolean): policies.retry.DecisionInfo {
    return this.#nextHostOrRethrow(info);
  }

  override onWriteTimeout(
    info: policies.retry.OperationInfo,
    _consistency: types.consistencies,
    _received: number,
    _blockFor: number,
    _writeType: string,
  ): policies.retry.DecisionInfo {
    return this.#nextHostOrRethrow(info);
  }

  override onRequestError(info: policies.retry.OperationInfo, _consistency: types.consistencies, _error: Error): policies.retry.DecisionInfo {
    return this.#nextHostOrRethrow(info);
  }

  #nextHostOrRethrow(info: policies.retry.OperationInfo): policies.retry.DecisionInfo {
    // The driver's typings want a consistency; undefined keeps the statement's own.
    return info.nbRetry < this.maxRetries ? this.retryResult(undefined as unknown as types.consistencies, false) : this.rethrowResult();
  }
}

/**
 * Checks `retry` and `speculative` of a registration (ConfigurationError naming the option, never
 * echoing more than the bad value) and sets the driver policies they stand for on `clientOptions`.
 * Either one together with the same policy in `clientOptions.policies` is refused: one source of truth.
 */
export function applyRetryOptions(label: string, given: Record<string, unknown>, clientOptions: ClientOptions): void {
  const retry = given.retry;
  const speculative = given.speculative;
  if (retry === undefined && speculative === undefined) return;
  const driverPolicies = (isBag(clientOptions.policies) ? copyOwnProperties(clientOptions.policies) : {}) as NonNullable<ClientOptions['policies']>;
  if (retry !== undefined) {
    if (driverPolicies.retry !== undefined) {
      throw new ConfigurationError(`Connection ${label} was given both retry and clientOptions.policies.retry; use one of them.`);
    }
    driverPolicies.retry = new BoundedRetryPolicy(checkRetry(label, retry).maxRetries);
  }
  if (speculative !== undefined) {
    if (driverPolicies.speculativeExecution !== undefined) {
      throw new ConfigurationError(
        `Connection ${label} was given both speculative and clientOptions.policies.speculativeExecution; use one of them.`,
      );
    }
    const { delayMs, maxExecutions } = checkSpeculative(label, speculative);
    driverPolicies.speculativeExecution = new policies.speculativeExecution.ConstantSpeculativeExecutionPolicy(delayMs, maxExecutions - 1);
  }
  clientOptions.policies = driverPolicies;
}

function checkRetry(label: string, retry: unknown): RetryOptions {
  if (!isBag(retry)) {
    throw new ConfigurationError(`Option retry of connection ${label} must be an object { maxRetries }, got ${describeValue(retry)}.`);
  }
  assertKnownOptions(retry, RETRY_KEYS, `retry of connection ${label}`);
  const maxRetries = ownValue(retry, 'maxRetries');
  if (!isIntegerInRange(maxRetries, 0, MAX_RETRIES)) {
    throw new ConfigurationError(
      `Option retry.maxRetries of connection ${label} must be a whole number from 0 to ${MAX_RETRIES}, got ${describeValue(maxRetries)}.`,
    );
  }
  return { maxRetries };
}

function checkSpeculative(label: string, speculative: unknown): SpeculativeOptions {
  if (!isBag(speculative)) {
    throw new ConfigurationError(
      `Option speculative of connection ${label} must be an object { delayMs, maxExecutions }, got ${describeValue(speculative)}.`,
    );
  }
  assertKnownOptions(speculative, SPECULATIVE_KEYS, `speculative of connection ${label}`);
  const delayMs = ownValue(speculative, 'delayMs');
  if (!isIntegerInRange(delayMs, 0, MAX_TIMEOUT_MS)) {
    throw new ConfigurationError(
      `Option speculative.delayMs of connection ${label} must be a whole number of milliseconds from 0 to ${MAX_TIMEOUT_MS}, got ${describeValue(delayMs)}.`,
    );
  }
  const maxExecutions = ownValue(speculative, 'maxExecutions');
  if (!isIntegerInRange(maxExecutions, 2, MAX_EXECUTIONS)) {
    throw new ConfigurationError(
      `Option speculative.maxExecutions of connection ${label} must be a whole number from 2 to ${MAX_EXECUTIONS} ` +
        `(executions in all, the first included), got ${describeValue(maxExecutions)}.`,
    );
  }
  return { delayMs, maxExecutions };
}

function isBag(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
