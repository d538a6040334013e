// A registry's middleware (registry-wide and per model) and the runner of a chain around one
// statement's send. While nothing is registered `active` is false and callers build nothing.
import type { ResultSet } from './connection';
import { describeValue, escapeInput } from './describe-value';
import { CassiaError } from './errors/cassia-error';
import { ConfigurationError } from './errors/configuration-error';
import { MiddlewareError } from './errors/middleware-error';
import type { Middleware, ModelMiddleware, StatementCall, StatementOutcome, Unsubscribe } from './middleware';
import { ownValue } from './own-properties';

/** One registration: the same function registered twice is two registrations. */
export interface MiddlewareEntry {
  readonly run: Middleware;
}

const NO_ENTRIES: readonly MiddlewareEntry[] = Object.freeze([]);
// A middleware's own error message is echoed cut to this length.
const MAX_MESSAGE = 300;

/**
 * The middleware of one registry. Lists are replaced, never changed in place, so a chain already
 * running keeps the list it started with. Order: registry middleware (registration order) wrap
 * the model's middleware (registration order), which wrap the send.
 */
export class StatementPipeline {
  #registryWide: readonly MiddlewareEntry[] = NO_ENTRIES;
  readonly #byModel = new WeakMap<object, readonly MiddlewareEntry[]>();
  // Registry-wide + model's, per model, made at first use after a change.
  #chains = new WeakMap<object, readonly MiddlewareEntry[]>();
  #count = 0;

  /** Whether any middleware is registered (when false, statements are sent as they are). */
  get active(): boolean {
    return this.#count !== 0;
  }

  /** Registers a middleware for every statement of the registry; returns its unsubscribe. */
  use(middleware: Middleware): Unsubscribe {
    const entry = entryOf(middleware, 'use(middleware)');
    this.#registryWide = [...this.#registryWide, entry];
    this.#changed(1);
    return once(() => {
      const index = this.#registryWide.indexOf(entry);
      if (index < 0) return;
      this.#registryWide = this.#registryWide.filter((_, i) => i !== index);
      this.#changed(-1);
    });
  }

  /**
   * Registers a middleware for the statements of one model (a ModelMiddleware is asked for its
   * middleware for the model first, and may refuse it with a typed error); returns its unsubscribe.
   */
  useFor(model: object, middleware: Middleware | ModelMiddleware): Unsubscribe {
    if (typeof model !== 'object' || model === null || ownValue(model, 'kind') !== 'model') {
      throw new ConfigurationError(`use(Model, middleware) needs a model made by defineModel, got ${describeValue(model)}.`);
    }
    const entry = entryOf(resolveModelMiddleware(model, middleware), 'use(Model, middleware)');
    this.#byModel.set(model, [...(this.#byModel.get(model) ?? NO_ENTRIES), entry]);
    this.#changed(1);
    return once(() => {
      const list = this.#byModel.get(model) ?? NO_ENTRIES;
      const index = list.indexOf(entry);
      if (index < 0) return;
      this.#byModel.set(model, list.filter((_, i) => i !== index));
      this.#changed(-1);
    });
  }

  /** The chain for a statement of `model` (registry-wide first), or the registry-wide one for none. */
  chainFor(model: object | undefined): readonly MiddlewareEntry[] {
    if (model === undefined) return this.#registryWide;
    let chain = this.#chains.get(model);
    if (chain === undefined) {
      const own = this.#byModel.get(model);
      chain = own === undefined || own.length === 0 ? this.#registryWide : [...this.#registryWide, ...own];
      this.#chains.set(model, chain);
    }
    return chain;
  }

  #changed(by: number): void {
    this.#count += by;
    this.#chains = new WeakMap();
  }
}

// A function, or an object whose own `forModel` makes one: anything else is a ConfigurationError.
function resolveModelMiddleware(model: object, middleware: unknown): Middleware {
  if (typeof middleware === 'function') return middleware as Middleware;
  if (typeof middleware === 'object' && middleware !== null) {
    const forModel = ownValue(middleware, 'forModel');
    if (typeof forModel === 'function') return (forModel as ModelMiddleware['forModel']).call(middleware, model);
  }
  throw new ConfigurationError(
    `use(Model, middleware) takes a function (statement, next) => ... or an object with its own forModel(model) method, got ${describeValue(middleware)}.`,
  );
}

function entryOf(middleware: unknown, what: string): MiddlewareEntry {
  if (typeof middleware !== 'function') {
    throw new ConfigurationError(`${what} takes a function (statement, next) => Promise<outcome>, got ${describeValue(middleware)}.`);
  }
  return Object.freeze({ run: middleware as Middleware });
}

