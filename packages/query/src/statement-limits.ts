// The ranges a statement's numbers must fit, checked before anything is sent: the protocol
// carries limits, fetch sizes and list indexes as signed 32-bit integers, Node's timers take at
// most 2^31 - 1 ms (a longer timeout silently becomes 1 ms), and Cassandra caps a TTL at 20 years.
import { ConfigurationError, QueryBuildError, type CassiaError, type Consistency } from '@cassia/core';
import { toConsistencyCode } from '@cassia/core/internal';
import { describeInput } from './describe-input';

/** The largest signed 32-bit integer: the protocol's limit for LIMIT, fetch size and list indexes. */
export const MAX_INT32 = 2 ** 31 - 1;
/** Node's largest timer delay, in milliseconds. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** Cassandra's maximum TTL (20 years), in seconds. */
export const MAX_TTL_SECONDS = 630_720_000;

type ErrorClass = new (message: string) => CassiaError;

/** `value` if it is an integer from `min` to `max`, else a QueryBuildError (or `error`) naming the range. */
export function integerIn(value: unknown, min: number, max: number, what: string, error: ErrorClass = QueryBuildError): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new error(`${what} must be an integer from ${min} to ${max}, got ${describeInput(value)}.`);
  }
  return value;
}

/** A LIMIT, PER PARTITION LIMIT or fetch size: 1 to 2^31 - 1. */
export function positiveInt32(value: unknown, what: string, error?: ErrorClass): number {
  return integerIn(value, 1, MAX_INT32, what, error);
}

/** A client-side timeout in milliseconds: 1 to Node's timer limit. */
export function timeoutMs(value: unknown, what: string, error?: ErrorClass): number {
  return integerIn(value, 1, MAX_TIMEOUT_MS, what, error);
}

/** `flag` if it is a boolean (an `.idempotent(flag)` override), else a QueryBuildError. */
export function idempotenceFlag(flag: unknown, what: string): boolean {
  if (typeof flag !== 'boolean') throw new QueryBuildError(`${what} takes true or false, got ${describeInput(flag)}.`);
  return flag;
}

/** `level` if it is a consistency level; ConfigurationError (its message never echoes an object) otherwise. */
export function checkConsistency(level: unknown, what: 'consistency' | 'serialConsistency'): Consistency {
  if (typeof level !== 'string' && typeof level !== 'number') {
    throw new ConfigurationError(`Invalid ${what} ${describeInput(level)}: use a consistency name such as 'localQuorum'.`);
  }
  toConsistencyCode(level as Consistency, what);
  return level as Consistency;
}
