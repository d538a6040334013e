// Data statements in Cassandra's system keyspaces are refused unless the connection opts in, however
// the keyspace was chosen (using, bind, a withConnection scope, the connection's own keyspace).
import { ConnectionRegistry, SystemKeyspaceError } from '@cassia/core';
import { batch, bind, query } from '../src';
import { isSystemKeyspace } from '../src/system-keyspaces';
import { Automobile, fakeClient, fakeRegistry } from './fixtures';

const SYSTEM = ['system', 'system_auth', 'system_schema', 'system_views', 'system_traces', 'system_distributed', 'system_virtual_schema'];

describe('system keyspaces', () => {
  it('are recognised by their exact (case-sensitive) names only', () => {
    for (const name of SYSTEM) expect(isSystemKeyspace(name)).toBe(true);
    for (const name of ['System_auth', 'systemx', 'system_auth2', 'my_system', 'ks']) expect(isSystemKeyspace(name)).toBe(false);
  });

  it('refuse every kind of statement, however the keyspace was chosen, before anything is sent', async () => {
    const { registry, calls } = await fakeRegistry();
    const key = { manufacturer: 'a', year: 1, model: 'm' };
    for (const keyspace of SYSTEM) {
      const q = query(Automobile, { registry }).using({ keyspace });
      const attempts: (() => Promise<unknown>)[] = [
        () => q.all(),
        () => q.first(),
        () => q.where(key).get(),
        () => q.count(),
        () => q.page(),
        () => q.create(key),
        () => q.where(key).update({ price: 1 }),
        () => q.where(key).delete(),
        () => bind(Automobile, { keyspace, registry }).all(),
        () => registry.withConnection({ keyspace }, () => query(Automobile, { registry }).all()),
        async () => batch().add(q.createStatement(key)),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toThrow(SystemKeyspaceError);
    }
    const error = await query(Automobile, { registry }).using({ keyspace: 'system_auth' }).all().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_CASSIA_SYSTEM_KEYSPACE', connection: 'fake', keyspace: 'system_auth' });
    expect(calls).toHaveLength(0);
    // toCQL sends nothing: it still shows the statement.
    expect(query(Automobile, { registry }).using({ keyspace: 'system' }).toCQL().cql).toContain('"system"."automobile"');
    await registry.shutdown();
  });

  it('are refused when they are the connection\'s own keyspace too', async () => {
    const registry = new ConnectionRegistry();
    const fake = fakeClient();
    await registry.registerConnection('sys', { client: fake.client, keyspace: 'system_schema', default: true });
    await expect(query(Automobile, { registry }).all()).rejects.toThrow(SystemKeyspaceError);
    expect(fake.calls).toHaveLength(0);
    await registry.shutdown();
  });

  it('are reachable on a connection registered with allowSystemKeyspaces: true', async () => {
    const registry = new ConnectionRegistry();
    const fake = fakeClient([{ rows: [] }]);
    await registry.registerConnection('admin', { client: fake.client, keyspace: 'ks', default: true, allowSystemKeyspaces: true });
    await query(Automobile, { registry }).using({ keyspace: 'system_auth' }).all();
    expect(fake.calls[0].cql).toContain('"system_auth"."automobile"');
    await registry.shutdown();
  });
});
