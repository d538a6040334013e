// writeMany with a recording fake driver client: partition batches under the byte budget, single
// writes for the rest, bad rows reported by index, stopOnError, the in-flight cap, statements.
import { Readable } from 'node:stream';
import { ConfigurationError, ConnectionRegistry, QueryBuildError, ValidationError } from '@cassia/core';
import type { Client } from 'cassandra-driver';
import { increment, query, writeMany } from '../src';
import { Automobile, Garage, PageViews, fakeRegistry } from './fixtures';

function car(manufacturer: string, year: number) {
  return { manufacturer, year, model: `m${year}`, price: year };
}

describe('writeMany(Model, rows)', () => {
  it('groups rows of one partition into unlogged batches under the byte budget and sends the rest alone', async () => {
    const { registry, calls } = await fakeRegistry();
    const rows = [...Array.from({ length: 100 }, (_, i) => car('big', i)), car('lone1', 1), car('lone2', 2)];
    const result = await writeMany(query(Automobile, { registry }), rows, { batchBytes: 1024 });
    expect(result).toMatchObject({ read: 102, written: 102, stopped: false });
    const batched = calls.filter((c) => c.kind === 'batch');
    const singles = calls.filter((c) => c.kind === 'execute');
    expect(batched).toHaveLength(100);
    expect(singles.map((c) => (c.params as unknown[])[0])).toEqual(['lone1', 'lone2']);
    expect(batched.every((c) => c.options.logged === false && (c.params as unknown[])[0] === 'big')).toBe(true);
    expect(result.batches).toBeGreaterThan(2);
    // Every batch stays under the budget by the same estimate (~ 4 cells × 8 + values + 16 per row).
    expect(100 / result.batches).toBeLessThan(1024 / 40);
    await registry.shutdown();
  });

  it('reports bad rows by index, writes the rest, sends nothing for them', async () => {
    const { registry, calls } = await fakeRegistry();
    const rows = [car('a', 1), { manufacturer: 'a', year: 'x' }, car('b', 2), { manufacturer: 3 }];
    const result = await writeMany(Automobile, rows as never, { registry, keyspace: 'ks' });
    expect(result.written).toBe(2);
    expect(result.failed.map((f) => f.index)).toEqual([1, 3]);
    expect(result.failed.every((f) => f.error instanceof ValidationError)).toBe(true);
    expect(calls.flatMap((c) => c.params as unknown[]).filter((v) => v === 'x' || v === 3)).toEqual([]);
    await registry.shutdown();
  });

  it('stopOnError stops reading and sending at the first bad row', async () => {
    const { registry, calls } = await fakeRegistry();
    let pulled = 0;
    function* rows() {
      for (let i = 0; i < 100; i++) {
        pulled += 1;
        yield i === 5 ? ({ manufacturer: 'a', year: 'bad' } as never) : car(`p${i}`, i);
      }
    }
    const result = await writeMany(query(Automobile, { registry }), rows(), { stopOnError: true, batchBytes: 0 });
    expect(result.stopped).toBe(true);
    expect(result.failed.map((f) => f.index)).toEqual([5]);
    expect(pulled).toBe(6);
    expect(calls).toHaveLength(5);
    await registry.shutdown();
  });

  it('keeps at most `concurrency` statements in flight and reads the input only as slots free up', async () => {
    const registry = new ConnectionRegistry();
    let inFlight = 0;
    let peak = 0;
    const client = {
      connect: async () => undefined,
      shutdown: async () => undefined,
      execute: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return { rows: [], pageState: null };
      },
      batch: async () => ({ rows: [] }),
    } as unknown as Client;
    await registry.registerConnection('fake', { client, keyspace: 'ks', default: true });
    let read = 0;
    let maxAhead = 0;
    let written = 0;
    async function* rows() {
      for (let i = 0; i < 200; i++) {
        read += 1;
        maxAhead = Math.max(maxAhead, read - written);
        yield car(`p${i}`, i);
      }
    }
    const result = await writeMany(query(Automobile, { registry }), rows(), {
      concurrency: 4,
      batchBytes: 0,
      onProgress: (p) => (written = p.written),
    });
    expect(result.written).toBe(200);
    expect(peak).toBe(4);
    expect(maxAhead).toBeLessThanOrEqual(6);
    await registry.shutdown();
  });

  it('reads an object-mode Readable and refuses a byte stream', async () => {
    const { registry } = await fakeRegistry();
    const result = await writeMany(query(Automobile, { registry }), Readable.from([car('a', 1), car('b', 2)]));
    expect(result.written).toBe(2);
    await expect(writeMany(query(Automobile, { registry }), Readable.from(Buffer.from('x'), { objectMode: false }))).rejects.toBeInstanceOf(QueryBuildError);
    await registry.shutdown();
  });

  it('marks inserts idempotent only without non-frozen lists; refuses counter tables and unknown options', async () => {
    const { registry, calls } = await fakeRegistry();
    await writeMany(query(Automobile, { registry }), [car('a', 1)]);
    expect(calls[0].options.isIdempotent).toBe(true);
    await writeMany(query(Garage, { registry }), [{ owner: 'o', slot: 1, tags: ['x'] }]);
    expect(calls[1].options.isIdempotent).not.toBe(true);
    await expect(writeMany(query(PageViews, { registry }), [])).rejects.toBeInstanceOf(QueryBuildError);
    await expect(writeMany(query(Automobile, { registry }), [], { batchSize: 3 } as never)).rejects.toBeInstanceOf(ConfigurationError);
    await expect(writeMany(query(Automobile, { registry }), [], { concurrency: 0 })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(writeMany(query(Automobile, { registry }), 42 as never)).rejects.toBeInstanceOf(QueryBuildError);
    expect(calls).toHaveLength(2);
    await registry.shutdown();
  });
});

describe('writeMany(statements)', () => {
  it('runs each statement on its own target, never batched; a non-statement is a failure by index', async () => {
    const { registry, calls, otherCalls } = await fakeRegistry();
    const views = query(PageViews, { registry }).where({ page: 'p', day: '2024-01-01' });
    const statements = [
      views.updateStatement({ views: increment(1) }),
      query(Automobile, { registry }).using({ connection: 'other' }).createStatement(car('a', 1)),
      'nope',
    ];
    const result = await writeMany(statements as never);
    expect(result).toMatchObject({ read: 3, written: 2, batches: 0 });
    expect(result.failed.map((f) => [f.index, (f.error as Error).constructor.name])).toEqual([[2, 'QueryBuildError']]);
    expect(calls.map((c) => c.kind)).toEqual(['execute']);
    expect(calls[0].options.isIdempotent).not.toBe(true);
    expect(otherCalls).toHaveLength(1);
    await expect(writeMany([], { keyspace: 'ks' } as never)).rejects.toBeInstanceOf(ConfigurationError);
    await registry.shutdown();
  });
});
