// Page cursors without a server: opaque, signed, bound to their statement and target; a changed,
// truncated or replayed cursor is an InvalidPageCursorError and nothing reaches the driver.
import { createHash } from 'node:crypto';
import { ConfigurationError, ConnectionRegistry, InvalidPageCursorError, QueryBuildError, type PageCursorProblem } from '@cassia/core';
import { types } from 'cassandra-driver';
import { query, setPageCursorKeys } from '../src';
import { writeBoundValue } from '../src/bound-values-digest';
import { Automobile, fakeClient, fakeRegistry, type FakeResult } from './fixtures';

const ROW = { manufacturer: 'a', year: 1, model: 'x' };
const STATE = '0a0b0c0d';
// Every answer has a next page, so every page() hands out a cursor.
const pages = (n: number): FakeResult[] => Array.from({ length: n }, () => ({ rows: [ROW], pageState: STATE }));

async function refusal(promise: Promise<unknown>): Promise<PageCursorProblem> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidPageCursorError);
  expect((error as InvalidPageCursorError).code).toBe('ERR_CASSIA_INVALID_PAGE_CURSOR');
  return (error as InvalidPageCursorError).problem;
}

describe('page() cursors', () => {
  it('are opaque base64url text that does not show the paging state, and continue the statement that made them', async () => {
    const { registry, calls } = await fakeRegistry(pages(3));
    const q = query(Automobile, { registry }).where({ manufacturer: 'a' });
    const first = await q.page();
    expect(first.pageState).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(first.pageState!, 'base64url').toString('hex')).toContain(STATE);
    expect(first.pageState).not.toContain(STATE);
    expect(first).not.toHaveProperty('rawPageState');
    await q.page({ pageState: first.pageState });
    expect(calls[1].options.pageState).toEqual(Buffer.from(STATE, 'hex'));
    // The same cursor may be used again (a client retrying its request).
    await q.page({ pageState: first.pageState });
    expect(calls).toHaveLength(3);
    await registry.shutdown();
  });

  it('refuse a cursor that was changed, truncated, padded or is not a string, before anything is sent', async () => {
    const { registry, calls } = await fakeRegistry(pages(1));
    const q = query(Automobile, { registry }).where({ manufacturer: 'a' });
    const cursor = (await q.page()).pageState!;
    const bytes = Buffer.from(cursor, 'base64url');
    const flipped = (index: number) => {
      const copy = Buffer.from(bytes);
      copy[index] ^= 1;
      return copy.toString('base64url');
    };
    // Every byte is covered: the version, both tags, the paging state and the MAC itself.
    for (let i = 0; i < bytes.length; i++) expect(['forged', 'malformed']).toContain(await refusal(q.page({ pageState: flipped(i) })));
    expect(await refusal(q.page({ pageState: flipped(bytes.length - 20) }))).toBe('forged');
    expect(await refusal(q.page({ pageState: flipped(10) }))).toBe('forged');
    expect(await refusal(q.page({ pageState: bytes.subarray(0, bytes.length - 1).toString('base64url') }))).toBe('forged');
    expect(await refusal(q.page({ pageState: bytes.subarray(0, 30).toString('base64url') }))).toBe('malformed');
    expect(await refusal(q.page({ pageState: `${cursor}=` }))).toBe('malformed');
    expect(await refusal(q.page({ pageState: `${cursor}\n` }))).toBe('malformed');
    expect(await refusal(q.page({ pageState: STATE }))).toBe('malformed');
    expect(await refusal(q.page({ pageState: '' }))).toBe('malformed');
    expect(await refusal(q.page({ pageState: 'x'.repeat(300_000) }))).toBe('malformed');
    for (const notText of [42, {}, ['a'], Object.create(null), Buffer.from(cursor)]) {
      expect(await refusal(q.page({ pageState: notText as unknown as string }))).toBe('malformed');
    }
    expect(calls).toHaveLength(1);
    await registry.shutdown();
  });

  it('refuse a cursor replayed against another statement: other values, CQL, limit or fetch size', async () => {
    const { registry, calls } = await fakeRegistry(pages(1));
    const root = query(Automobile, { registry });
    const cursor = (await root.where({ manufacturer: 'a' }).page()).pageState;
    const others = [
      root.where({ manufacturer: 'b' }),
      root.where({ manufacturer: 'a' }).limit(3),
      root.where({ manufacturer: 'a' }).fetchSize(7),
      root.where({ manufacturer: 'a' }).where('year', '>', 1),
      root.whereToken('>', { manufacturer: 'a' }),
      root,
    ];
    for (const other of others) expect(await refusal(other.page({ pageState: cursor }))).toBe('statement');
    expect(await refusal(root.where({ manufacturer: 'a' }).page({ pageState: cursor, fetchSize: 10 }))).toBe('statement');
    expect(calls).toHaveLength(1);
    await registry.shutdown();
  });

  it('refuse a cursor continued on another connection or keyspace, or after its connection was replaced', async () => {
    const { registry, calls, otherCalls } = await fakeRegistry(pages(1));
    const q = query(Automobile, { registry }).where({ manufacturer: 'a' });
    const cursor = (await q.page()).pageState;
    expect(await refusal(q.using({ connection: 'other' }).page({ pageState: cursor }))).toBe('target');
    expect(await refusal(q.using({ keyspace: 'ks_b' }).page({ pageState: cursor }))).toBe('target');
    expect(await refusal(registry.withConnection({ keyspace: 'ks_b' }, () => q.page({ pageState: cursor })))).toBe('target');
    expect(await refusal(registry.withConnection('other', () => q.page({ pageState: cursor })))).toBe('target');
    // Same name and keyspace, another client: under the process's own key the cursor is refused.
    const replacement = fakeClient(pages(1));
    await registry.registerConnection('fake', { client: replacement.client, keyspace: 'ks', default: true, replace: true });
    expect(await refusal(q.page({ pageState: cursor }))).toBe('target');
    expect(calls).toHaveLength(1);
    expect(otherCalls).toHaveLength(0);
    expect(replacement.calls).toHaveLength(0);
    await registry.shutdown();
  });

  it('are bound to their registry: another registry (another process) refuses them under its own random key', async () => {
    const a = await fakeRegistry(pages(1));
    const b = await fakeRegistry(pages(1));
    const cursor = (await query(Automobile, { registry: a.registry }).page()).pageState;
    expect(await refusal(query(Automobile, { registry: b.registry }).page({ pageState: cursor }))).toBe('forged');
    await Promise.all([a.registry.shutdown(), b.registry.shutdown()]);
  });

  it('are valid across registries sharing an application key, and survive a key rotation', async () => {
    const oldKey = 'k'.repeat(32);
    const newKey = Buffer.alloc(32, 7);
    const a = await fakeRegistry(pages(2));
    const b = await fakeRegistry(pages(2));
    setPageCursorKeys([oldKey], { registry: a.registry });
    setPageCursorKeys([oldKey], { registry: b.registry });
    const qa = query(Automobile, { registry: a.registry });
    const qb = query(Automobile, { registry: b.registry });
    const fromA = (await qa.page()).pageState;
    await qb.page({ pageState: fromA });
    expect(b.calls[0].options.pageState).toEqual(Buffer.from(STATE, 'hex'));
    // b rotates: signs with the new key, still accepts the old one.
    setPageCursorKeys([newKey, oldKey], { registry: b.registry });
    const fromB = (await qb.page({ pageState: fromA })).pageState;
    // a, which does not hold the new key yet, refuses b's new cursors.
    expect(await refusal(qa.page({ pageState: fromB }))).toBe('forged');
    // Once the old key is dropped, cursors signed with it are refused.
    setPageCursorKeys([newKey], { registry: b.registry });
    expect(await refusal(qb.page({ pageState: fromA }))).toBe('forged');
    await Promise.all([a.registry.shutdown(), b.registry.shutdown()]);
  });

  it('keys must be one or two strings or byte arrays of at least 32 bytes; messages never show a key', () => {
    const registry = new ConnectionRegistry();
    const secret = 'short-secret';
    for (const bad of [[], [secret], ['k'.repeat(32), 'k'.repeat(32), 'k'.repeat(32)], [42], 'k'.repeat(40), null]) {
      let caught: unknown;
      try {
        setPageCursorKeys(bad as unknown as string[], { registry });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigurationError);
      expect((caught as Error).message).not.toContain(secret);
    }
    expect(() => setPageCursorKeys(['k'.repeat(32)], { registry })).not.toThrow();
  });

  it('a raw paging state is only read and returned through its own options', async () => {
    const { registry, calls } = await fakeRegistry(pages(2));
    const q = query(Automobile, { registry });
    const page = await q.page({ includeRawPageState: true });
    expect(page.rawPageState).toBe(STATE);
    await q.page({ rawPageState: 'ffee' });
    expect(calls[1].options.pageState).toBe('ffee');
    await expect(q.page({ rawPageState: 'ffee', pageState: page.pageState })).rejects.toThrow(QueryBuildError);
    await expect(q.page({ rawPageState: 'not hex' })).rejects.toThrow(QueryBuildError);
    await expect(q.page({ includeRawPageState: 'yes' as unknown as boolean })).rejects.toThrow(QueryBuildError);
    expect(calls).toHaveLength(2);
    await registry.shutdown();
  });
});

