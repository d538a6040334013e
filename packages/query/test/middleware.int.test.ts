// The statement pipeline on the real clusters: middleware order (registry-wide before a model's,
// each in registration order), veto and errors (nothing sent: a driver RequestTracker counts what
// was sent), options changed by a middleware reaching the driver, the outcome or error seen after
// next(), batches (once per statement, once for the batch, statements added in the same protocol
// batch), pages numbered 1..n, raw execute, writeMany, unsubscribe, isolation between registries,
// no values in any info (property test), and the built-ins timestamps() and versioned().
import { Client, tracker, types, type ExecutionOptions, type Host } from 'cassandra-driver';
import fc from 'fast-check';
import {
  ConfigurationError, ConnectionRegistry, ExecutionError, LwtNotAppliedError, MiddlewareError, QueryBuildError,
  type Middleware, type StatementInfo, type StatementOutcome,
} from '@cassia/core';
import { createTableCql, defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { batch, query, timestamps, versioned, writeMany } from '../src';

const KS = 'mw_pipeline';
const KS2 = 'mw_pipeline_two';
const { cluster1, cluster2 } = testClusters();

const Note = defineModel({
  table: 'notes',
  keyspace: KS,
  columns: { owner: t.text(), seq: t.int(), body: t.text(), score: t.bigint() },
  partitionKey: ['owner'],
  clusteringKey: ['seq'],
});

const Audit = defineModel({
  table: 'audit',
  keyspace: KS,
  columns: { owner: t.text(), at: t.timeuuid(), what: t.text() },
  partitionKey: ['owner'],
  clusteringKey: ['at'],
});

const Post = defineModel({
  table: 'posts',
  keyspace: KS,
  columns: { id: t.text(), title: t.text(), created_at: t.timestamp(), updated_at: t.timestamp() },
  partitionKey: ['id'],
});

const Account = defineModel({
  table: 'accounts',
  keyspace: KS,
  columns: { id: t.text(), balance: t.int(), version: t.int(), owner: t.text() },
  partitionKey: ['id'],
});

const Missing = defineModel({ table: 'no_such_table', keyspace: KS, columns: { id: t.text(), v: t.text() }, partitionKey: ['id'] });

const Remote = defineModel({ table: 'remote', keyspace: KS2, connection: 'two', columns: { id: t.text(), v: t.text() }, partitionKey: ['id'] });

// The driver checks `instanceof RequestTracker`, a class at run time that its typings declare as an interface.
const RequestTrackerBase = (tracker as unknown as { RequestTracker: new () => tracker.RequestTracker }).RequestTracker;

/** Every request the driver sent that names one of this file's keyspaces, with the options it was sent with. */
class SentRequests extends RequestTrackerBase {
  readonly sent: { cql: string; consistency: number; timeout: number; idempotent: boolean }[] = [];

  override onSuccess(_host: Host, query: string | Array<{ query: string }>, _params: unknown, options: ExecutionOptions): void {
    this.record(query, options);
  }

  override onError(_host: Host, query: string | Array<{ query: string }>, _params: unknown, options: ExecutionOptions): void {
    this.record(query, options);
  }

  override shutdown(): void {}

  count(fragment: string): number {
    return this.sent.filter((request) => request.cql.includes(fragment)).length;
  }

  private record(query: string | Array<{ query: string }>, options: ExecutionOptions): void {
    const cql = typeof query === 'string' ? query : query.map((q) => q.query).join('\n');
    if (cql.includes(KS)) {
      this.sent.push({ cql, consistency: options.getConsistency(), timeout: options.getReadTimeout(), idempotent: options.isIdempotent() });
    }
  }
}

let raw: Client;
let raw2: Client;
let registry: ConnectionRegistry;
let other: ConnectionRegistry;
const requests = new SentRequests();
const unsubscribes: (() => void)[] = [];

function use(middleware: Middleware): void;
function use(model: object, middleware: Parameters<ConnectionRegistry['use']>[1]): void;
function use(first: unknown, second?: unknown): void {
  unsubscribes.push(second === undefined ? registry.use(first as Middleware) : registry.use(first as object, second as Middleware));
}

// A middleware that records each info and outcome it sees.
function recorder(seen: { info: StatementInfo; outcome?: StatementOutcome; error?: unknown }[]): Middleware {
  return async (statement, next) => {
    const entry: { info: StatementInfo; outcome?: StatementOutcome; error?: unknown } = { info: statement.info };
    seen.push(entry);
    try {
      entry.outcome = await next();
      return entry.outcome;
    } catch (error) {
      entry.error = error;
      throw error;
    }
  };
}

beforeAll(async () => {
  raw = new Client({ contactPoints: [cluster1], localDataCenter: 'datacenter1', encoding: { useBigIntAsLong: true } });
  raw2 = new Client({ contactPoints: [cluster2], localDataCenter: 'datacenter1' });
  await Promise.all([raw.connect(), raw2.connect()]);
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  for (const model of [Note, Audit, Post, Account]) await raw.execute(createTableCql(model, KS));
  await raw2.execute(`DROP KEYSPACE IF EXISTS "${KS2}"`);
  await raw2.execute(`CREATE KEYSPACE "${KS2}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await raw2.execute(createTableCql(Remote, KS2));
  registry = new ConnectionRegistry();
  await registry.registerConnection('one', { contactPoints: [cluster1], default: true, keyspace: KS, clientOptions: { requestTracker: requests } });
  await registry.registerConnection('two', { contactPoints: [cluster2] });
  other = new ConnectionRegistry();
  await other.registerConnection('two', { contactPoints: [cluster2], default: true });
}, 120_000);

afterEach(() => {
  for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
});

afterAll(async () => {
  await registry.shutdown();
  await other.shutdown();
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw2.execute(`DROP KEYSPACE IF EXISTS "${KS2}"`);
  await Promise.all([raw.shutdown(), raw2.shutdown()]);
});

const notes = () => query(Note, { registry });

describe('order', () => {
  it('runs registry middleware (in registration order) around the model middleware (in registration order) around the send', async () => {
    const log: string[] = [];
    const named = (name: string): Middleware => async (_statement, next) => {
      log.push(`${name} before`);
      const outcome = await next();
      log.push(`${name} after`);
      return outcome;
    };
    // The model's are registered first: levels, not registration times, decide the nesting.
    use(Note, named('model A'));
    use(named('registry A'));
    use(Note, named('model B'));
    use(named('registry B'));
    await notes().create({ owner: 'order', seq: 1, body: 'x' });
    expect(log).toEqual([
      'registry A before', 'registry B before', 'model A before', 'model B before',
      'model B after', 'model A after', 'registry B after', 'registry A after',
    ]);
    // Another model's statements see only the registry's.
    log.length = 0;
    await query(Post, { registry }).where({ id: 'order' }).first();
    expect(log).toEqual(['registry A before', 'registry B before', 'registry B after', 'registry A after']);
  });
});

describe('veto and errors', () => {
  it('a middleware that throws before next() rejects the write with MiddlewareError (cause kept) and nothing is sent', async () => {
    const refusal = new Error('not on my watch');
    use(async () => {
      throw refusal;
    });
    const before = requests.count('"notes"');
    const failure = await notes().create({ owner: 'veto', seq: 1, body: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MiddlewareError);
    expect((failure as MiddlewareError).code).toBe('ERR_CASSIA_MIDDLEWARE');
    expect((failure as MiddlewareError).cause).toBe(refusal);
    expect(requests.count('"notes"')).toBe(before);
    expect((await raw.execute(`SELECT * FROM "${KS}".notes WHERE owner = 'veto'`)).rowLength).toBe(0);
  });

  it('a Cassia error thrown by a middleware reaches the caller as it is, for reads, batches and raw execute, and nothing is sent', async () => {
    const refusal = new QueryBuildError('refused by policy');
    use(async () => {
      throw refusal;
    });
    const before = requests.sent.length;
    await expect(notes().where({ owner: 'veto' }).all()).rejects.toBe(refusal);
    await expect(notes().where({ owner: 'veto', seq: 1 }).get()).rejects.toBe(refusal);
    const b = batch();
    b.add(notes().createStatement({ owner: 'veto', seq: 2 }));
    await expect(b.execute()).rejects.toBe(refusal);
    await expect(registry.execute(`SELECT * FROM "${KS}".notes`)).rejects.toBe(refusal);
    expect(requests.sent.length).toBe(before);
  });

  it('a middleware that returns without calling next() sends nothing and rejects with MiddlewareError', async () => {
    use(async () => ({ rows: 0, applied: undefined, hasMorePages: false, queriedHost: undefined, triedHosts: 0, speculativeExecutions: 0, traceId: undefined }));
    const before = requests.sent.length;
    await expect(notes().create({ owner: 'skip', seq: 1 })).rejects.toThrow(/without calling next\(\)/);
    expect(requests.sent.length).toBe(before);
  });

  it('a statement in a batch that is vetoed rejects the whole batch: nothing is sent, and the statements already waiting see the error', async () => {
    const seen: { info: StatementInfo; error?: unknown }[] = [];
    use(recorder(seen));
    use(Audit, async () => {
      throw new QueryBuildError('no audit rows today');
    });
    const before = requests.sent.length;
    const b = batch();
    b.add(notes().createStatement({ owner: 'batch-veto', seq: 1 }));
    b.add(query(Audit, { registry }).createStatement({ owner: 'batch-veto', at: types.TimeUuid.now().toString(), what: 'x' }));
    await expect(b.execute()).rejects.toThrow('no audit rows today');
    expect(requests.sent.length).toBe(before);
    expect(seen.map((entry) => entry.info.kind)).toEqual(['batch', 'insert', 'insert']);
    expect(seen.every((entry) => entry.error instanceof QueryBuildError)).toBe(true);
  });
});

describe('options and outcome', () => {
  it('options a middleware changes before next() are what the driver is sent with', async () => {
    use(async (statement, next) => {
      statement.options.consistency = 'localOne';
      statement.options.timeout = 4321;
      statement.options.idempotent = true;
      return next();
    });
    await notes().consistency('quorum').create({ owner: 'opts', seq: 1, body: 'x' });
    const last = requests.sent[requests.sent.length - 1];
    expect(last.cql).toContain('INSERT INTO');
    expect(last.consistency).toBe(types.consistencies.localOne);
    expect(last.timeout).toBe(4321);
    expect(last.idempotent).toBe(true);
  });

  it('a typo in an option name throws (the options object is sealed), rejecting the statement', async () => {
    use(async (statement, next) => {
      (statement.options as unknown as Record<string, unknown>).consistancy = 'one';
      return next();
    });
    await expect(notes().where({ owner: 'opts' }).all()).rejects.toBeInstanceOf(MiddlewareError);
  });

  it('after next() a middleware sees the outcome (rows, applied, host) or the error', async () => {
    const seen: { info: StatementInfo; outcome?: StatementOutcome; error?: unknown }[] = [];
    use(recorder(seen));
    await notes().create({ owner: 'seen', seq: 1, body: 'x' });
    await notes().create({ owner: 'seen', seq: 2, body: 'y' });
    expect(await notes().where({ owner: 'seen' }).all()).toHaveLength(2);
    await expect(notes().ifNotExists().create({ owner: 'seen', seq: 1, body: 'z' })).rejects.toBeInstanceOf(LwtNotAppliedError);
    await expect(query(Missing, { registry }).create({ id: 'a', v: 'b' })).rejects.toBeInstanceOf(ExecutionError);
    const [, , read, lwt, failed] = seen;
    expect(read.info).toMatchObject({ kind: 'select', operation: 'SELECT', table: 'notes', model: 'notes', keyspace: KS, connection: 'one', page: 1 });
    expect(read.outcome).toMatchObject({ rows: 2, hasMorePages: false, triedHosts: 1, speculativeExecutions: 0, traceId: undefined });
    expect(read.outcome!.queriedHost).toMatch(/^127\.0\.0\.1:/);
    expect(lwt.info.conditional).toBe(true);
    expect(lwt.outcome!.applied).toBe(false);
    expect(failed.outcome).toBeUndefined();
    expect(failed.error).toBeInstanceOf(ExecutionError);
  });

  it('tracing() asks for a server-side trace: the outcome carries its id', async () => {
    const seen: { info: StatementInfo; outcome?: StatementOutcome }[] = [];
    use(recorder(seen));
    await notes().tracing().where({ owner: 'seen' }).first();
    expect(seen[0].info.tracing).toBe(true);
    expect(seen[0].outcome!.traceId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('batches', () => {
  it('run the batch middleware once (outermost), then each statement once with info.batch, and one protocol batch; add() joins it', async () => {
    const seen: { info: StatementInfo; outcome?: StatementOutcome }[] = [];
    use(recorder(seen));
    let modelCalls = 0;
    // An audit row per note write, in the same batch.
    use(Note, async (statement, next) => {
      modelCalls += 1;
      const owner = statement.row()?.owner as string;
      statement.add(query(Audit, { registry }).createStatement({ owner, at: types.TimeUuid.now().toString(), what: statement.info.kind }));
      return next();
    });
    const before = requests.sent.length;
    const b = batch();
    b.add(notes().createStatement({ owner: 'batched', seq: 1, body: 'a' }));
    b.add(notes().where({ owner: 'batched', seq: 2 }).updateStatement({ body: 'b' }));
    b.add(query(Post, { registry }).createStatement({ id: 'batched', title: 't' }));
    await b.execute();
    expect(modelCalls).toBe(2);
    expect(seen.map((entry) => entry.info.kind)).toEqual(['batch', 'insert', 'update', 'insert']);
    const [batchEntry, ...statementEntries] = seen;
    expect(batchEntry.info.statements).toHaveLength(3);
    expect(batchEntry.info.statements!.map((info) => info.table)).toEqual(['notes', 'notes', 'posts']);
    for (const entry of statementEntries) {
      expect(entry.info.batch).toBe(batchEntry.info);
      expect(entry.outcome).toBe(batchEntry.outcome);
    }
    // One request: a batch of the three statements and the two audit rows.
    expect(requests.sent.length).toBe(before + 1);
    expect(requests.sent[before].cql.split('\n')).toHaveLength(5);
    const audit = await raw.execute(`SELECT what FROM "${KS}".audit WHERE owner = 'batched'`);
    expect(audit.rows.map((row) => row.what as string).sort()).toEqual(['insert', 'update']);
  });

  it('a batch middleware may add statements and change the batch options', async () => {
    use(async (statement, next) => {
      if (statement.info.kind === 'batch') {
        statement.options.consistency = 'one';
        statement.add(query(Audit, { registry }).createStatement({ owner: 'batch-level', at: types.TimeUuid.now().toString(), what: 'batch' }));
      }
      return next();
    });
    await batch({ consistency: 'quorum' }, async (b) => {
      b.add(notes().createStatement({ owner: 'batch-level', seq: 1 }));
    });
    const last = requests.sent[requests.sent.length - 1];
    expect(last.consistency).toBe(types.consistencies.one);
    expect((await raw.execute(`SELECT what FROM "${KS}".audit WHERE owner = 'batch-level'`)).rowLength).toBe(1);
  });

  it('add() outside a batch is a MiddlewareError and nothing is sent', async () => {
    use(Note, async (statement, next) => {
      statement.add(notes().createStatement({ owner: 'alone', seq: 9 }));
      return next();
    });
    const before = requests.sent.length;
    await expect(notes().create({ owner: 'alone', seq: 1 })).rejects.toBeInstanceOf(MiddlewareError);
    expect(requests.sent.length).toBe(before);
  });
});

describe('pages, raw execute, writeMany', () => {
  it('a read of three pages runs the middleware three times, with pages 1, 2, 3 (all(), for await and stream())', async () => {
    await writeMany(notes(), Array.from({ length: 25 }, (_, i) => ({ owner: 'paged', seq: i, body: `b${i}` })));
    const seen: { info: StatementInfo; outcome?: StatementOutcome }[] = [];
    use(recorder(seen));
    const paged = notes().where({ owner: 'paged' }).fetchSize(10);
    expect(await paged.all()).toHaveLength(25);
    expect(seen.map((entry) => entry.info.page)).toEqual([1, 2, 3]);
    expect(seen.map((entry) => entry.outcome!.rows)).toEqual([10, 10, 5]);
    expect(seen.map((entry) => entry.outcome!.hasMorePages)).toEqual([true, true, false]);
    seen.length = 0;
    let rows = 0;
    for await (const _row of paged) rows += 1;
    for await (const _row of paged.stream()) rows += 1;
    expect(rows).toBe(50);
    expect(seen.map((entry) => entry.info.page)).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('raw execute runs the registry middleware as kind raw', async () => {
    const seen: { info: StatementInfo; outcome?: StatementOutcome }[] = [];
    use(recorder(seen));
    await registry.execute(`SELECT * FROM "${KS}".notes WHERE owner = ?`, ['paged'], { fetchSize: 5 });
    expect(seen).toHaveLength(1);
    expect(seen[0].info).toMatchObject({ kind: 'raw', operation: 'SELECT', connection: 'one', keyspace: KS, table: undefined, model: undefined });
    expect(seen[0].outcome).toMatchObject({ rows: 5, hasMorePages: true });
  });

  it('writeMany runs each row through the middleware as its own statement', async () => {
    const seen: { info: StatementInfo }[] = [];
    use(recorder(seen));
    const result = await writeMany(notes(), [{ owner: 'many', seq: 1 }, { owner: 'many', seq: 2 }, { owner: 'many', seq: 3 }]);
    expect(result.written).toBe(3);
    expect(seen.map((entry) => entry.info.kind)).toEqual(['insert', 'insert', 'insert']);
  });
});

describe('registration', () => {
  it('unsubscribe stops a middleware; a second call does nothing', async () => {
    let calls = 0;
    const unsubscribe = registry.use(async (_statement, next) => {
      calls += 1;
      return next();
    });
    await notes().where({ owner: 'x' }).first();
    unsubscribe();
    unsubscribe();
    await notes().where({ owner: 'x' }).first();
    expect(calls).toBe(1);
  });

  it("a registry's middleware sees the statements of its own registry only", async () => {
    const seen: { info: StatementInfo }[] = [];
    use(recorder(seen));
    const otherSeen: { info: StatementInfo }[] = [];
    const stop = other.use(recorder(otherSeen));
    try {
      await query(Remote, { registry: other }).using({ connection: 'two' }).create({ id: 'a', v: 'b' });
      expect(seen).toHaveLength(0);
      expect(otherSeen.map((entry) => entry.info.connection)).toEqual(['two']);
      await query(Remote, { registry }).create({ id: 'c', v: 'd' });
      expect(seen.map((entry) => [entry.info.connection, entry.info.keyspace])).toEqual([['two', KS2]]);
      expect(otherSeen).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('refuses what is not a middleware, and objects whose forModel is inherited', () => {
    expect(() => registry.use('log' as unknown as Middleware)).toThrow(ConfigurationError);
    expect(() => registry.use(Note, Object.create({ forModel: () => async () => undefined }))).toThrow(ConfigurationError);
    expect(() => registry.use({ table: 'notes' }, async (_s, next) => next())).toThrow(ConfigurationError);
    expect(() => registry.use(Note, 42 as unknown as Middleware)).toThrow(ConfigurationError);
  });
});

describe('no values in info', () => {
  it('never carries a written or read value (random rows)', async () => {
    const infos: StatementInfo[] = [];
    use(async (statement, next) => {
      infos.push(statement.info);
      return next();
    });
    const value = fc.string({ minLength: 4, maxLength: 40 }).map((text) => `val:${text}`);
    await fc.assert(
      fc.asyncProperty(value, value, fc.bigInt({ min: 10n ** 12n, max: 10n ** 15n }), async (owner, body, score) => {
        infos.length = 0;
        await notes().create({ owner, seq: 1, body, score });
        await notes().where({ owner, seq: 1 }).update({ body: `${body}!` });
        const b = batch();
        b.add(notes().createStatement({ owner, seq: 2, body, score }));
        await b.execute();
        await notes().where({ owner }).all();
        await notes().where({ owner, seq: 1 }).get();
        await notes().where({ owner, seq: 2 }).delete();
        const text = JSON.stringify(infos);
        for (const secret of [owner, body, String(score)]) expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
      }),
      { numRuns: 25 },
    );
  });
});

describe('timestamps()', () => {
  it('fills created_at and updated_at on create, updated_at only on update; a given value wins', async () => {
    use(Post, timestamps());
    const posts = query(Post, { registry });
    const before = Date.now();
    await posts.create({ id: 'p1', title: 'first' });
    const created = await posts.where({ id: 'p1' }).get();
    expect(created.created_at!.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(created.updated_at!.getTime()).toBe(created.created_at!.getTime());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await posts.where({ id: 'p1' }).update({ title: 'second' });
    const updated = await posts.where({ id: 'p1' }).get();
    expect(updated.created_at).toEqual(created.created_at);
    expect(updated.updated_at!.getTime()).toBeGreaterThan(created.updated_at!.getTime());
    const given = new Date('2020-01-02T03:04:05.000Z');
    await posts.create({ id: 'p2', title: 'old', created_at: given });
    expect((await posts.where({ id: 'p2' }).get()).created_at).toEqual(given);
  });

  it('refuses at use() a model without the columns, or with columns of another type', () => {
    expect(() => registry.use(Note, timestamps())).toThrow(ConfigurationError);
    expect(() => registry.use(Account, timestamps({ createdAt: 'owner', updatedAt: false }))).toThrow(/must be timestamp/);
    expect(() => timestamps({ createdAt: 'a', updatdAt: 'b' } as never)).toThrow(ConfigurationError);
  });
});

describe('versioned()', () => {
  const accounts = () => query(Account, { registry });

  it('creates version 1 IF NOT EXISTS; an update without the version it read is refused and nothing is sent', async () => {
    use(Account, versioned());
    await accounts().create({ id: 'v1', balance: 10, version: 7 });
    expect((await raw.execute(`SELECT version FROM "${KS}".accounts WHERE id = 'v1'`)).rows[0].version).toBe(1);
    await expect(accounts().create({ id: 'v1', balance: 99 })).rejects.toBeInstanceOf(LwtNotAppliedError);
    const before = requests.count('"accounts"');
    await expect(accounts().where({ id: 'v1' }).update({ balance: 11 })).rejects.toThrow(QueryBuildError);
    expect(requests.count('"accounts"')).toBe(before);
    await accounts().where({ id: 'v1' }).update({ balance: 11, version: 1 });
    const row = (await raw.execute(`SELECT balance, version FROM "${KS}".accounts WHERE id = 'v1'`)).rows[0];
    expect([row.balance, row.version]).toEqual([11, 2]);
    const stale = await accounts().where({ id: 'v1' }).update({ balance: 12, version: 1 }).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(LwtNotAppliedError);
    expect((stale as LwtNotAppliedError).existing).toMatchObject({ version: 2 });
  });

  it('20 concurrent updaters of one row: exactly one winner per version, the others get LwtNotAppliedError', async () => {
    use(Account, versioned());
    await accounts().create({ id: 'race', balance: 0, owner: 'nobody' });
    for (let version = 1; version <= 3; version++) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => accounts().where({ id: 'race' }).update({ balance: version * 100 + i, owner: `w${i}`, version })),
      );
      const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
      const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers.every((outcome) => outcome.reason instanceof LwtNotAppliedError)).toBe(true);
      const row = (await raw.execute(`SELECT balance, owner, version FROM "${KS}".accounts WHERE id = 'race'`)).rows[0];
      expect([row.version, row.owner, row.balance]).toEqual([version + 1, `w${winners[0]}`, version * 100 + winners[0]]);
    }
  }, 60_000);

  it('refuses at use() a version column that is missing, a key or not an integer', () => {
    expect(() => registry.use(Note, versioned())).toThrow(ConfigurationError);
    expect(() => registry.use(Account, versioned({ column: 'owner' }))).toThrow(/must be int or bigint/);
    expect(() => registry.use(Account, versioned({ column: 'id' }))).toThrow(ConfigurationError);
  });
});
