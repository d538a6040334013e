// A connection whose driver client is logged into one target keyspace, so a migration's CQL may name
// its tables without a keyspace and runs unchanged in every target keyspace. Cassia's own statements
// always qualify names (core never switches a pooled connection's keyspace), and protocol v4 has no
// per-statement keyspace, so this is a second driver client, made from the first one's settings.
import { ConnectionRegistry, type Connection } from '@cassia/core';
import { Client, type ClientOptions } from 'cassandra-driver';

/** A Connection logged into `keyspace`, and how to close it. */
export interface KeyspaceConnection {
  readonly connection: Connection;
  close(): Promise<void>;
}

// Settings of the first client that say where and how to connect; policies are left out, since
// their instances belong to the client they were made for.
const COPIED_OPTIONS = ['contactPoints', 'localDataCenter', 'authProvider', 'sslOptions', 'protocolOptions', 'socketOptions', 'encoding', 'cloud', 'credentials'] as const;

/** Opens a client like `base`'s, logged into `keyspace`. */
export async function openKeyspaceConnection(base: Connection, keyspace: string): Promise<KeyspaceConnection> {
  const baseClient = await base.getClient();
  // The driver keeps the options it was created with on `options`, which its typings leave out.
  const source = (baseClient as unknown as { options: Record<string, unknown> }).options;
  const options: Record<string, unknown> = { keyspace };
  for (const name of COPIED_OPTIONS) if (source[name] !== undefined) options[name] = source[name];
  const client = new Client(options as ClientOptions);
  const registry = new ConnectionRegistry();
  try {
    const connection = await registry.registerConnection(`${base.name}/${keyspace}`, { client, keyspace });
    await connection.getClient();
    return {
      connection,
      close: async () => {
        await registry.shutdown();
        await client.shutdown();
      },
    };
  } catch (error) {
    await client.shutdown();
    throw error;
  }
}
