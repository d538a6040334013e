// Shared unit-test fixtures: addresses where nothing listens, so nothing ever connects.
import { Client } from 'cassandra-driver';
import { REQUIRED_DRIVER_ENCODING } from '@cassia/core';

/** A contact point that refuses connections at once (nothing listens on port 1). */
export const REFUSED = '127.0.0.1:1';

/** A real driver client that is never connected (its address refuses connections), with the encoding Cassia needs. */
export function idleClient(): Client {
  return new Client({ contactPoints: [REFUSED], localDataCenter: 'datacenter1', encoding: REQUIRED_DRIVER_ENCODING });
}

/** A real driver client with the driver's default encoding, which registration refuses. */
export function defaultEncodingClient(): Client {
  return new Client({ contactPoints: [REFUSED], localDataCenter: 'datacenter1' });
}

/** Options for a registry-created connection that does not connect at registration. */
export function lazyOptions(extra: Record<string, unknown> = {}) {
  return { contactPoints: [REFUSED], lazyConnect: true, ...extra };
}

/**
 * The names `object` would inherit: every property of each object on its prototype chain. Empty for
 * the bags Cassia makes (their prototype is a frozen empty object with no prototype).
 */
export function inheritedNames(object: object): string[] {
  const names: string[] = [];
  for (let proto = Object.getPrototypeOf(object) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    names.push(...Object.getOwnPropertyNames(proto));
  }
  return names;
}
