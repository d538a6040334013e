// The cassandra-driver `encoding` options Cassia's value mapping relies on, and the check that a
// client (created by Cassia or handed over by the caller) has them.
import type { ClientOptions } from 'cassandra-driver';
import { ownValue } from './own-properties';

/** Driver encoding options as `ClientOptions.encoding` spells them. */
export type DriverEncoding = NonNullable<ClientOptions['encoding']>;

/**
 * The `encoding` every client Cassia uses must be created with: bigint for bigint, counter and
 * varint (64-bit values keep their precision and can be written at all), and JS Map and Set for
 * map and set (a map keyed by booleans, blobs, tuples or frozen collections is otherwise written
 * empty and read with string keys). Use it as `new Client({ ..., encoding: REQUIRED_DRIVER_ENCODING })`.
 */
export const REQUIRED_DRIVER_ENCODING: Readonly<DriverEncoding> = Object.freeze({
  map: Map,
  set: Set,
  useBigIntAsLong: true,
  useBigIntAsVarint: true,
});

const REQUIRED_ENTRIES = Object.entries(REQUIRED_DRIVER_ENCODING) as [keyof DriverEncoding, unknown][];

/** `encoding` text for messages, e.g. `encoding: { map: Map, set: Set, useBigIntAsLong: true, ... }`. */
export const REQUIRED_DRIVER_ENCODING_TEXT = `encoding: { ${REQUIRED_ENTRIES.map(describeSetting).join(', ')} }`;

/** The required settings `encoding` lacks or contradicts, as `name: value` text (empty when it has them all). */
export function missingEncodingSettings(encoding: unknown): string[] {
  const given = typeof encoding === 'object' && encoding !== null ? encoding : {};
  // Exactly Map and Set: the driver writes a map only when the value is an instance of `map`.
  return REQUIRED_ENTRIES.filter(([key, wanted]) => ownValue(given, key) !== wanted).map(describeSetting);
}

function describeSetting([key, value]: [string, unknown]): string {
  return `${key}: ${typeof value === 'function' ? value.name : String(value)}`;
}
