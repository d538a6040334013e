// Asks an address whether a Cassandra node answers CQL there, and which cluster it belongs to.
import { connect } from 'node:net';
import { auth, Client } from 'cassandra-driver';

/** True when something accepts TCP connections at address:port. */
export function portOpen(address: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** How to talk to the node probed: its datacenter, and whether it only accepts TLS. */
export interface ProbeOptions {
  dataCenter?: string;
  tls?: boolean;
  timeoutMs?: number;
}

/** The cluster name reported by `system.local`, or undefined when CQL does not answer. */
export async function probeClusterName(address: string, port: number, options: ProbeOptions = {}): Promise<string | undefined> {
  const timeoutMs = options.timeoutMs ?? 5000;
  if (!(await portOpen(address, port))) return undefined;
  const client = new Client({
    contactPoints: [`${address}:${port}`],
    localDataCenter: options.dataCenter ?? 'datacenter1',
    // The probe only asks for the cluster name; whom the node's certificate names is the tests' concern.
    ...(options.tls ? { sslOptions: { rejectUnauthorized: false } } : {}),
    // Harmless against AllowAllAuthenticator; lets the probe recognise the authenticated test node.
    authProvider: new auth.PlainTextAuthProvider('cassandra', 'cassandra'),
    socketOptions: { connectTimeout: timeoutMs, readTimeout: timeoutMs },
    pooling: { warmup: false },
  });
  try {
    const result = await client.execute('SELECT cluster_name FROM system.local');
    return result.first()?.get('cluster_name') as string | undefined;
  } catch {
    return undefined;
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}
