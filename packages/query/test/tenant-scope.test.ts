// Tenant scopes and strict scopes without a server: resolution, the cache's bounds, one lookup per
// tenant, typed errors, and misrouted statements refused before the fake client sees them.
import { ConfigurationError, InvalidIdentifierError, MisroutedStatementError, UnknownConnectionError, UnknownTenantError } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import { batch, query, tenantScope, withStrictScope } from '../src';
import { strictScopes } from '../src/strict-routing';
import { fakeRegistry } from './fixtures';

const Order = defineModel({ table: 'orders', columns: { id: t.int(), total: t.int() }, partitionKey: ['id'] });
const Plan = defineModel({ table: 'plans', keyspace: 'shared', columns: { id: t.int(), name: t.text() }, partitionKey: ['id'] });
const Audit = defineModel({ table: 'audit', connection: 'other', columns: { id: t.int() }, partitionKey: ['id'] });

const tenants: Record<string, { connection: string; keyspace: string }> = {
  acme: { connection: 'fake', keyspace: 'tenant_acme' },
  globex: { connection: 'fake', keyspace: 'tenant_globex' },
};

describe('tenantScope', () => {
  it('resolves a tenant once for concurrent requests and caches it', async () => {
    const { registry } = await fakeRegistry();
    let lookups = 0;
    const scope = tenantScope(async (id) => {
      lookups++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return tenants[id];
    }, { registry });
    const targets = await Promise.all(Array.from({ length: 50 }, () => scope.resolve('acme')));
    expect(lookups).toBe(1);
    expect(new Set(targets).size).toBe(1);
    expect(targets[0]).toEqual({ connection: 'fake', keyspace: 'tenant_acme' });
    await scope.resolve('acme');
    expect(lookups).toBe(1);
    scope.forget('acme');
    await scope.resolve('acme');
    expect(lookups).toBe(2);
  });

  it('an unknown tenant is an UnknownTenantError, not cached', async () => {
    const { registry } = await fakeRegistry();
    let lookups = 0;
    const scope = tenantScope((id) => (lookups++, tenants[id]), { registry });
    const failure = await scope.resolve('initech').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnknownTenantError);
    expect((failure as UnknownTenantError).code).toBe('ERR_CASSIA_UNKNOWN_TENANT');
    expect((failure as UnknownTenantError).tenant).toBe('initech');
    await expect(scope.run('initech', async () => 1)).rejects.toBeInstanceOf(UnknownTenantError);
    expect(lookups).toBe(2);
    expect(scope.size).toBe(0);
  });

  it('checks tenant ids, options and what the resolver returns', async () => {
    const { registry } = await fakeRegistry();
    const bad = tenantScope((id) => ({ acme: { connection: 'fake', keyspace: 'x"; DROP' }, ghost: { connection: 'nowhere', keyspace: 'k' } })[id] as never, { registry });
    await expect(bad.resolve('acme')).rejects.toBeInstanceOf(InvalidIdentifierError);
    await expect(bad.resolve('ghost')).rejects.toBeInstanceOf(UnknownConnectionError);
    expect(() => bad.resolve('')).toThrow(ConfigurationError);
    expect(() => bad.resolve(42 as unknown as string)).toThrow(ConfigurationError);
    expect(() => bad.resolve('x'.repeat(257))).toThrow(ConfigurationError);
    expect(() => tenantScope('nope' as never)).toThrow(ConfigurationError);
    expect(() => tenantScope(() => undefined, { maxTenants: 0 })).toThrow(ConfigurationError);
    expect(() => tenantScope(() => undefined, { ttlMs: -1 })).toThrow(ConfigurationError);
    expect(() => tenantScope(() => undefined, { maxTenant: 3 } as never)).toThrow(ConfigurationError);
  });

  it('keeps at most maxTenants targets and asks again after ttlMs', async () => {
    const { registry } = await fakeRegistry();
    let lookups = 0;
    const scope = tenantScope((id) => (lookups++, { connection: 'fake', keyspace: `t_${id}` }), { registry, maxTenants: 100 });
    for (let i = 0; i < 1_000; i++) await scope.resolve(String(i));
    expect(scope.size).toBeLessThanOrEqual(100);
    const uncached = tenantScope((id) => (lookups++, { connection: 'fake', keyspace: `t_${id}` }), { registry, ttlMs: 0 });
    lookups = 0;
    await uncached.resolve('a');
    await uncached.resolve('a');
    expect(lookups).toBe(2);
  });

  it('runs statements in the tenant keyspace and refuses misroutes before sending', async () => {
    const { registry, calls, otherCalls } = await fakeRegistry();
    const scope = tenantScope((id) => tenants[id], { registry, allow: [Plan] });
    await scope.run('acme', async (target) => {
      expect(target.keyspace).toBe('tenant_acme');
      await query(Order, { registry }).create({ id: 1, total: 2 });
      await query(Order, { registry }).where({ id: 1 }).first();
      // A shared table listed in allow may run in its own keyspace.
      await query(Plan, { registry }).where({ id: 1 }).first();
    });
    expect(calls.map((call) => call.cql.split(' ').find((word) => word.includes('"."')))).toEqual([
      '"tenant_acme"."orders"',
      '"tenant_acme"."orders"',
      '"shared"."plans"',
    ]);
    calls.length = 0;
    await scope.run('acme', async () => {
      const misroutes: (() => Promise<unknown>)[] = [
        () => query(Order, { registry }).using({ keyspace: 'tenant_globex' }).create({ id: 1 }),
        () => query(Order, { registry }).using({ connection: 'other' }).where({ id: 1 }).all(),
        () => query(Audit, { registry }).where({ id: 1 }).first(),
        () => registry.withConnection({ keyspace: 'tenant_globex' }, () => query(Order, { registry }).where({ id: 1 }).count()),
        () => batch().add(query(Order, { registry }).using({ keyspace: 'tenant_globex' }).createStatement({ id: 3 })).execute(),
      ];
      for (const misroute of misroutes) {
        const failure = await Promise.resolve().then(() => misroute()).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(MisroutedStatementError);
        expect((failure as MisroutedStatementError).code).toBe('ERR_CASSIA_MISROUTED_STATEMENT');
        expect((failure as MisroutedStatementError).expected).toEqual({ connection: 'fake', keyspace: 'tenant_acme' });
      }
    });
    expect(calls).toEqual([]);
    expect(otherCalls).toEqual([]);
    expect(strictScopes.running).toBe(0);
  });

  it('concurrent tenants each stay in their own keyspace', async () => {
    const { registry, calls } = await fakeRegistry();
    const scope = tenantScope((id) => tenants[id], { registry });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const tenant = i % 2 === 0 ? 'acme' : 'globex';
        return scope.run(tenant, async () => {
          await new Promise((resolve) => setTimeout(resolve, i % 3));
          await query(Order, { registry }).create({ id: i, total: i % 2 });
        });
      }),
    );
    expect(calls).toHaveLength(40);
    for (const call of calls) {
      const [id, total] = call.params as number[];
      expect(call.cql).toContain(total === 0 ? '"tenant_acme"' : '"tenant_globex"');
      expect(id % 2).toBe(total);
    }
  });

  it('a non-strict scope only sets defaults; outside any scope nothing is checked', async () => {
    const { registry, calls } = await fakeRegistry();
    const loose = tenantScope((id) => tenants[id], { registry, strict: false });
    await loose.run('acme', async () => {
      await query(Order, { registry }).using({ keyspace: 'tenant_globex' }).create({ id: 1 });
      await query(Order, { registry }).create({ id: 2 });
    });
    await query(Audit, { registry }).create({ id: 3 });
    expect(calls.map((call) => call.cql.includes('"tenant_globex"') || call.cql.includes('"tenant_acme"'))).toEqual([true, true]);
  });
});