function once(fn: () => void): Unsubscribe {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

const ignore = (): void => undefined;

/**
 * Runs `chain` around `send` for one statement (Koa's compose). Resolves to the send's outcome
 * once every middleware has returned; rejects with the first error a middleware threw (a
 * non-Cassia one wrapped in MiddlewareError), or with the send's error even when a middleware
 * swallowed it. A middleware that returns without calling `next()` rejects with MiddlewareError
 * and nothing is sent.
 */
export function runMiddleware(chain: readonly MiddlewareEntry[], call: StatementCall, send: () => Promise<StatementOutcome>): Promise<StatementOutcome> {
  let sent: Promise<StatementOutcome> | undefined;
  const dispatch = (index: number): Promise<StatementOutcome> => {
    if (index === chain.length) {
      try {
        sent = send();
      } catch (error) {
        sent = Promise.reject(error);
      }
      // Handled here as well: a middleware may call next() without awaiting it.
      sent.catch(ignore);
      return sent;
    }
    let called = false;
    const next = (): Promise<StatementOutcome> => {
      if (called) return Promise.reject(new MiddlewareError('A middleware called next() more than once; call it once per statement.'));
      called = true;
      return dispatch(index + 1);
    };
    let returned: Promise<StatementOutcome>;
    try {
      returned = Promise.resolve(chain[index].run(call, next));
    } catch (error) {
      return Promise.reject(asCassiaError(error));
    }
    return returned.then(
      (outcome) => {
        if (!called) {
          throw new MiddlewareError('A middleware returned without calling next(): the statement was not sent. Call next() once, or throw to veto.');
        }
        return outcome;
      },
      (error: unknown) => {
        throw asCassiaError(error);
      },
    );
  };
  // The caller gets the send's own outcome (or error), whatever a middleware returned.
  return dispatch(0).then(() => sent!);
}

/** A CassiaError as it is; anything else thrown by a middleware wrapped in MiddlewareError. */
export function asCassiaError(error: unknown): CassiaError {
  if (error instanceof CassiaError) return error;
  const message = error instanceof Error ? escapeInput(error.message, MAX_MESSAGE) : describeValue(error);
  return new MiddlewareError(`A middleware failed: ${message}`, { cause: error });
}

/** The outcome of a driver result (no values: counts, flags and the driver's execution info). */
export function outcomeOf(result: ResultSet, conditional: boolean): StatementOutcome {
  const rows = result.rows;
  const info = result.info as
    | { queriedHost?: string; triedHosts?: Record<string, unknown>; speculativeExecutions?: number; traceId?: { toString(): string } | null }
    | undefined;
  const tried = info?.triedHosts === undefined ? 0 : Object.keys(info.triedHosts).length;
  const queriedHost = info?.queriedHost ?? undefined;
  const first = rows?.[0] as Record<string, unknown> | undefined;
  const appliedColumn = first?.['[applied]'];
  const pageState = result.pageState as unknown;
  return Object.freeze({
    rows: rows === undefined ? 0 : rows.length,
    applied: typeof appliedColumn === 'boolean' ? appliedColumn : conditional ? true : undefined,
    hasMorePages: pageState !== undefined && pageState !== null && pageState !== '',
    queriedHost,
    // The hosts tried before the one that answered, plus that one.
    triedHosts: queriedHost !== undefined && info?.triedHosts !== undefined && !(queriedHost in info.triedHosts) ? tried + 1 : Math.max(tried, 1),
    speculativeExecutions: info?.speculativeExecutions ?? 0,
    traceId: info?.traceId === undefined || info.traceId === null ? undefined : info.traceId.toString(),
  });
}

/** A statement of a batch with the chain it runs (registry-wide and its model's). */
export interface BatchMember {
  readonly chain: readonly MiddlewareEntry[];
  readonly call: StatementCall;
}

/**
 * Runs a batch's chain around its members' chains around the send: the batch's middleware first
 * (outermost), then, inside its `next()`, each member's chain in order until it calls `next()`,
 * then the one send; every member's `next()` then resolves (or rejects) with the batch's outcome.
 * A member that vetoes rejects the batch, nothing is sent, and the members already waiting see
 * the veto as their error. A member's error after `next()` rejects the batch too.
 */
export function runBatchMiddleware(
  chain: readonly MiddlewareEntry[],
  call: StatementCall,
  members: readonly BatchMember[],
  send: () => Promise<StatementOutcome>,
): Promise<StatementOutcome> {
  return runMiddleware(chain, call, async () => {
    const waiting: { resolve: (outcome: StatementOutcome) => void; reject: (error: unknown) => void; done: Promise<StatementOutcome> }[] = [];
    const failAll = async (error: unknown): Promise<never> => {
      for (const member of waiting) member.reject(error);
      await Promise.allSettled(waiting.map((member) => member.done));
      throw error;
    };
    try {
      for (const member of members) {
        let entered!: () => void;
        const gate = new Promise<void>((resolve) => (entered = resolve));
        let resolve!: (outcome: StatementOutcome) => void;
        let reject!: (error: unknown) => void;
        const outcome = new Promise<StatementOutcome>((res, rej) => ((resolve = res), (reject = rej)));
        outcome.catch(ignore);
        const done = runMiddleware(member.chain, member.call, () => {
          entered();
          return outcome;
        });
        done.catch(ignore);
        waiting.push({ resolve, reject, done });
        // On to the next member once this one waits in next(); its veto rejects here.
        await Promise.race([gate, done]);
      }
    } catch (error) {
      return failAll(error);
    }
    let outcome: StatementOutcome;
    try {
      outcome = await send();
    } catch (error) {
      return failAll(error);
    }
    for (const member of waiting) member.resolve(outcome);
    const settled = await Promise.allSettled(waiting.map((member) => member.done));
    for (const result of settled) if (result.status === 'rejected') throw result.reason;
    return outcome;
  });
}
