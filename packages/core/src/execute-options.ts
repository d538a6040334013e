// Options for one statement or batch, and their translation into the driver's QueryOptions.
import { types, type QueryOptions } from 'cassandra-driver';
import { toConsistencyCode, type Consistency } from './consistency';
import { ConfigurationError } from './errors/configuration-error';

/** Per-statement execution options. */
export interface ExecuteOptions {
  /** Consistency level; defaults to the connection's `consistency`, then the driver's default. */
  consistency?: Consistency;
  /** Serial consistency for lightweight transactions (`serial` or `localSerial`). */
  serialConsistency?: Consistency;
  /** Rows per page. */
  fetchSize?: number;
  /** Resume paging where an earlier result's `pageState` left off. */
  pageState?: string | Buffer;
  /** Client-side read timeout in milliseconds (the driver's `readTimeout`). */
  timeout?: number;
  /** Write timestamp in microseconds since the epoch. */
  timestamp?: bigint | number;
  /** Whether the statement may be retried or run speculatively. */
  isIdempotent?: boolean;
  /**
   * The keyspace the statement was resolved to, reported in query events only. It is not sent:
   * statements name their keyspace, and the driver would switch the pooled connection's keyspace.
   */
  keyspace?: string;
}

/** One statement of a batch: CQL with `?` markers and its bound values. */
export interface BatchStatement {
  query: string;
  params: unknown[] | Record<string, unknown>;
}

/** Options for a protocol batch. */
export interface BatchOptions {
  /** Logged batch (default `true`); ignored for counter batches. */
  logged?: boolean;
  /** A counter batch. */
  counter?: boolean;
  consistency?: Consistency;
  serialConsistency?: Consistency;
  /** Write timestamp in microseconds since the epoch, for every statement. */
  timestamp?: bigint | number;
  timeout?: number;
  isIdempotent?: boolean;
  /** Reported in query events only (see ExecuteOptions.keyspace). */
  keyspace?: string;
}

/** Builds the driver options for a statement: always prepared, defaults applied. */
export function toQueryOptions(
  options: ExecuteOptions & Pick<BatchOptions, 'logged' | 'counter'>,
  defaultConsistency: types.consistencies | undefined,
): QueryOptions {
  // Prepared always: values are bound, never spliced into CQL, and the driver caches the plan.
  const result: QueryOptions = { prepare: true };
  const consistency = options.consistency ?? defaultConsistency;
  if (consistency !== undefined) result.consistency = toConsistencyCode(consistency);
  if (options.serialConsistency !== undefined) {
    result.serialConsistency = toConsistencyCode(options.serialConsistency, 'serialConsistency');
  }
  if (options.fetchSize !== undefined) {
    result.fetchSize = positiveInteger(options.fetchSize, 'fetchSize');
  }
  if (options.pageState !== undefined) result.pageState = options.pageState;
  if (options.timeout !== undefined) result.readTimeout = positiveInteger(options.timeout, 'timeout');
  if (options.timestamp !== undefined) result.timestamp = toLongTimestamp(options.timestamp);
  if (options.isIdempotent !== undefined) result.isIdempotent = options.isIdempotent;
  if (options.logged !== undefined) result.logged = options.logged;
  if (options.counter !== undefined) result.counter = options.counter;
  return result;
}

function positiveInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigurationError(`Invalid ${what} ${String(value)}: use a positive integer.`);
  }
  return value;
}

// The driver takes a number or a Long; a bigint (the natural type for microseconds beyond
// 2^53) must become a Long or the driver's writer fails.
function toLongTimestamp(value: bigint | number): number | types.Long {
  if (typeof value === 'bigint') {
    if (value < -(2n ** 63n) || value >= 2n ** 63n) {
      throw new ConfigurationError(`Invalid timestamp ${value}: it must fit in a signed 64-bit integer.`);
    }
    return types.Long.fromString(value.toString());
  }
  if (!Number.isSafeInteger(value)) {
    throw new ConfigurationError(
      `Invalid timestamp ${String(value)}: use an integer number of microseconds (a bigint beyond 2^53).`,
    );
  }
  return value;
}
