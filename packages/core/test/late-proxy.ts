// A TCP proxy on a loopback address of its own that answers late: it holds each new connection
// before forwarding it, and/or holds every answer of the server, so tests get slow connects and
// statements that are still in flight, without touching the shared clusters.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** How late the proxy answers; both may be changed while it runs. */
export interface LateProxyDelays {
  /** Milliseconds a new connection waits before it is forwarded (a slow connect). */
  acceptDelayMs: number;
  /** Milliseconds each chunk from the server waits before it is passed on (slow statements). */
  responseDelayMs: number;
}

/** A running proxy: its contact point, its delays, and how to stop it. */
export interface LateProxy {
  readonly contactPoint: string;
  readonly host: string;
  readonly delays: LateProxyDelays;
  close(): Promise<void>;
}

/** Starts a proxy on `host:port` (e.g. 127.0.0.51:9042) that forwards to `target` ('host:port'). */
export async function startLateProxy(host: string, target: string, delays: Partial<LateProxyDelays> = {}): Promise<LateProxy> {
  const [targetHost, targetPort] = target.split(':');
  const current: LateProxyDelays = { acceptDelayMs: 0, responseDelayMs: 0, ...delays };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    if (ms <= 0) return fn();
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    later(current.acceptDelayMs, () => {
      if (client.destroyed) return;
      const upstream = createConnection({ host: targetHost, port: Number(targetPort ?? 9042) });
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => later(current.responseDelayMs, () => client.destroyed || client.write(chunk)));
      client.resume();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(9042, host, () => resolve());
  });
  return {
    contactPoint: `${host}:9042`,
    host,
    delays: current,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Open TCP sockets of this process whose remote end is `host:port`, read from /proc/self/fd and
 * /proc/net/tcp (what the kernel holds, whatever any library thinks it closed).
 */
export function openSocketsTo(host: string, port = 9042): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const link = readlinkSync(`/proc/self/fd/${fd}`);
      const match = /^socket:\[(\d+)\]$/.exec(link);
      if (match) inodes.add(match[1]);
    } catch {
      // The fd closed while we listed it.
    }
  }
  const wanted = `${hexAddress(host)}:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let count = 0;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // fields: sl local rem st tx:rx tr:tm retrnsmt uid timeout inode
    if (fields.length > 9 && fields[2] === wanted && inodes.has(fields[9])) count += 1;
  }
  return count;
}

// /proc/net/tcp writes an IPv4 address as its bytes in little-endian hex.
function hexAddress(host: string): string {
  return host
    .split('.')
    .map((part) => Number(part).toString(16).toUpperCase().padStart(2, '0'))
    .reverse()
    .join('');
}
