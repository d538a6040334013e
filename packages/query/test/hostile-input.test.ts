// What request parsers hand to builders (null, null-prototype objects from querystring.parse,
// huge numbers, control characters) is a CassiaError with a safe message, never a TypeError;
// numbers are range-checked to what the protocol, Node's timers and Cassandra take.
import { parse } from 'node:querystring';
import { CassiaError, ConfigurationError, ConnectionRegistry, QueryBuildError } from '@cassia/core';
import { batch, increment, decrement, put, query, setAt } from '../src';
import { describeInput } from '../src/describe-input';
import { Automobile, PageViews, fakeRegistry, lazyRegistry } from './fixtures';

let registry: ConnectionRegistry;
beforeAll(async () => {
  registry = await lazyRegistry();
});
afterAll(() => registry.shutdown());

const auto = () => query(Automobile, { registry });
// What querystring.parse('limit[x]=1') style parsers give: an object without a prototype.
const nullProto = (): unknown => parse('a=1');

/** The error `fn` throws (or its promise rejects with). */
async function errorOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

async function expectCassiaError(fn: () => unknown, type: new (...args: never[]) => CassiaError = QueryBuildError): Promise<string> {
  const error = await errorOf(fn);
  expect(error).toBeInstanceOf(type);
  return (error as Error).message;
}

describe('parser output is a CassiaError, never a TypeError', () => {
  it.each([
    ['limit', () => auto().limit(nullProto() as number)],
    ['perPartitionLimit', () => auto().perPartitionLimit(nullProto() as number)],
    ['fetchSize', () => auto().fetchSize(nullProto() as number)],
    ['timeout', () => auto().timeout(nullProto() as number)],
    ['ttl', () => auto().ttl(nullProto() as number)],
    ['timestamp', () => auto().timestamp(nullProto() as number)],
    ['setAt', () => setAt(nullProto() as number, 'x')],
    ['increment', () => increment(nullProto() as number)],
    ['decrement', () => decrement(nullProto() as number)],
    ['put(null)', () => put(null as unknown as Map<string, number>)],
    ['put(a number)', () => put(5 as unknown as Map<string, number>)],
    ['orderBy direction', () => auto().orderBy('year', nullProto() as 'asc')],
    ['where operator', () => auto().where('year', nullProto() as '=', 1)],
    ['where operator bigint', () => auto().where('year', 10n as unknown as '=', 1)],
    ['column name bigint', () => auto().where(10n as unknown as 'year', '=', 1)],
    ['whereToken operator', () => auto().whereToken(nullProto() as '>', { manufacturer: 'a' })],
    ['limit bigint', () => auto().limit(5n as unknown as number)],
  ])('%s', async (_name, build) => {
    const message = await expectCassiaError(build);
    expect(message).not.toContain('[object');
  });

  it('page(null), page(a null-prototype fetchSize), page(a string) reject with QueryBuildError before anything is sent', async () => {
    const { registry: fake, calls } = await fakeRegistry();
    const q = query(Automobile, { registry: fake });
    await expectCassiaError(() => q.page(null as never));
    await expectCassiaError(() => q.page('abc' as never));
    await expectCassiaError(() => q.page({ fetchSize: nullProto() as number }));
    await expectCassiaError(() => q.page({ fetchSize: 2 ** 31 }));
    await expectCassiaError(() => q.page({ nope: 1 } as never));
    expect(calls).toHaveLength(0);
    await fake.shutdown();
  });

  it('consistency given as an object or a bigint is a ConfigurationError', async () => {
    await expectCassiaError(() => auto().consistency(nullProto() as 'one'), ConfigurationError);
    await expectCassiaError(() => auto().serialConsistency(1n as unknown as 'serial'), ConfigurationError);
    await expectCassiaError(() => batch({ consistency: nullProto() as 'one' }), ConfigurationError);
  });

  it('batch options from a parser are checked: timeout, timestamp, executeOnError', async () => {
    await expectCassiaError(() => batch({ timeout: nullProto() as number }), ConfigurationError);
    await expectCassiaError(() => batch({ timeout: 2 ** 31 }), ConfigurationError);
    await expectCassiaError(() => batch({ timestamp: nullProto() as number }), ConfigurationError);
    await expectCassiaError(() => batch({ executeOnError: 'yes' as unknown as boolean }), ConfigurationError);
    await expectCassiaError(() => batch(null as never), ConfigurationError);
  });

  it('counter operations on a parser object fail as CassiaErrors too', async () => {
    const row = query(PageViews, { registry }).where({ page: 'p', day: '2024-01-01' });
    await expectCassiaError(() => row.updateStatement({ views: nullProto() as never }));
  });
});

describe('range checks before sending', () => {
  const MAX = 2 ** 31 - 1;

  it('limit, perPartitionLimit and fetchSize take 1 to 2^31 - 1', async () => {
    for (const method of ['limit', 'perPartitionLimit', 'fetchSize'] as const) {
      expect(() => auto()[method](MAX)).not.toThrow();
      for (const bad of [0, -1, MAX + 1, 2 ** 53, 1.5, Number.NaN, Infinity]) {
        expect(await expectCassiaError(() => auto()[method](bad))).toContain('from 1 to 2147483647');
      }
    }
  });

  it('timeout takes 1 to 2^31 - 1 ms (Node turns a longer timer into 1 ms)', async () => {
    expect(() => auto().timeout(MAX)).not.toThrow();
    await expectCassiaError(() => auto().timeout(2 ** 31));
    await expectCassiaError(() => auto().timeout(0));
  });

  it('ttl takes 0 to 630720000 s; setAt takes 0 to 2^31 - 1', async () => {
    expect(() => auto().ttl(630_720_000)).not.toThrow();
    await expectCassiaError(() => auto().ttl(630_720_001));
    expect(() => setAt(MAX, 'x')).not.toThrow();
    await expectCassiaError(() => setAt(MAX + 1, 'x'));
    await expectCassiaError(() => setAt(-1, 'x'));
  });
});

describe('input shown in messages', () => {
  it('is cut, quoted, and its control characters escaped (no forged log lines)', async () => {
    const hostile = `evil\n2024-01-01 INFO admin logged in\u001b[31m\u2028${'x'.repeat(500)}`;
    const message = await expectCassiaError(() => auto().where(hostile as 'year', '=', 1));
    expect(message).not.toMatch(/[\n\u001b\u2028]/);
    expect(message.length).toBeLessThan(400);
    expect(message).toContain('\\n2024');
  });

  it('describeInput never throws and never calls an object\'s toString', () => {
    const trap = { toString: () => { throw new Error('called'); }, [Symbol.toPrimitive]: () => { throw new Error('called'); } };
    for (const value of [trap, Object.create(null), [1], 1n, Symbol('s'), () => 1, null, undefined, new Date(0)]) {
      expect(typeof describeInput(value)).toBe('string');
    }
    expect(describeInput('a\u0085b\u202e')).toBe("'a\\u0085b\\u202e'");
  });
});
