// The options a middleware may change (StatementCallOptions), made from a statement's execute
// options and folded back into them for the send.
import type { ExecuteOptions } from './execute-options';
import type { StatementCallOptions } from './middleware';
import { copyOwnProperties, NOTHING_INHERITED, ownValue } from './own-properties';

const KEYS = ['consistency', 'serialConsistency', 'timeout', 'idempotent', 'tracing'] as const;

/**
 * The changeable options of `options` (own properties only): a sealed object inheriting nothing, so a
 * middleware's typo (`call.options.consistancy = ...`) throws instead of being ignored.
 */
export function callOptionsOf(options: ExecuteOptions): StatementCallOptions {
  const made = Object.create(NOTHING_INHERITED) as StatementCallOptions;
  made.consistency = ownValue(options, 'consistency') as StatementCallOptions['consistency'];
  made.serialConsistency = ownValue(options, 'serialConsistency') as StatementCallOptions['serialConsistency'];
  made.timeout = ownValue(options, 'timeout') as number | undefined;
  made.idempotent = ownValue(options, 'isIdempotent') as boolean | undefined;
  made.tracing = ownValue(options, 'tracing') as boolean | undefined;
  return Object.seal(made);
}

/**
 * `options` as they are when `changed` holds what callOptionsOf made of them, else a copy (own
 * properties, inheriting nothing) with the changes; the connection checks every value when it sends.
 */
export function withCallOptions<T extends ExecuteOptions>(options: T, changed: StatementCallOptions): T {
  if (
    changed.consistency === ownValue(options, 'consistency') &&
    changed.serialConsistency === ownValue(options, 'serialConsistency') &&
    changed.timeout === ownValue(options, 'timeout') &&
    changed.idempotent === ownValue(options, 'isIdempotent') &&
    changed.tracing === ownValue(options, 'tracing')
  ) {
    return options;
  }
  const copy = copyOwnProperties(options) as Record<string, unknown>;
  for (const key of KEYS) {
    const target = key === 'idempotent' ? 'isIdempotent' : key;
    const value = changed[key];
    if (value === undefined) delete copy[target];
    else copy[target] = value;
  }
  return copy as T;
}
