// Turns the driver's log lines about preparing again into RepreparedEvents: the driver has no
// event of its own for it, only its 'log' event (lib/metadata PreparedQueries on a full cache,
// lib/request-execution on an UNPREPARED answer). Attached only while the registry has listeners.
import type { Client } from 'cassandra-driver';
import type { EventHub } from './registry-events';

// The driver's own wording (cassandra-driver 4.x); matched by prefix, so nothing else is parsed.
const CACHE_FULL = 'Prepared statements exceeded maximum';
const UNPREPARED = /^Query 0x[0-9a-f]+ not prepared on host (\S+), preparing and retrying/;

/** Emits RepreparedEvents for `client` on `events` while it has listeners; returns a function that stops it. */
export function watchRepreparation(client: Client, connection: string, events: EventHub): () => void {
  // A caller's stand-in client may not be an EventEmitter.
  if (typeof client.on !== 'function' || typeof client.off !== 'function') return () => undefined;
  const onLog = (level: string, _className: string, message: unknown): void => {
    if (level === 'verbose' || typeof message !== 'string') return;
    if (level === 'warning' && message.startsWith(CACHE_FULL)) {
      events.emit({ type: 'reprepared', connection, reason: 'client-cache-full', host: undefined });
    } else if (level === 'info') {
      const unprepared = UNPREPARED.exec(message);
      if (unprepared !== null) events.emit({ type: 'reprepared', connection, reason: 'server-unprepared', host: unprepared[1] });
    }
  };
  let attached = false;
  const stopWatching = events.watchActivity((active) => {
    if (active && !attached) client.on('log', onLog);
    else if (!active && attached) client.off('log', onLog);
    attached = active;
  });
  return () => {
    stopWatching();
    if (attached) client.off('log', onLog);
    attached = false;
  };
}
