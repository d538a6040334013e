// What a span and a metric point say about a failed statement: `error.type`, the server's status
// code, and the exception event. Only Cassia's own messages are recorded (they never hold bound
// values); any other error is named by its class alone.
import { CassiaError, ExecutionError } from '@cassia/core';
import type { Attributes } from '@opentelemetry/api';
import { ATTR_DB_RESPONSE_STATUS_CODE, ATTR_ERROR_TYPE, ERROR_TYPE_OTHER } from './semantic-conventions';

/** The conventions' exception event attributes. */
const EXCEPTION_TYPE = 'exception.type';
const EXCEPTION_MESSAGE = 'exception.message';
const EXCEPTION_STACKTRACE = 'exception.stacktrace';

/** The status code Cassandra answered with (its native protocol error code, decimal), if it answered with one. */
export function statusCodeOf(error: unknown): string | undefined {
  return error instanceof ExecutionError && error.serverCode !== undefined ? String(error.serverCode) : undefined;
}

/**
 * `error.type`: the server's status code when Cassandra answered with an error (as the conventions
 * ask), otherwise the Cassia error's stable `code`, otherwise `_OTHER` (a non-Cassia error's class
 * name could be anything a middleware threw, so it is not used as a metric dimension).
 */
export function errorTypeOf(error: unknown): string {
  const status = statusCodeOf(error);
  if (status !== undefined) return status;
  return error instanceof CassiaError ? error.code : ERROR_TYPE_OTHER;
}

/** The attributes a failed statement adds to its span and its duration point. */
export function errorAttributes(error: unknown): Attributes {
  const status = statusCodeOf(error);
  const attributes: Attributes = { [ATTR_ERROR_TYPE]: status ?? (error instanceof CassiaError ? error.code : ERROR_TYPE_OTHER) };
  if (status !== undefined) attributes[ATTR_DB_RESPONSE_STATUS_CODE] = status;
  return attributes;
}

/**
 * The `exception` event's attributes. A Cassia error brings its message and stack (its messages
 * name columns and connections, never values); another error only its class name, since its
 * message may quote anything.
 */
export function exceptionAttributes(error: unknown): Attributes {
  if (error instanceof CassiaError) {
    const attributes: Attributes = { [EXCEPTION_TYPE]: error.name, [EXCEPTION_MESSAGE]: error.message };
    if (typeof error.stack === 'string') attributes[EXCEPTION_STACKTRACE] = error.stack;
    return attributes;
  }
  return { [EXCEPTION_TYPE]: error instanceof Error ? safeName(error) : typeof error };
}

/** The message an ERROR status carries: a Cassia error's own, otherwise none. */
export function statusMessageOf(error: unknown): string | undefined {
  return error instanceof CassiaError ? error.message : undefined;
}

/** An error's class name, without calling anything a hostile error could override beyond reading `constructor.name`. */
function safeName(error: Error): string {
  const name = (error.constructor as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,99}$/.test(name) ? name : 'Error';
}
