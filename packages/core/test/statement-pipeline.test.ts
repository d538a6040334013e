// The chain runner without a server: onion order, veto, next() rules, error wrapping, a failed
// send that a middleware swallows, batch nesting (batch outermost, members in order, one send),
// registration order across levels, unsubscribe and hostile registrations.
import { ConfigurationError, MiddlewareError, QueryBuildError, type Middleware, type StatementCall, type StatementOutcome } from '@cassia/core';
import { runBatchMiddleware, runMiddleware, StatementPipeline } from '@cassia/core/internal';

const OUTCOME: StatementOutcome = Object.freeze({
  rows: 0, applied: undefined, hasMorePages: false, queriedHost: undefined, triedHosts: 1, speculativeExecutions: 0, traceId: undefined,
});
const CALL = {} as StatementCall;
const MODEL = Object.freeze({ kind: 'model', table: 't' });

function logged(log: string[], name: string): Middleware {
  return async (_call, next) => {
    log.push(`${name}>`);
    try {
      return await next();
    } finally {
      log.push(`<${name}`);
    }
  };
}

function chainOf(...middleware: Middleware[]) {
  const pipeline = new StatementPipeline();
  for (const m of middleware) pipeline.use(m);
  return pipeline.chainFor(undefined);
}

describe('runMiddleware', () => {
  it('runs the chain as an onion around the send and resolves to the send outcome', async () => {
    const log: string[] = [];
    const outcome = await runMiddleware(chainOf(logged(log, 'a'), logged(log, 'b')), CALL, async () => {
      log.push('send');
      return OUTCOME;
    });
    expect(outcome).toBe(OUTCOME);
    expect(log).toEqual(['a>', 'b>', 'send', '<b', '<a']);
  });

  it('a throw before next() vetoes: no send, a non-Cassia error wrapped with its cause, a Cassia error as it is', async () => {
    const send = jest.fn(async () => OUTCOME);
    const plain = new TypeError('boom');
    const wrapped = await runMiddleware(chainOf(() => { throw plain; }), CALL, send).catch((e: unknown) => e);
    expect(wrapped).toBeInstanceOf(MiddlewareError);
    expect((wrapped as MiddlewareError).cause).toBe(plain);
    expect((wrapped as MiddlewareError).message).toContain('boom');
    const typed = new QueryBuildError('no');
    await expect(runMiddleware(chainOf(async () => { throw typed; }), CALL, send)).rejects.toBe(typed);
    await expect(runMiddleware(chainOf(async () => { throw 'a string'; }), CALL, send)).rejects.toBeInstanceOf(MiddlewareError);
    expect(send).not.toHaveBeenCalled();
  });

  it('refuses a middleware that never calls next(), or calls it twice', async () => {
    const send = jest.fn(async () => OUTCOME);
    await expect(runMiddleware(chainOf(async () => OUTCOME), CALL, send)).rejects.toThrow(/without calling next/);
    expect(send).not.toHaveBeenCalled();
    await expect(runMiddleware(chainOf(async (_c, next) => { await next(); return next(); }), CALL, send)).rejects.toThrow(/more than once/);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('a middleware cannot turn a failed send into a success', async () => {
    const failure = new QueryBuildError('send failed');
    const swallow: Middleware = async (_call, next) => next().catch(() => OUTCOME);
    await expect(runMiddleware(chainOf(swallow), CALL, async () => { throw failure; })).rejects.toBe(failure);
  });

  it('waits for a send that a middleware started without awaiting', async () => {
    let sent = false;
    const outcome = await runMiddleware(chainOf(async (_c, next) => { void next(); return OUTCOME; }), CALL, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent = true;
      return OUTCOME;
    });
    expect(sent).toBe(true);
    expect(outcome).toBe(OUTCOME);
  });
});

describe('runBatchMiddleware', () => {
  it('runs the batch chain outermost, each member until next() in order, one send, then unwinds members before the batch', async () => {
    const log: string[] = [];
    const chain = chainOf(logged(log, 'r'));
    const members = [1, 2].map((n) => ({ chain: [...chain, { run: logged(log, `m${n}`) }], call: CALL }));
    await runBatchMiddleware(chain, CALL, members, async () => {
      log.push('send');
      return OUTCOME;
    });
    expect(log.slice(0, 6)).toEqual(['r>', 'r>', 'm1>', 'r>', 'm2>', 'send']);
    // The members unwind (in any interleaving) before the batch's own middleware does.
    expect(log.slice(6, 10).sort()).toEqual(['<m1', '<m2', '<r', '<r']);
    expect(log.slice(10)).toEqual(['<r']);
  });

  it('a member veto rejects the batch, sends nothing, and members already waiting see the veto', async () => {
    const seen: unknown[] = [];
    const observer: Middleware = async (_c, next) => next().catch((error: unknown) => { seen.push(error); throw error; });
    const veto = new QueryBuildError('vetoed');
    const send = jest.fn(async () => OUTCOME);
    const members = [{ chain: chainOf(observer), call: CALL }, { chain: chainOf(async () => { throw veto; }), call: CALL }];
    await expect(runBatchMiddleware([], CALL, members, send)).rejects.toBe(veto);
    expect(send).not.toHaveBeenCalled();
    expect(seen).toEqual([veto]);
  });

  it('a member error after next() rejects the batch after the send', async () => {
    const send = jest.fn(async () => OUTCOME);
    const late: Middleware = async (_c, next) => { await next(); throw new Error('after'); };
    await expect(runBatchMiddleware([], CALL, [{ chain: chainOf(late), call: CALL }], send)).rejects.toBeInstanceOf(MiddlewareError);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('StatementPipeline', () => {
  it('is inactive until something is registered, and again after every unsubscribe', () => {
    const pipeline = new StatementPipeline();
    expect(pipeline.active).toBe(false);
    const m: Middleware = async (_c, next) => next();
    const off1 = pipeline.use(m);
    const off2 = pipeline.use(m); // the same function twice: two registrations
    const off3 = pipeline.useFor(MODEL, m);
    expect(pipeline.chainFor(MODEL)).toHaveLength(3);
    off1();
    off1();
    expect(pipeline.chainFor(MODEL)).toHaveLength(2);
    off2();
    off3();
    expect(pipeline.active).toBe(false);
    expect(pipeline.chainFor(MODEL)).toHaveLength(0);
  });

  it('puts registry-wide middleware before the model ones whatever the registration order', () => {
    const pipeline = new StatementPipeline();
    const model1: Middleware = async (_c, next) => next();
    const wide: Middleware = async (_c, next) => next();
    const model2: Middleware = async (_c, next) => next();
    pipeline.useFor(MODEL, model1);
    pipeline.use(wide);
    pipeline.useFor(MODEL, model2);
    expect(pipeline.chainFor(MODEL).map((entry) => entry.run)).toEqual([wide, model1, model2]);
    expect(pipeline.chainFor({ kind: 'model' }).map((entry) => entry.run)).toEqual([wide]);
  });

  it('asks a model middleware for its middleware per model, by its own forModel only', () => {
    const pipeline = new StatementPipeline();
    const made: Middleware = async (_c, next) => next();
    const forModel = jest.fn(() => made);
    pipeline.useFor(MODEL, { forModel });
    expect(forModel).toHaveBeenCalledWith(MODEL);
    expect(pipeline.chainFor(MODEL).map((entry) => entry.run)).toEqual([made]);
    expect(() => pipeline.useFor(MODEL, Object.create({ forModel }))).toThrow(ConfigurationError);
    expect(() => pipeline.useFor(MODEL, { forModel: 'no' } as never)).toThrow(ConfigurationError);
    expect(() => pipeline.useFor(MODEL, { forModel: () => 'not a function' } as never)).toThrow(ConfigurationError);
    expect(() => pipeline.useFor(Object.create(MODEL), made)).toThrow(ConfigurationError);
    expect(() => pipeline.use(null as never)).toThrow(ConfigurationError);
    expect(() => pipeline.use({ run: made } as never)).toThrow(ConfigurationError);
    expect(pipeline.chainFor(MODEL)).toHaveLength(1);
  });

  it('keeps a running chain unchanged by later registrations', () => {
    const pipeline = new StatementPipeline();
    pipeline.use(async (_c, next) => next());
    const chain = pipeline.chainFor(undefined);
    pipeline.use(async (_c, next) => next());
    expect(chain).toHaveLength(1);
  });
});
