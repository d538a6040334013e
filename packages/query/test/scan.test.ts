// scan() with a fake driver client: the ring split into token ranges, the statement each range
// runs (token bounds first in its WHERE), paging, checkpoints and resuming, and what a scan refuses.
import { ConfigurationError, ConnectionRegistry, QueryBuildError } from '@cassia/core';
import type { Client } from 'cassandra-driver';
import { query } from '../src';
import { MAX_TOKEN, MIN_TOKEN, splitSpans } from '../src/token-ring';
import { Automobile } from './fixtures';

interface Call {
  cql: string;
  params: unknown[];
  options: Record<string, unknown>;
}

// A client whose ring is one range (no metadata) and whose table holds `perRange` rows in each
// token range asked for, served `pageSize` rows a page.
async function scanRegistry(perRange: number, pageSize: number) {
  const calls: Call[] = [];
  const client = {
    connect: async () => undefined,
    shutdown: async () => undefined,
    batch: async () => ({ rows: [] }),
    metadata: { partitioner: 'org.apache.cassandra.dht.Murmur3Partitioner', getTokenRanges: () => undefined },
    hosts: { length: 1 },
    getReplicas: () => null,
    execute: async (cql: string, params: unknown[], options: Record<string, unknown>) => {
      calls.push({ cql, params, options });
      const state = options.pageState as string | Buffer | undefined;
      const start = state === undefined ? 0 : (typeof state === 'string' ? Buffer.from(state, 'hex') : state).readUInt32BE(0);
      const end = Math.min(perRange, start + pageSize);
      const rows = Array.from({ length: end - start }, (_, i) => ({ manufacturer: `${String(params[0])}:${start + i}`, year: start + i, model: 'm' }));
      const next = end < perRange ? Buffer.alloc(4) : undefined;
      next?.writeUInt32BE(end, 0);
      return { rows, pageState: next?.toString('hex') ?? null };
    },
  } as unknown as Client;
  const registry = new ConnectionRegistry();
  await registry.registerConnection('fake', { client, keyspace: 'ks', default: true });
  return { registry, calls };
}