describe('withStrictScope', () => {
  it('fixes the connection where it starts and refuses another registry\'s scope only for its registry', async () => {
    const { registry, calls } = await fakeRegistry();
    const { registry: second, calls: secondCalls } = await fakeRegistry();
    await withStrictScope({ keyspace: 'ks' }, async () => {
      await query(Order, { registry }).create({ id: 1 });
      await expect(query(Order, { registry }).using({ keyspace: 'elsewhere' }).create({ id: 1 })).rejects.toBeInstanceOf(MisroutedStatementError);
      // A statement of another registry is not this scope's to judge.
      await query(Order, { registry: second }).using({ keyspace: 'elsewhere' }).create({ id: 1 });
    }, { registry });
    expect(calls).toHaveLength(1);
    expect(secondCalls).toHaveLength(1);
    expect(() => withStrictScope({ keyspace: 'bad-name' }, async () => 1, { registry })).rejects.toBeInstanceOf(InvalidIdentifierError);
    await expect(withStrictScope(null as never, async () => 1)).rejects.toBeInstanceOf(ConfigurationError);
    expect(strictScopes.running).toBe(0);
  });

  it("keeps checking its registry's statements inside a strict scope of another registry", async () => {
    const { registry, calls } = await fakeRegistry();
    const { registry: second, calls: secondCalls } = await fakeRegistry();
    await withStrictScope({ keyspace: 'ks' }, async () => {
      await withStrictScope({ keyspace: 'other_ks' }, async () => {
        await expect(query(Order, { registry }).using({ keyspace: 'elsewhere' }).create({ id: 1 })).rejects.toBeInstanceOf(MisroutedStatementError);
        await expect(query(Order, { registry: second }).create({ id: 2 })).resolves.toBeUndefined();
        await expect(query(Order, { registry: second }).using({ keyspace: 'ks' }).create({ id: 3 })).rejects.toBeInstanceOf(MisroutedStatementError);
      }, { registry: second });
      // The innermost strict scope of one registry wins.
      await withStrictScope({ keyspace: 'inner' }, () => query(Order, { registry }).create({ id: 4 }), { registry });
    }, { registry });
    expect(calls.map((call) => call.cql.includes('"inner"."orders"'))).toEqual([true]);
    expect(secondCalls.map((call) => call.cql.includes('"other_ks"."orders"'))).toEqual([true]);
    expect(strictScopes.running).toBe(0);
  });
});
