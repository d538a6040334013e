// Integration-test access to cluster1 and cluster2 (CASSIA_CLUSTER1 / CASSIA_CLUSTER2 override).
import { Client } from 'cassandra-driver';

/** Contact points of the two independent test clusters. */
export function clusterContactPoints(): { cluster1: string; cluster2: string } {
  return {
    cluster1: process.env.CASSIA_CLUSTER1 ?? '127.0.0.1:9042',
    cluster2: process.env.CASSIA_CLUSTER2 ?? '127.0.0.2:9042',
  };
}

/** A plain driver client, independent of Cassia, for setting up and checking what Cassia did. */
export function rawClient(contactPoint: string): Client {
  return new Client({
    contactPoints: [contactPoint],
    localDataCenter: 'datacenter1',
    encoding: { map: Map, set: Set, useBigIntAsLong: true, useBigIntAsVarint: true },
  });
}

/** Creates a throw-away SimpleStrategy keyspace (and `rows` table) through a raw client. */
export async function createTestKeyspace(client: Client, keyspace: string): Promise<void> {
  await client.execute(
    `CREATE KEYSPACE IF NOT EXISTS "${keyspace}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  await client.execute(`CREATE TABLE IF NOT EXISTS "${keyspace}"."rows" (id text PRIMARY KEY, origin text, n bigint)`);
}

/** Drops a test keyspace, ignoring a client that is already closed. */
export async function dropTestKeyspace(client: Client, keyspace: string): Promise<void> {
  await client.execute(`DROP KEYSPACE IF EXISTS "${keyspace}"`);
}
