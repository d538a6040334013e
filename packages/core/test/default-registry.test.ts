// The module-level functions act on one shared registry (cqlengine's module API).
import * as core from '@cassia/core';
import { defaultRegistry } from '@cassia/core/internal';
import { REFUSED, idleClient } from './helpers';

afterEach(() => core.shutdown());

describe('module-level functions', () => {
  it('delegate to defaultRegistry', async () => {
    const connection = await core.setup({ contactPoints: [REFUSED], keyspace: 'ks1', lazyConnect: true });
    expect(defaultRegistry.getConnection()).toBe(connection);
    await core.registerConnection('cluster2', { contactPoints: [REFUSED], keyspace: 'ks2', lazyConnect: true });
    await core.registerConnection('cluster3', { client: idleClient() });
    expect(core.listConnections()).toEqual(['default', 'cluster2', 'cluster3']);
    expect(core.defaultConnectionName()).toBe('default');
    expect(core.getConnection().name).toBe('default');
    expect(core.resolve()).toMatchObject({ keyspace: 'ks1' });

    core.setDefaultConnection('cluster2');
    expect(core.getConnection().name).toBe('cluster2');
    expect(core.resolveConnection('cluster3').name).toBe('cluster3');

    await core.withConnection({ connection: 'default', keyspace: 'x' }, async () => {
      expect(core.currentScope()).toEqual({ connection: 'default', keyspace: 'x' });
      expect(core.resolve()).toMatchObject({ keyspace: 'x' });
    });

    const events: core.CassiaEvent[] = [];
    const stop = core.onEvent((event) => events.push(event));
    await expect(core.unregisterConnection('cluster2')).resolves.toBe(true);
    stop();
    expect(events.map((event) => event.type)).toEqual(['default-changed', 'connection-removed']);
    expect(() => core.getConnection()).toThrow(core.NoDefaultConnectionError);
    await expect(core.execute('SELECT 1')).rejects.toThrow(core.NoDefaultConnectionError);
    await expect(core.execute('SELECT now() FROM system.local', [], { connection: 'default' })).rejects.toThrow(core.ConnectionError);

    await core.shutdown();
    expect(core.listConnections()).toEqual([]);
  });
});
