// Routing a token-range read to a replica of its range. The driver's token-aware policy picks the
// coordinator from the replicas of a statement's routing key (bytes it hashes to a token); a
// `token(pk) > ? AND token(pk) <= ?` read has no partition key to hash, so each span is given bytes
// whose token lies in a ring range with the same replicas as the span's own. Candidates are tried
// once per scan until every replica set has one; a set none of them reaches goes unrouted.
import type { RingClient, TokenSpan } from './token-ring';

// Enough to reach every replica set of a ring of a few hundred vnodes; each try is one hash.
const MAX_TRIES = 20_000;

/** A routing key per span (undefined where no replica set is known or none was found). */
export function routingKeysOf(client: RingClient, keyspace: string, spans: readonly TokenSpan[]): (Buffer | undefined)[] {
  const setOfSpan = spans.map((span) => (span.ringToken === undefined ? undefined : replicaSetKey(client.getReplicas(keyspace, span.ringToken))));
  const wanted = new Set(setOfSpan.filter((key): key is string => key !== undefined));
  const keys = new Map<string, Buffer>();
  for (let i = 0; i < MAX_TRIES && keys.size < wanted.size; i++) {
    const candidate = Buffer.alloc(8);
    candidate.writeUInt32BE(i, 4);
    const set = replicaSetKey(client.getReplicas(keyspace, candidate));
    if (set !== undefined && wanted.has(set) && !keys.has(set)) keys.set(set, candidate);
  }
  return setOfSpan.map((set) => (set === undefined ? undefined : keys.get(set)));
}

function replicaSetKey(replicas: readonly { readonly address: string }[] | null | undefined): string | undefined {
  if (replicas === null || replicas === undefined || replicas.length === 0) return undefined;
  return replicas.map((host) => host.address).sort().join(' ');
}
