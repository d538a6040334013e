// Idempotence inferred per statement kind and handed to the driver as isIdempotent: reads, plain
// writes, set/map changes, list remove and set-at-index may be sent twice; counters, list append
// and prepend, whole non-frozen lists and lightweight transactions may not; a batch only when all its statements may;
// `.idempotent(flag)` on a query or batch overrides. Checked on what a recording client receives.
import { QueryBuildError } from '@cassia/core';
import { add, append, batch, decrement, increment, prepend, put, query, remove, removeKeys, setAt } from '../src';
import { Garage, PageViews, fakeRegistry } from './fixtures';

async function sentOptions(run: (registry: Awaited<ReturnType<typeof fakeRegistry>>['registry']) => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const { registry, calls } = await fakeRegistry([{ rows: [{ '[applied]': true }] }, { rows: [{ '[applied]': true }] }]);
  await run(registry);
  await registry.shutdown();
  return calls.map((call) => call.options);
}

const slot = { owner: 'o', slot: 1 };
const counterKey = { page: 'p', day: '2024-01-02' };

describe('idempotence inferred per statement kind', () => {
  const cases: [string, boolean, (registry: never) => Promise<unknown>][] = [
    ['SELECT (all)', true, (r) => query(Garage, { registry: r }).where({ owner: 'o' }).all()],
    ['SELECT keyed get()', true, (r) => query(Garage, { registry: r }).where(slot).first()],
    ['SELECT count()', true, (r) => query(Garage, { registry: r }).where({ owner: 'o' }).count()],
    ['plain INSERT', true, (r) => query(Garage, { registry: r }).create({ ...slot, name: 'n' })],
    ['INSERT with ttl', true, (r) => query(Garage, { registry: r }).ttl(60).create({ ...slot, name: 'n' })],
    ['INSERT of a frozen list', true, (r) => query(Garage, { registry: r }).create({ ...slot, name: 'n', frozenTags: ['a'] })],
    ['UPDATE of plain values', true, (r) => query(Garage, { registry: r }).where(slot).update({ name: 'n', frozenTags: ['a'], labels: new Set(['a']) })],
    ['set add', true, (r) => query(Garage, { registry: r }).where(slot).update({ labels: add('a') })],
    ['set remove', true, (r) => query(Garage, { registry: r }).where(slot).update({ labels: remove('a') })],
    ['map put', true, (r) => query(Garage, { registry: r }).where(slot).update({ ratings: put({ a: 1 }) })],
    ['map removeKeys', true, (r) => query(Garage, { registry: r }).where(slot).update({ ratings: removeKeys('a') })],
    ['list remove', true, (r) => query(Garage, { registry: r }).where(slot).update({ tags: remove('a') })],
    ['list setAt', true, (r) => query(Garage, { registry: r }).where(slot).update({ tags: setAt(0, 'a') })],
    ['DELETE', true, (r) => query(Garage, { registry: r }).where(slot).delete()],
    ['DELETE of columns', true, (r) => query(Garage, { registry: r }).where(slot).delete(['name'])],
    // A whole non-frozen list gets new cell names per write: a retry with the first try's timestamp doubles its elements.
    ['INSERT of a non-frozen list', false, (r) => query(Garage, { registry: r }).create({ ...slot, name: 'n', tags: ['a'] })],
    ['save() (writes the non-frozen list)', false, (r) => query(Garage, { registry: r }).save({ ...slot, name: 'n', tags: [], labels: new Set(), ratings: new Map(), frozenTags: [], city: null, userId: null, created: new Date(0) })],
    ['UPDATE setting a whole non-frozen list', false, (r) => query(Garage, { registry: r }).where(slot).update({ name: 'n', tags: ['a'] })],
    ['list append', false, (r) => query(Garage, { registry: r }).where(slot).update({ tags: append('a') })],
    ['list prepend', false, (r) => query(Garage, { registry: r }).where(slot).update({ tags: prepend('a') })],
    ['list append beside plain values', false, (r) => query(Garage, { registry: r }).where(slot).update({ name: 'n', tags: append('a') })],
    ['counter increment', false, (r) => query(PageViews, { registry: r }).where(counterKey).update({ views: increment(2) })],
    ['counter decrement', false, (r) => query(PageViews, { registry: r }).where(counterKey).update({ views: decrement() })],
    ['INSERT IF NOT EXISTS', false, (r) => query(Garage, { registry: r }).ifNotExists().create({ ...slot, name: 'n' })],
    ['UPDATE IF EXISTS', false, (r) => query(Garage, { registry: r }).where(slot).ifExists().update({ name: 'n' })],
    ['UPDATE IF condition', false, (r) => query(Garage, { registry: r }).where(slot).if({ name: 'a' }).update({ name: 'n' })],
    ['DELETE IF EXISTS', false, (r) => query(Garage, { registry: r }).where(slot).ifExists().delete()],
  ];

  it.each(cases)('%s → isIdempotent %s', async (_what, expected, run) => {
    const sent = await sentOptions(run as never);
    expect(sent).toHaveLength(1);
    expect(sent[0].isIdempotent).toBe(expected);
  });

  it('is the same on a cache hit as on the first compile of a shape', async () => {
    const sent = await sentOptions(async (r) => {
      for (let i = 0; i < 3; i++) {
        await query(Garage, { registry: r }).where({ owner: 'o', slot: i }).update({ tags: append('a') });
        await query(Garage, { registry: r }).where({ owner: 'o', slot: i }).update({ labels: add('a') });
      }
    });
    expect(sent.map((options) => options.isIdempotent)).toEqual([false, true, false, true, false, true]);
  });

  it('same CQL text, different idempotence: a set add and a list append are told apart', async () => {
    const { registry, calls } = await fakeRegistry();
    await query(Garage, { registry }).where(slot).update({ labels: add('a') });
    await query(Garage, { registry }).where(slot).update({ tags: append('a') });
    await registry.shutdown();
    expect(calls[0].cql).toBe('UPDATE "shop"."garage" SET "labels" = "labels" + ? WHERE "owner" = ? AND "slot" = ?');
    expect(calls[1].cql).toBe('UPDATE "shop"."garage" SET "tags" = "tags" + ? WHERE "owner" = ? AND "slot" = ?');
    expect([calls[0].options.isIdempotent, calls[1].options.isIdempotent]).toEqual([true, false]);
  });

  it('shares one driver options object per builder options and idempotence (nothing allocated per statement)', async () => {
    const sent = await sentOptions(async (r) => {
      await query(Garage, { registry: r }).create({ ...slot, name: 'a' });
      await query(Garage, { registry: r }).create({ ...slot, name: 'b' });
      await query(Garage, { registry: r }).where(slot).update({ tags: append('a') });
      await query(Garage, { registry: r }).where(slot).update({ tags: append('b') });
      await query(Garage, { registry: r }).create({ ...slot, name: 'c' });
    });
    expect(sent[0]).toBe(sent[1]);
    expect(sent[2]).toBe(sent[3]);
    expect(sent[4]).toBe(sent[0]);
    expect(sent[0]).not.toBe(sent[2]);
  });
});

