// The one check of a connection name given as an argument or option, for every package: any
// non-empty string names a connection (the registry decides whether it is registered).
import { describeValue } from './describe-value';
import { ConfigurationError } from './errors/configuration-error';

/** Returns `name` when it is a non-empty string; ConfigurationError (mentioning `where`, if given) otherwise. */
export function checkConnectionName(name: unknown, where?: string): string {
  if (typeof name === 'string' && name.length > 0) return name;
  const subject = where === undefined ? 'A connection name' : `${where}: a connection name`;
  throw new ConfigurationError(`${subject} must be a non-empty string, got ${describeValue(name)}.`);
}
