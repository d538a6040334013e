// How many nodes each data center of a connection's cluster has, as the driver sees them.
import type { Connection } from '@cassia/core';

/** Data center name → number of nodes the driver knows; undefined when the client keeps no host list. */
export async function nodesByDatacenter(connection: Connection): Promise<Map<string, number> | undefined> {
  const client = await connection.getClient();
  // A caller's stand-in client may have no host metadata; then nothing can be said about node counts.
  const hosts = (client as { hosts?: { values?: () => readonly { datacenter?: string }[] } }).hosts;
  if (typeof hosts?.values !== 'function') return undefined;
  const counts = new Map<string, number>();
  for (const host of hosts.values()) {
    const datacenter = String(host.datacenter);
    counts.set(datacenter, (counts.get(datacenter) ?? 0) + 1);
  }
  return counts.size === 0 ? undefined : counts;
}
