// Consistency levels given either as the driver's numeric enum or by name ('localQuorum').
import { types } from 'cassandra-driver';
import { describeValue } from './describe-value';
import { ConfigurationError } from './errors/configuration-error';

/** A consistency level's name as the driver spells it, e.g. `'localQuorum'`. */
export type ConsistencyName = keyof typeof types.consistencies;

/** A consistency level: the driver's `types.consistencies` value or its name. */
export type Consistency = types.consistencies | ConsistencyName;

const BY_NAME = types.consistencies as unknown as Record<string, number>;
const VALID_CODES = new Set(Object.values(BY_NAME));

/** Converts a consistency level (name or code) to the driver's code; ConfigurationError if unknown. */
export function toConsistencyCode(level: Consistency, what = 'consistency'): types.consistencies {
  if (typeof level === 'string' && Object.prototype.hasOwnProperty.call(BY_NAME, level)) {
    return BY_NAME[level] as types.consistencies;
  }
  if (typeof level === 'number' && VALID_CODES.has(level)) return level;
  throw new ConfigurationError(
    `Invalid ${what} ${describeValue(level)}: use one of ${Object.keys(BY_NAME).join(', ')} ` +
      `or a cassandra-driver types.consistencies value.`,
  );
}