describe('the bound-values digest', () => {
  const digest = (values: unknown[]) => {
    const hash = createHash('sha256');
    for (const value of values) writeBoundValue(hash, value);
    return hash.digest('hex');
  };

  it('tells apart values that print alike', () => {
    const lists: unknown[][] = [
      ['1'], [1], [1n], [true], ['true'], [null], [undefined], [[]], [{}], [Buffer.from('1')], [new Date(1)],
      [['a', 'b']], [['a,b']], [['a'], ['b']], [types.Tuple.fromArray([1, 'a'])], [types.Tuple.fromArray(['1', 'a'])],
      [new Map([['a', 1]])], [new Set(['a'])], [{ a: 1 }], [{ a: '1' }], [0], [-0], [types.Long.fromString('1')],
      [types.Uuid.fromString('6ba7b810-9dad-11d1-80b4-00c04fd430c8')], ['6ba7b810-9dad-11d1-80b4-00c04fd430c8'],
    ];
    const digests = lists.map(digest);
    expect(new Set(digests).size).toBe(lists.length);
  });

  it('is the same for equal values, whatever the order of an object\'s fields', () => {
    expect(digest([{ a: 1, b: 'x' }])).toBe(digest([{ b: 'x', a: 1 }]));
    expect(digest([types.Uuid.fromString('6ba7b810-9dad-11d1-80b4-00c04fd430c8')])).toBe(
      digest([types.Uuid.fromString('6ba7b810-9dad-11d1-80b4-00c04fd430c8')]),
    );
  });
});