describe('scan()', () => {
  it('splits the ring into contiguous ranges covering (-2^63, 2^63 - 1] exactly', () => {
    const spans = splitSpans([{ start: MIN_TOKEN, end: MAX_TOKEN, ringToken: undefined }], 7);
    expect(spans).toHaveLength(7);
    expect(spans[0].start).toBe(MIN_TOKEN);
    expect(spans[6].end).toBe(MAX_TOKEN);
    for (let i = 1; i < spans.length; i++) expect(spans[i].start).toBe(spans[i - 1].end);
  });

  it('reads each range with its token bounds first in the WHERE, paged, and returns every row once', async () => {
    const { registry, calls } = await scanRegistry(5, 2);
    const scan = query(Automobile, { registry }).where('price', '>', 3).allowFiltering().fetchSize(2).scan({ splits: 4, concurrency: 2 });
    const rows: string[] = [];
    for await (const row of scan) rows.push(row.manufacturer);
    expect(rows).toHaveLength(4 * 5);
    expect(new Set(rows).size).toBe(20);
    expect(calls).toHaveLength(4 * 3);
    expect(new Set(calls.map((c) => c.cql))).toEqual(
      new Set(['SELECT * FROM "ks"."automobile" WHERE token("manufacturer") > ? AND token("manufacturer") <= ? AND "price" > ? ALLOW FILTERING']),
    );
    expect(calls.every((c) => c.params.length === 3 && typeof c.params[0] === 'bigint' && c.params[2] === 3 && c.options.fetchSize === 2)).toBe(true);
    expect(scan.checkpoint()).toMatchObject({ rangesDone: 4, remaining: [] });
    await registry.shutdown();
  });

  it('a checkpoint taken mid-page resumes at the next row: every row exactly once across the stop', async () => {
    const { registry } = await scanRegistry(7, 3);
    const q = query(Automobile, { registry }).fetchSize(3);
    const first = q.scan({ splits: 3, concurrency: 2 });
    const seen: string[] = [];
    for await (const row of first) {
      seen.push(row.manufacturer);
      if (seen.length === 8) break;
    }
    const saved = JSON.stringify(first.checkpoint());
    expect(JSON.parse(saved).remaining.some((range: { skip?: number }) => range.skip !== undefined)).toBe(true);
    for await (const row of q.scan({ from: saved, concurrency: 1 })) seen.push(row.manufacturer);
    expect(seen).toHaveLength(21);
    expect(new Set(seen).size).toBe(21);
    await registry.shutdown();
  });

  it('pages() hands over each page of each range once (fetchSize rows at most), and runs once', async () => {
    const { registry, calls } = await scanRegistry(5, 2);
    const scan = query(Automobile, { registry }).fetchSize(2).scan({ splits: 4, concurrency: 2 });
    const pages: string[][] = [];
    for await (const rows of scan.pages()) pages.push(rows.map((row) => row.manufacturer));
    // 5 rows a range in pages of 2: 3 pages per range, 4 ranges.
    expect(pages).toHaveLength(12);
    expect(pages.every((rows) => rows.length >= 1 && rows.length <= 2)).toBe(true);
    expect(new Set(pages.flat()).size).toBe(20);
    expect(calls).toHaveLength(12);
    expect(scan.checkpoint()).toMatchObject({ rangesDone: 4, remaining: [] });
    expect(() => scan.pages()).toThrow(QueryBuildError);
    expect(() => scan[Symbol.asyncIterator]()).toThrow(QueryBuildError);
    await registry.shutdown();
  });

  it('a checkpoint taken after a page, or mid-page by rows, resumes with pages(): every row exactly once', async () => {
    const { registry } = await scanRegistry(7, 3);
    const q = query(Automobile, { registry }).fetchSize(3);
    const seen: string[] = [];
    const first = q.scan({ splits: 3, concurrency: 2 });
    for await (const rows of first.pages()) {
      seen.push(...rows.map((row) => row.manufacturer));
      if (seen.length >= 6) break;
    }
    const second = q.scan({ from: first.checkpoint(), concurrency: 2 });
    for await (const row of second) {
      seen.push(row.manufacturer);
      if (seen.length === 10) break;
    }
    for await (const rows of q.scan({ from: JSON.stringify(second.checkpoint()), concurrency: 1 }).pages()) {
      seen.push(...rows.map((row) => row.manufacturer));
    }
    expect(seen).toHaveLength(21);
    expect(new Set(seen).size).toBe(21);
    await registry.shutdown();
  });

  it('refuses another scan\'s checkpoint, a changed one and a checkpoint of another fetch size', async () => {
    const { registry } = await scanRegistry(1, 10);
    const scan = query(Automobile, { registry }).fetchSize(10).scan({ splits: 2 });
    for await (const _ of scan) void _;
    const checkpoint = scan.checkpoint();
    const next = (s: AsyncIterable<unknown>) => s[Symbol.asyncIterator]().next();
    await expect(next(query(Automobile, { registry }).select('year').fetchSize(10).scan({ from: checkpoint }))).rejects.toThrow(/another scan/);
    await expect(next(query(Automobile, { registry }).fetchSize(11).scan({ from: checkpoint }))).rejects.toThrow(/fetchSize/);
    await expect(next(query(Automobile, { registry }).fetchSize(10).scan({ from: { ...checkpoint, remaining: [{ start: 'x', end: '1' }] } }))).rejects.toBeInstanceOf(QueryBuildError);
    await registry.shutdown();
  });

  it('refuses what contradicts a scan: partition key restrictions, tokens, order, limit, bad options', async () => {
    const { registry } = await scanRegistry(1, 1);
    const root = query(Automobile, { registry });
    expect(() => root.where({ manufacturer: 'a' }).scan()).toThrow(QueryBuildError);
    expect(() => root.whereToken('>', { manufacturer: 'a' }).scan()).toThrow(QueryBuildError);
    expect(() => root.where({ price: 1 }).orderBy('year').scan()).toThrow(QueryBuildError);
    expect(() => root.limit(3).scan()).toThrow(QueryBuildError);
    expect(() => root.scan({ splits: 0 })).toThrow(ConfigurationError);
    expect(() => root.scan({ parallel: 2 } as never)).toThrow(ConfigurationError);
    const scan = root.scan();
    expect(() => scan.checkpoint()).toThrow(QueryBuildError);
    await registry.shutdown();
  });
});