describe('.idempotent(flag) overrides', () => {
  it('on a query, both ways', async () => {
    const sent = await sentOptions(async (r) => {
      await query(PageViews, { registry: r }).idempotent(true).where(counterKey).update({ views: increment() });
      await query(Garage, { registry: r }).idempotent(false).create({ ...slot, name: 'n' });
      await query(Garage, { registry: r }).idempotent(false).where({ owner: 'o' }).all();
    });
    expect(sent.map((options) => options.isIdempotent)).toEqual([true, false, false]);
  });

  it('on a write statement, which reports it', () => {
    const q = query(Garage).where(slot);
    expect(q.updateStatement({ tags: append('a') }).idempotent).toBe(false);
    expect(q.updateStatement({ labels: add('a') }).idempotent).toBe(true);
    expect(q.idempotent(true).updateStatement({ tags: append('a') }).idempotent).toBe(true);
    expect(q.ifExists().deleteStatement().idempotent).toBe(false);
  });

  it('takes only a boolean (QueryBuildError before anything is sent)', () => {
    expect(() => query(Garage).idempotent('yes' as unknown as boolean)).toThrow(QueryBuildError);
    expect(() => batch().idempotent(1 as unknown as boolean)).toThrow(QueryBuildError);
  });
});

describe('batches', () => {
  const run = async (build: (r: never) => { execute(): Promise<void> }) => sentOptions(async (r) => build(r as never).execute());

  it('are idempotent when every statement is', async () => {
    const sent = await run((r) => {
      const b = batch();
      b.add(query(Garage, { registry: r }).createStatement({ ...slot, name: 'n' }));
      b.add(query(Garage, { registry: r }).where(slot).updateStatement({ labels: add('x') }));
      expect(b.isIdempotent).toBe(true);
      return b;
    });
    expect(sent.map((options) => options.isIdempotent)).toEqual([true, true]);
  });

  it('are not when one statement is not, or when it is a counter batch or holds a condition', async () => {
    const mixed = await run((r) => {
      const b = batch();
      b.add(query(Garage, { registry: r }).createStatement({ ...slot, name: 'n' }));
      b.add(query(Garage, { registry: r }).where(slot).updateStatement({ tags: prepend('x') }));
      return b;
    });
    expect(mixed[0].isIdempotent).toBe(false);
    const counters = await run((r) => batch({ type: 'counter' }).add(query(PageViews, { registry: r }).where(counterKey).updateStatement({ views: increment() })));
    expect(counters[0].isIdempotent).toBe(false);
    const conditional = await run((r) => batch().add(query(Garage, { registry: r }).ifNotExists().createStatement({ ...slot, name: 'n' })));
    expect(conditional[0].isIdempotent).toBe(false);
  });

  it('take a statement override into account, and their own override wins', async () => {
    const byStatement = await run((r) => batch().add(query(Garage, { registry: r }).idempotent(true).where(slot).updateStatement({ tags: append('x') })));
    expect(byStatement[0].isIdempotent).toBe(true);
    const byBatch = await run((r) => batch().idempotent(false).add(query(Garage, { registry: r }).createStatement({ ...slot, name: 'n' })));
    expect(byBatch[0].isIdempotent).toBe(false);
    const forced = await run((r) => batch({ type: 'counter' }).idempotent(true).add(query(PageViews, { registry: r }).where(counterKey).updateStatement({ views: increment() })));
    expect(forced[0].isIdempotent).toBe(true);
  });
});
