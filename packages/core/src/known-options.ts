// The one check of an options object's keys, for every package: a key outside the allowed set is
// a typo or a misunderstanding, so it is refused rather than ignored (cqlengine raised ValueError).
// Only key names are echoed, escaped and bounded, never values: they may hold credentials.
import { describeValue } from './describe-value';
import { ConfigurationError } from './errors/configuration-error';

// Unknown keys named in a message: enough to spot the typo, bounded for hostile input.
const MAX_KEYS_NAMED = 10;

/**
 * Throws ConfigurationError when `options` has an own enumerable key that `allowed` lacks, e.g.
 * `Unknown option(s) 'conection' for bind: allowed are connection, keyspace, registry.`; `advice`
 * replaces the list of allowed keys after the colon.
 */
export function assertKnownOptions(options: object, allowed: ReadonlySet<string>, subject: string, advice?: string): void {
  let unknown: string[] | undefined;
  for (const key of Object.keys(options)) {
    if (!allowed.has(key)) (unknown ??= []).push(key);
  }
  if (unknown === undefined) return;
  throw new ConfigurationError(
    `Unknown option(s) ${describeKeys(unknown)} for ${subject}: ${advice ?? `allowed are ${[...allowed].join(', ')}`}.`,
  );
}

function describeKeys(keys: readonly string[]): string {
  const named = keys.slice(0, MAX_KEYS_NAMED).map((key) => describeValue(key, 40));
  return keys.length > MAX_KEYS_NAMED ? `${named.join(', ')} and ${keys.length - MAX_KEYS_NAMED} more` : named.join(', ');
}
