// The one driver client Cassia, the raw driver and the Mapper all run on. Measured on this
// machine: two clients with identical settings, taking turns in the same run, differed by 7–12 %
// in select throughput at concurrency 64 (each client holds one connection per host, and which of
// the server's network threads that connection lands on is luck), while one client against itself
// stayed within noise. A client per implementation put that luck into every Cassia/raw ratio;
// sharing one leaves only the libraries' own work between them. express-cassandra opens its own
// client, so its figures still carry that luck.
import { Client } from 'cassandra-driver';
import { REQUIRED_DRIVER_ENCODING } from '@cassia/core';

/**
 * A connected driver client on `contactPoint`, with default settings except the encoding Cassia
 * requires of a client it is given (the bench table has no column it changes); the caller shuts it down.
 */
export async function openSharedDriverClient(contactPoint: string): Promise<Client> {
  const client = new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1', encoding: REQUIRED_DRIVER_ENCODING });
  await client.connect();
  return client;
}
