// Uuid and TimeUuid: opt-in branded strings for uuid and timeuuid columns (`t.uuid().branded()`,
// `t.timeuuid().branded()`), and the generators and checked conversions that make them. Plain
// strings stay the columns' values by default; a branded column asks for its brand instead.
import { ValidationError } from '@cassia/core';
import { types } from 'cassandra-driver';
import { NATIVE_TYPES } from './native-types';

declare const uuidBrand: unique symbol;
declare const timeUuidBrand: unique symbol;

/** A UUID string of any version (what a uuid column holds); made by `uuid()` or `asUuid(text)`. */
export type Uuid = string & { readonly [uuidBrand]: true };

/** A version 1 (time-based) UUID string (what a timeuuid column holds), also a Uuid; made by `timeuuid()` or `asTimeUuid(text)`. */
export type TimeUuid = Uuid & { readonly [timeUuidBrand]: true };

/** A new random (version 4) UUID, e.g. for a uuid key: the driver's `types.Uuid.random()` as a string. */
export function uuid(): Uuid {
  return types.Uuid.random().toString() as Uuid;
}

/**
 * A new time-based (version 1) UUID for a timeuuid column: the driver's `types.TimeUuid.now()`
 * (or `fromDate(at)`: that millisecond, with random node and clock parts) as a string.
 */
export function timeuuid(at?: Date): TimeUuid {
  return (at === undefined ? types.TimeUuid.now() : types.TimeUuid.fromDate(at)).toString() as TimeUuid;
}

const uuidSchema = NATIVE_TYPES.uuid.schema();
const timeUuidSchema = NATIVE_TYPES.timeuuid.schema();

/** `text` as a Uuid when it is a UUID string (read from a request, say); ValidationError otherwise. */
export function asUuid(text: string): Uuid {
  return checked(uuidSchema, text, 'asUuid') as Uuid;
}

/** `text` as a TimeUuid when it is a version 1 UUID string; ValidationError otherwise (a v4 UUID included). */
export function asTimeUuid(text: string): TimeUuid {
  return checked(timeUuidSchema, text, 'asTimeUuid') as TimeUuid;
}

function checked(schema: typeof uuidSchema, text: unknown, what: string): unknown {
  const result = schema.safeParse(text);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: [], message: issue.message, code: issue.code }));
  throw ValidationError.fromIssues(`${what}: not a valid value`, issues);
}
