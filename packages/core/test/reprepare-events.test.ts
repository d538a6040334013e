// RepreparedEvent: the driver's log lines about preparing again become events, and the driver's
// 'log' event is listened to only while the registry has listeners (no cost otherwise).
import { ConnectionRegistry, REQUIRED_DRIVER_ENCODING, type CassiaEvent } from '@cassia/core';
import { Client } from 'cassandra-driver';

// A real driver client that is never connected (nothing listens on port 1): only its events are used.
function emittingClient(): Client {
  return new Client({ contactPoints: ['127.0.0.1:1'], localDataCenter: 'datacenter1', encoding: { ...REQUIRED_DRIVER_ENCODING } });
}

describe('RepreparedEvent', () => {
  it('reports a full driver cache and an UNPREPARED answer, and listens to the driver only while someone listens', async () => {
    const registry = new ConnectionRegistry();
    const client = emittingClient();
    await registry.registerConnection('fleet', { client });
    expect(client.listenerCount('log')).toBe(0);
    const events: CassiaEvent[] = [];
    const stop = registry.onEvent((event) => events.push(event));
    expect(client.listenerCount('log')).toBe(1);
    client.emit('log', 'verbose', 'Connection', 'Sent stream #3 to 127.0.0.1:9042');
    client.emit('log', 'warning', 'Metadata', 'Prepared statements exceeded maximum. This could be caused by preparing queries that contain parameters');
    client.emit('log', 'info', 'RequestExecution', 'Query 0x1f2e not prepared on host 127.0.0.1:9042, preparing and retrying');
    client.emit('log', 'info', 'Client', 'Connecting to cluster using DataStax Node.js Driver');
    expect(events.filter((event) => event.type === 'reprepared')).toEqual([
      { type: 'reprepared', connection: 'fleet', reason: 'client-cache-full', host: undefined },
      { type: 'reprepared', connection: 'fleet', reason: 'server-unprepared', host: '127.0.0.1:9042' },
    ]);
    stop();
    expect(client.listenerCount('log')).toBe(0);
    const again = registry.onEvent(() => undefined);
    expect(client.listenerCount('log')).toBe(1);
    await registry.unregisterConnection('fleet');
    // A caller's client is left as it was found.
    expect(client.listenerCount('log')).toBe(0);
    again();
    await registry.shutdown();
  });
});
