// How a paged read runs (paged-read.ts, paged-rows.ts, paged-row-lists.ts), with a fake driver client whose pages
// arrive when the test says: the next page is requested as soon as a page arrives, rows come out
// in order exactly once (also to next() calls made before the last one settled), and the
// connection's hold ends however the read ends (last page, break, failed page, unreadable row).
import { ConnectionRegistry, UnreadableValueError } from '@cassia/core';
import { defineModel, t } from '@cassia/schema';
import type { Client } from 'cassandra-driver';
import { query } from '../src';

const Item = defineModel({
  table: 'item',
  columns: { part: t.int(), seq: t.int(), label: t.text().required() },
  partitionKey: ['part'],
  clusteringKey: ['seq'],
});

interface Pending {
  readonly pageState: unknown;
  resolve(page: { rows: Record<string, unknown>[]; pageState: string | null }): void;
  reject(error: Error): void;
}

// A client whose execute() waits until the test answers it; `holds` counts holds not yet released.
async function gatedRegistry() {
  const requests: Pending[] = [];
  const client = {
    connect: async () => undefined,
    shutdown: async () => undefined,
    batch: async () => ({ rows: [] }),
    execute: (_cql: string, _params: unknown, options: { pageState?: unknown }) =>
      new Promise((resolve, reject) => requests.push({ pageState: options.pageState, resolve, reject })),
  } as unknown as Client;
  const registry = new ConnectionRegistry();
  const connection = await registry.registerConnection('gated', { client, keyspace: 'ks', default: true });
  const holds = { open: 0 };
  const hold = connection.hold.bind(connection);
  connection.hold = () => {
    const held = hold();
    holds.open += 1;
    let released = false;
    return { release: () => void (released || ((released = true), (holds.open -= 1), held.release())) };
  };
  return { registry, requests, holds };
}

