// Options for one statement or batch, and their translation into the driver's QueryOptions.
import { types, type QueryOptions } from 'cassandra-driver';
import { toConsistencyCode, type Consistency } from './consistency';
import { describeValue } from './describe-value';
import { ConfigurationError } from './errors/configuration-error';
import { isInt64Timestamp, isIntegerInRange } from './integer-checks';
import { emptyBag, ownValue } from './own-properties';

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
  /**
   * Whether the statement may be retried or run speculatively (the driver's default, false, when
   * left out). Statements the query builders make name it themselves (see `.idempotent(flag)`).
   */
  isIdempotent?: boolean;
  /**
   * Bytes the driver's token-aware policy hashes to choose the coordinator among the replicas of
   * their token (a token-range scan passes bytes whose token falls among the range's replicas).
   */
  routingKey?: Buffer;
  /** Server-side tracing of this statement (the driver's `traceQuery`); its result then carries a trace id. */
  tracing?: boolean;
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
  /** Server-side tracing of the batch (see ExecuteOptions.tracing). */
  tracing?: boolean;
  /** Reported in query events only (see ExecuteOptions.keyspace). */
  keyspace?: string;
}

/** Node's longest timer delay; a longer timeout would fire at once (Node clamps it to 1 ms). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
// The protocol sends a page size as a signed 32-bit int.
const MAX_FETCH_SIZE = 2 ** 31 - 1;

/**
 * Builds the driver options for a statement: always prepared, defaults applied. Only own
 * properties of `options` are read (an inherited `consistency` or `timeout` is not an option),
 * and every value is checked before anything is sent (ConfigurationError). `inferredIdempotent`
 * is what the statement's builder worked out; an `isIdempotent` in `options` overrides it.
 */
export function toQueryOptions(
  options: ExecuteOptions & Pick<BatchOptions, 'logged' | 'counter'>,
  defaultConsistency: types.consistencies | undefined,
  inferredIdempotent?: boolean,
): QueryOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError(`Statement options must be an object, got ${describeValue(options)}.`);
  }
  // Prepared always: values are bound, never spliced into CQL, and the driver caches the plan.
  // Null-prototype: the driver reads many optional keys of it, none of which may be inherited.
  const result = emptyBag<QueryOptions>();
  result.prepare = true;
  const consistency = (ownValue(options, 'consistency') as Consistency | undefined) ?? defaultConsistency;
  if (consistency !== undefined) result.consistency = toConsistencyCode(consistency);
  const serialConsistency = ownValue(options, 'serialConsistency') as Consistency | undefined;
  if (serialConsistency !== undefined) result.serialConsistency = toConsistencyCode(serialConsistency, 'serialConsistency');
  const fetchSize = ownValue(options, 'fetchSize');
  if (fetchSize !== undefined) result.fetchSize = boundedInteger(fetchSize, 'fetchSize', 'rows', MAX_FETCH_SIZE);
  const pageState = ownValue(options, 'pageState');
  if (pageState !== undefined) {
    if (typeof pageState !== 'string' && !Buffer.isBuffer(pageState)) {
      throw new ConfigurationError(`Invalid pageState ${describeValue(pageState)}: use a string or Buffer from an earlier result's pageState.`);
    }
    result.pageState = pageState;
  }
  const timeout = ownValue(options, 'timeout');
  if (timeout !== undefined) result.readTimeout = boundedInteger(timeout, 'timeout', 'milliseconds', MAX_TIMEOUT_MS);
  const timestamp = ownValue(options, 'timestamp');
  if (timestamp !== undefined) result.timestamp = toLongTimestamp(timestamp);
  const isIdempotent = ownValue(options, 'isIdempotent');
  if (isIdempotent !== undefined) result.isIdempotent = booleanOption(isIdempotent, 'isIdempotent');
  else if (inferredIdempotent !== undefined) result.isIdempotent = inferredIdempotent;
  const routingKey = ownValue(options, 'routingKey');
  if (routingKey !== undefined) {
    if (!Buffer.isBuffer(routingKey)) throw new ConfigurationError(`Invalid routingKey ${describeValue(routingKey)}: use a Buffer.`);
    result.routingKey = routingKey;
  }
  const tracing = ownValue(options, 'tracing');
  if (tracing !== undefined) result.traceQuery = booleanOption(tracing, 'tracing');
  const logged = ownValue(options, 'logged');
  if (logged !== undefined) result.logged = booleanOption(logged, 'logged');
  const counter = ownValue(options, 'counter');
  if (counter !== undefined) result.counter = booleanOption(counter, 'counter');
  return result;
}

function boundedInteger(value: unknown, what: string, unit: string, max: number): number {
  if (!isIntegerInRange(value, 1, max)) {
    throw new ConfigurationError(`Invalid ${what} ${describeValue(value)}: use a whole number of ${unit} from 1 to ${max}.`);
  }
  return value;
}

function booleanOption(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigurationError(`Invalid ${what} ${describeValue(value)}: use true or false.`);
  return value;
}

// The driver takes a number or a Long; a bigint (the natural type for microseconds beyond
// 2^53) must become a Long or the driver's writer fails.
function toLongTimestamp(value: unknown): number | types.Long {
  if (!isInt64Timestamp(value)) {
    throw new ConfigurationError(
      typeof value === 'bigint'
        ? `Invalid timestamp ${describeValue(value)}: it must fit in a signed 64-bit integer.`
        : `Invalid timestamp ${describeValue(value)}: use an integer number of microseconds (a bigint beyond 2^53).`,
    );
  }
  return typeof value === 'bigint' ? types.Long.fromString(value.toString()) : value;
}
