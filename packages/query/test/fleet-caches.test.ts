// Cassia's per-keyspace caches stay bounded when a program touches 10,000 keyspaces: resolved
// targets, keyed SELECT texts, plain INSERT texts and compiled shapes (a fake client, no server).
import { BoundedCache, TARGETS_PER_CONNECTION } from '@cassia/core/internal';
import { defineModel, t } from '@cassia/schema';
import { KEYED_SELECTS_PER_MODEL, layoutOf } from '@cassia/schema/internal';
import { query } from '../src';
import { compiledShapeCount, plainInsertTextCount } from '../src/compiler';
import { INSERT_TEXTS_PER_COLUMN_LIST } from '../src/plain-insert-texts';
import { fakeRegistry } from './fixtures';

const Event = defineModel({ table: 'events', columns: { id: t.int(), kind: t.text() }, partitionKey: ['id'] });
const KEYSPACES = 10_000;

describe('BoundedCache', () => {
  it('holds at most twice its capacity and keeps what is used', () => {
    const cache = new BoundedCache<number, number>(100);
    for (let i = 0; i < 10_000; i++) {
      cache.set(i, i);
      // Entry 0 is read on every round, so it is never dropped.
      expect(cache.get(0)).toBe(0);
      if (i % 97 === 0) expect(cache.size).toBeLessThanOrEqual(200);
    }
    expect(cache.get(9_999)).toBe(9_999);
    expect(cache.get(5)).toBeUndefined();
    cache.delete(0);
    expect(cache.get(0)).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('touching 10,000 keyspaces', () => {
  it('keeps targets, keyed SELECTs, INSERT texts and shapes bounded, and still routes each statement right', async () => {
    const { registry, calls } = await fakeRegistry();
    const root = query(Event, { registry });
    for (let i = 0; i < KEYSPACES; i++) {
      const tenant = root.using({ keyspace: `fleet_${i}` });
      await tenant.create({ id: i, kind: 'a' });
      await tenant.where({ id: i }).first();
      await tenant.where({ id: i }).update({ kind: 'b' });
    }
    expect(calls).toHaveLength(3 * KEYSPACES);
    expect(calls[3 * 1234].cql).toContain('"fleet_1234"."events"');
    expect(calls[3 * 9999 + 2].cql).toContain('"fleet_9999"."events"');

    const connection = registry.getConnection('fake');
    expect(registry.cachedTargetCount(connection)).toBeLessThanOrEqual(2 * TARGETS_PER_CONNECTION);
    const layout = layoutOf(Event);
    expect(layout.keyedSelectCount).toBeLessThanOrEqual(2 * KEYED_SELECTS_PER_MODEL);
    expect(plainInsertTextCount(layout.insertNames(0b11))).toBeGreaterThan(0);
    expect(plainInsertTextCount(layout.insertNames(0b11))).toBeLessThanOrEqual(2 * INSERT_TEXTS_PER_COLUMN_LIST);
    expect(compiledShapeCount()).toBeLessThanOrEqual(2_000);
    await registry.shutdown();
  });
});
