// What a driver error says, made fit for a Cassia message: one line per failed host, whether every
// host refused the statement itself (so the cluster is reachable), and the bound value a value
// error quotes cut out of its message and stack.
import { errors as driverErrors, types as driverTypes } from 'cassandra-driver';
import { describeValue } from './describe-value';

/**
 * One readable line for a driver error. NoHostAvailableError's own message embeds a multi-line
 * dump of the first inner error object, so it is rebuilt from each host's error message instead.
 */
export function describeDriverError(error: unknown): string {
  const hosts = innerErrorsOf(error);
  if (hosts !== undefined && hosts.length > 0) {
    const described = hosts.map(([host, inner]) => `${host}: ${inner instanceof Error ? `${inner.name}: ${inner.message}` : describeValue(inner)}`);
    return `all hosts tried failed (${described.join('; ')})`;
  }
  return error instanceof Error ? error.message : describeValue(error);
}

function innerErrorsOf(error: unknown): [string, unknown][] | undefined {
  if (!(error instanceof driverErrors.NoHostAvailableError)) return undefined;
  const inner: unknown = error.innerErrors;
  return typeof inner === 'object' && inner !== null ? Object.entries(inner) : undefined;
}

// Server answers that refuse the statement itself (0x2000-0x25FF: syntax, unauthorized,
// invalid, config, already exists, unprepared), as opposed to an unreachable or overloaded host.
const STATEMENT_ERROR_CODES: ReadonlySet<number> = new Set([
  driverTypes.responseErrorCodes.syntaxError,
  driverTypes.responseErrorCodes.unauthorized,
  driverTypes.responseErrorCodes.invalid,
  driverTypes.responseErrorCodes.configError,
  driverTypes.responseErrorCodes.alreadyExists,
  driverTypes.responseErrorCodes.unprepared,
]);

/** The server code when every host tried answered with a statement error; undefined otherwise. */
export function statementErrorCodeOfEveryHost(error: driverErrors.NoHostAvailableError): number | undefined {
  const hosts = innerErrorsOf(error);
  if (hosts === undefined || hosts.length === 0) return undefined;
  const codes = hosts.map(([, inner]) => (inner instanceof driverErrors.ResponseError ? inner.code : undefined));
  return codes.every((code) => code !== undefined && STATEMENT_ERROR_CODES.has(code)) ? codes[0] : undefined;
}

/**
 * Errors JS and the driver's encoder throw for a bound value they cannot encode; their messages
 * often quote the value (`BigInt('x')` says "Cannot convert x to a BigInt").
 */
export function isValueError(error: unknown): error is Error {
  return error instanceof TypeError || error instanceof SyntaxError || error instanceof RangeError;
}

// Encoder messages known to carry no value: kept as they are.
const VALUE_FREE = [
  /^A (collection|map) can't contain null or unset (values|keys)$/,
  /^Expected vector with \d+ dimensions, observed size of \d+$/,
  /^Cannot encode empty array as vector$/,
  /^Driver only supports Vector type when encoding a vector$/,
  /^Not a valid type "?[\w<>, ]*"?$/,
];
// Where the driver's encoder messages start quoting the value ("..., obtained <value>",
// "Invalid date: <value>", "Value: <value>", "could not be parsed <error>", "from element <value>").
const VALUE_QUOTED_AFTER = /,? obtained\b|:|\bparsed\b|\bfrom element\b/;
const WITHHELD = '(the value is withheld from messages)';

/** The message of an error about a bound value, without the value. */
function valueFreeMessage(message: string): string {
  if (VALUE_FREE.some((pattern) => pattern.test(message))) return message;
  const at = message.search(VALUE_QUOTED_AFTER);
  if (at > 0) return `${message.slice(0, at)} ${WITHHELD}`;
  return `A bound value could not be encoded for its column ${WITHHELD}`;
}

/**
 * Cuts a bound value out of an encoding error, in its message and stack alike (the error was
 * made for this one call, so changing it hides the value from every later reader of the cause).
 * Text before the value, such as "Not a valid bigint, expected Long/Number", stays.
 */
export function withholdEncodedValue(error: Error): void {
  const redacted = valueFreeMessage(error.message);
  if (redacted === error.message) return;
  error.message = redacted;
  if (typeof error.stack === 'string') {
    const firstFrame = error.stack.indexOf('\n    at ');
    error.stack = `${error.name}: ${redacted}${firstFrame >= 0 ? error.stack.slice(firstFrame) : ''}`;
  }
}
