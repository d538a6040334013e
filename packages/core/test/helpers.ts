// Shared unit-test fixtures: addresses where nothing listens, so nothing ever connects.
import { Client } from 'cassandra-driver';

/** A contact point that refuses connections at once (nothing listens on port 1). */
export const REFUSED = '127.0.0.1:1';

/** A real driver client that is never connected (its address refuses connections). */
export function idleClient(): Client {
  return new Client({ contactPoints: [REFUSED], localDataCenter: 'datacenter1' });
}

/** Options for a registry-created connection that does not connect at registration. */
export function lazyOptions(extra: Record<string, unknown> = {}) {
  return { contactPoints: [REFUSED], lazyConnect: true, ...extra };
}