const rowsOf = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ part: 1, seq: from + i, label: `l${from + i}` }));
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('paged reads', () => {
  it('requests the next page as soon as a page arrives, before the consumer has read it', async () => {
    const { registry, requests, holds } = await gatedRegistry();
    const iterator = query(Item, { registry }).fetchSize(2)[Symbol.asyncIterator]();
    const first = iterator.next();
    await tick();
    expect(requests).toHaveLength(1);
    requests[0].resolve({ rows: rowsOf(0, 2), pageState: 'p1' });
    expect(await first).toEqual({ value: { part: 1, seq: 0, label: 'l0' }, done: false });
    // Page two is on its way while page one's rows are still being consumed.
    expect(requests.map((r) => r.pageState)).toEqual([undefined, 'p1']);
    expect((await iterator.next()).value).toEqual({ part: 1, seq: 1, label: 'l1' });
    requests[1].resolve({ rows: rowsOf(2, 1), pageState: null });
    expect((await iterator.next()).value).toEqual({ part: 1, seq: 2, label: 'l2' });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(requests).toHaveLength(2);
    expect(holds.open).toBe(0);
    await registry.shutdown();
  });

  it('serves next() calls made before earlier ones settled in order, each row once', async () => {
    const { registry, requests, holds } = await gatedRegistry();
    const iterator = query(Item, { registry })[Symbol.asyncIterator]();
    const calls = Array.from({ length: 6 }, () => iterator.next());
    await tick();
    requests[0].resolve({ rows: rowsOf(0, 2), pageState: 'p1' });
    await tick();
    requests[1].resolve({ rows: [], pageState: 'p2' });
    await tick();
    requests[2].resolve({ rows: rowsOf(2, 2), pageState: null });
    const results = await Promise.all(calls);
    expect(results.map((r) => (r.done ? 'done' : (r.value as { seq: number }).seq))).toEqual([0, 1, 2, 3, 'done', 'done']);
    expect(holds.open).toBe(0);
    await registry.shutdown();
  });

  it('a break releases the connection and drops the page read ahead, whose failure is not unhandled', async () => {
    const { registry, requests, holds } = await gatedRegistry();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const reading = (async () => {
        for await (const row of query(Item, { registry })) return row;
        return undefined;
      })();
      await tick();
      requests[0].resolve({ rows: rowsOf(0, 3), pageState: 'p1' });
      expect(await reading).toEqual({ part: 1, seq: 0, label: 'l0' });
      expect(holds.open).toBe(0);
      expect(requests).toHaveLength(2);
      requests[1].reject(new Error('server went away'));
      await tick();
      await tick();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    await registry.shutdown();
  });

  it('a failed page fails the read after the rows before it, and releases the connection', async () => {
    const { registry, requests, holds } = await gatedRegistry();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const row of query(Item, { registry })) seen.push(row.seq);
    })();
    await tick();
    requests[0].resolve({ rows: rowsOf(0, 2), pageState: 'p1' });
    await tick();
    requests[1].reject(new Error('read timeout'));
    await expect(reading).rejects.toThrow(/read timeout/);
    expect(seen).toEqual([0, 1]);
    expect(holds.open).toBe(0);
    expect(requests).toHaveLength(2);
    await registry.shutdown();
  });

  it('an unreadable row fails the read at that row and ends it', async () => {
    const { registry, requests, holds } = await gatedRegistry();
    const iterator = query(Item, { registry })[Symbol.asyncIterator]();
    const first = iterator.next();
    await tick();
    requests[0].resolve({ rows: [...rowsOf(0, 1), { part: 1, seq: 1, label: null }, ...rowsOf(2, 1)], pageState: 'p1' });
    expect((await first).value).toEqual({ part: 1, seq: 0, label: 'l0' });
    await expect(iterator.next()).rejects.toBeInstanceOf(UnreadableValueError);
    expect(holds.open).toBe(0);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    // The page read ahead is still in flight: a shutdown waits for it.
    requests[1].resolve({ rows: [], pageState: null });
    await registry.shutdown();
  });

  it('all() reads every page (the next requested as each arrives) and releases the connection', async () => {
    const { registry, requests, holds } = await gatedRegistry();
    const all = query(Item, { registry }).all();
    await tick();
    requests[0].resolve({ rows: rowsOf(0, 2), pageState: 'p1' });
    await tick();
    expect(requests).toHaveLength(2);
    requests[1].resolve({ rows: rowsOf(2, 2), pageState: null });
    expect((await all).map((row) => row.seq)).toEqual([0, 1, 2, 3]);
    expect(holds.open).toBe(0);
    await registry.shutdown();
  });

  it('the read starts at the first next(), not when the iterator is made', async () => {
    const { registry, requests } = await gatedRegistry();
    const iterator = query(Item, { registry })[Symbol.asyncIterator]();
    await tick();
    expect(requests).toHaveLength(0);
    await iterator.return?.();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(requests).toHaveLength(0);
    await registry.shutdown();
  });

  it('pages() hands each non-empty page as one array, in order also to early next() calls, the next page requested ahead', async () => {
    const { registry, requests, holds } = await gatedRegistry();
    const iterator = query(Item, { registry }).fetchSize(2).pages();
    await tick();
    expect(requests).toHaveLength(0);
    const calls = [iterator.next(), iterator.next(), iterator.next()];
    await tick();
    requests[0].resolve({ rows: rowsOf(0, 2), pageState: 'p1' });
    await tick();
    // Page two is requested as page one arrives; the empty page it returns is skipped.
    expect(requests.map((r) => r.pageState)).toEqual([undefined, 'p1']);
    requests[1].resolve({ rows: [], pageState: 'p2' });
    await tick();
    requests[2].resolve({ rows: rowsOf(2, 1), pageState: null });
    const results = await Promise.all(calls);
    expect(results.map((r) => (r.done ? 'done' : (r.value as { seq: number }[]).map((row) => row.seq)))).toEqual([[0, 1], [2], 'done']);
    expect((results[0].value as unknown[])[0]).toEqual({ part: 1, seq: 0, label: 'l0' });
    expect(holds.open).toBe(0);
    await registry.shutdown();
  });

  it('pages(): a break releases the connection; a failed page or an unreadable row fails the read and releases it', async () => {
    const { registry, requests, holds } = await gatedRegistry();
    const broken = (async () => {
      for await (const rows of query(Item, { registry }).pages()) return rows.length;
      return 0;
    })();
    await tick();
    requests[0].resolve({ rows: rowsOf(0, 3), pageState: 'p1' });
    expect(await broken).toBe(3);
    expect(holds.open).toBe(0);
    requests[1].resolve({ rows: [], pageState: null });

    const failing = query(Item, { registry }).pages();
    const first = failing.next();
    await tick();
    requests[2].resolve({ rows: rowsOf(0, 1), pageState: 'p1' });
    expect((await first).value).toHaveLength(1);
    const second = failing.next();
    await tick();
    requests[3].reject(new Error('read timeout'));
    await expect(second).rejects.toThrow(/read timeout/);
    expect(await failing.next()).toEqual({ value: undefined, done: true });
    expect(holds.open).toBe(0);

    const unreadable = query(Item, { registry }).pages().next();
    await tick();
    requests[4].resolve({ rows: [{ part: 1, seq: 1, label: null }], pageState: null });
    await expect(unreadable).rejects.toBeInstanceOf(UnreadableValueError);
    expect(holds.open).toBe(0);
    await registry.shutdown();
  });
});
