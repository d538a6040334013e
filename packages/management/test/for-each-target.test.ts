// forEachTarget's fan-out (bounded concurrency, one outcome per target in order, failures kept)
// and provisionTenant's checks before anything is sent, without a server.
import { ConfigurationError, ConnectionRegistry, InvalidIdentifierError, UnknownConnectionError } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import { forEachTarget, provisionTenant } from '../src';

const Order = defineModel({ table: 'orders', columns: { id: t.int() }, partitionKey: ['id'] });

describe('forEachTarget', () => {
  it('runs at most `concurrency` at once and reports every target in order', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const outcomes = await forEachTarget(
      Array.from({ length: 25 }, (_, i) => i),
      async (n) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 2 + (n % 3)));
        running--;
        if (n % 5 === 0) throw new Error(`target ${n} failed`);
        return n * 2;
      },
      { concurrency: 4, onOutcome: (outcome, finished) => seen.push(finished) },
    );
    expect(peak).toBe(4);
    expect(outcomes.map((outcome) => outcome.target)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    for (const outcome of outcomes) {
      expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
      if (outcome.target % 5 === 0) {
        expect(outcome.status).toBe('error');
        if (outcome.status === 'error') expect((outcome.error as Error).message).toBe(`target ${outcome.target} failed`);
      } else {
        expect(outcome).toMatchObject({ status: 'ok', value: outcome.target * 2 });
      }
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('refuses bad arguments with ConfigurationError and handles no targets', async () => {
    await expect(forEachTarget('ab' as never, async () => 1)).rejects.toBeInstanceOf(ConfigurationError);
    await expect(forEachTarget([1], 'f' as never)).rejects.toBeInstanceOf(ConfigurationError);
    await expect(forEachTarget([1], async () => 1, { concurrency: 0 })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(forEachTarget([], async () => 1)).resolves.toEqual([]);
  });
});

describe('provisionTenant checks before sending', () => {
  const registry = new ConnectionRegistry();
  beforeAll(() => registry.registerConnection('lazy', { contactPoints: ['127.0.0.1:1'], lazyConnect: true, default: true }));
  afterAll(() => registry.shutdown());

  it('refuses bad keyspaces, models, replication and connections', async () => {
    const base = { registry, models: [Order], replicationFactor: 1 };
    await expect(provisionTenant({ ...base, keyspace: 'bad-name' })).rejects.toBeInstanceOf(InvalidIdentifierError);
    await expect(provisionTenant({ ...base, keyspace: 'ok', models: [] })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(provisionTenant({ registry, keyspace: 'ok', models: [Order] })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(provisionTenant({ ...base, keyspace: 'ok', replication: { dc1: 1 } })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(provisionTenant({ ...base, keyspace: 'ok', connection: 'nowhere' })).rejects.toBeInstanceOf(UnknownConnectionError);
    await expect(provisionTenant({ ...base, keyspace: 'ok', extra: 1 } as never)).rejects.toBeInstanceOf(ConfigurationError);
  });
});
