// The integer checks every package shares: a whole number within bounds (sizes, counts, timeouts,
// replication factors), and a write timestamp that fits the protocol's signed 64-bit field.
// Each caller throws its own error class (ConfigurationError, QueryBuildError, ...) with its own words.

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

/** Whether `value` is a safe integer (a number, not a bigint) from `min` to `max`, both included. */
export function isIntegerInRange(value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/**
 * Whether `value` is a write timestamp (microseconds since the epoch) the protocol can carry: a
 * safe integer number, or a bigint within a signed 64-bit integer (for values beyond 2^53).
 */
export function isInt64Timestamp(value: unknown): value is bigint | number {
  if (typeof value === 'bigint') return value >= MIN_INT64 && value <= MAX_INT64;
  return typeof value === 'number' && Number.isSafeInteger(value);
}
