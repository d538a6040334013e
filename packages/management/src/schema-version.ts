// The schema version a connection's cluster agrees on: one node's own version (system.local) and the
// versions it knows of every other node (system.peers_v2), read from that one node at once. Cassandra
// derives the version from the schema's content and changes it with every DDL (another client's too),
// so while it stays the same, a schema read under it is still what system_schema holds.
import type { Connection } from '@cassia/core';

const LOCAL_VERSION_CQL = 'SELECT schema_version FROM system.local';
const PEER_VERSIONS_CQL = 'SELECT schema_version FROM system.peers_v2';

// The driver's types as core's Connection hands them out (management does not depend on the driver).
type Client = Awaited<ReturnType<Connection['getClient']>>;
type Host = ReturnType<ReturnType<Client['getState']>['getConnectedHosts']>[number];

/**
 * The version every node agrees on, as one connected node sees it; undefined when two nodes differ,
 * a node's version is unknown, or it cannot be read (no connected host, a stand-in client, an older
 * Cassandra without peers_v2): then nothing may be taken from a cache.
 */
export async function agreedSchemaVersion(connection: Connection): Promise<string | undefined> {
  try {
    // The driver client itself, as for schema agreement: both reads must go to the same node, which
    // only the driver's `host` option says (a node's peers list leaves that node out).
    const client = await connection.getClient();
    const host = connectedHost(client);
    if (host === undefined) return undefined;
    const options = { prepare: true, host };
    const [local, peers] = await Promise.all([client.execute(LOCAL_VERSION_CQL, [], options), client.execute(PEER_VERSIONS_CQL, [], options)]);
    const versions = new Set<string>();
    for (const row of [...local.rows, ...peers.rows]) {
      const version: unknown = row.schema_version;
      if (version === null || version === undefined) return undefined;
      versions.add(String(version));
    }
    return versions.size === 1 ? [...versions][0] : undefined;
  } catch {
    // Any failure only means the cache is not used; the schema read that follows reports errors.
    return undefined;
  }
}

// A node the client holds a pool for (a fixed host without one fails), up as far as the driver knows.
function connectedHost(client: Client): Host | undefined {
  const state = typeof client.getState === 'function' ? client.getState() : undefined;
  return state?.getConnectedHosts().find((host) => host.isUp());
}
