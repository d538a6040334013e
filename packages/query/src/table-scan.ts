// A scan: the whole table (or what a where() on non-partition-key columns filters) read by token
// range, several ranges at once, each range paged and read from one of its replicas (scan-routing.ts).
// Rows come out as one async iterable, a range's rows in token order; checkpoint() says at any
// time what is left, down to the row of the page being delivered, and scan({ from }) resumes there.
// Pages wait in a queue of at most `concurrency` pages, and a range reader waits for room before
// it fetches the next: a slow consumer holds the reading back.
import type { Readable } from 'node:stream';
import { ConfigurationError, QueryBuildError, type ConnectionHold, type ResolvedTarget } from '@cassia/core';
import { isIntegerInRange, quoteIdentifier, quoteQualified, shareStatementOptions } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { compileStatement } from './compiler';
import { describeInput } from './describe-input';
import { mapRows, nextPageState, type StatementOptions } from './executor';
import { runRead } from './pipeline-run';
import { isOptionBag, ownCopy } from './own-properties';
import type { QueryContext } from './query-context';
import { selectNode } from './query-reads';
import { streamOf, type StreamOptions } from './query-stream';
import type { QueryState } from './query-state';
import { resolveTarget } from './resolve-target';
import { openCheckpoint, statementDigest, type ScanCheckpoint, type ScanRangeCheckpoint } from './scan-checkpoint';
import { routingKeysOf } from './scan-routing';
import type { ConditionNode } from './statement-node';
import { ringSpans, splitSpans, type RingClient, type TokenSpan } from './token-ring';

/** Options of `scan()`. */
export interface ScanOptions {
  /** Token ranges to cut the ring into, at least (default: the ring's ranges, and 4 per reader). */
  splits?: number;
  /** Ranges read at once (default: 4 per node, at most the number of ranges). */
  concurrency?: number;
  /** Resume from a checkpoint (or its JSON text) of the same scan: only what it had not delivered is read. */
  from?: ScanCheckpoint | string;
}

/** A scan of a table by token ranges: iterate it once (`for await`, or `pages()`), or `stream()` it. */
export interface Scan<R> extends AsyncIterable<R> {
  /**
   * What is left to read, as JSON-serializable data for `scan({ from })`: every row delivered so
   * far is behind it. QueryBuildError before the first row was asked for.
   */
  checkpoint(): ScanCheckpoint;
  /** The rows as a Node Readable in object mode (backpressure honoured); instead of iterating. */
  stream(options?: StreamOptions): Readable;
  /**
   * The rows a page at a time, instead of iterating rows: each non-empty page of each range as it
   * arrives (`fetchSize()` rows at most; ranges interleave). A checkpoint taken after a page was
   * handed over is past every row of it.
   */
  pages(): AsyncIterableIterator<R[]>;
}

// Cassandra's default page size, made explicit so that a checkpoint knows its pages.
const DEFAULT_FETCH_SIZE = 5000;
const SCAN_OPTION_KEYS = ['splits', 'concurrency', 'from'];

// A range being read: its tokens, routing, and how far its rows have been delivered.
interface RangeProgress {
  readonly start: bigint;
  readonly end: bigint;
  routingKey: Buffer | undefined;
  /** Paging state of the page being delivered (undefined: the range's first page). */
  pageState: string | undefined;
  /** Rows of that page delivered. */
  delivered: number;
  /** That page is the range's last, and it has `pageRows` rows. */
  lastPage: boolean;
  pageRows: number;
}

// A page fetched for a range, waiting to be delivered from row `from` on.
interface FetchedPage<R> {
  readonly range: RangeProgress;
  readonly pageState: string | undefined;
  readonly rows: R[];
  readonly from: number;
  readonly last: boolean;
}

// The pages the range readers fetched: next() waits for one (undefined once every range is read;
// a reader's failure is thrown), stop() ends the reading and waits for the readers.
interface PageFeed<R> {
  next(): Promise<FetchedPage<R> | undefined>;
  stop(): Promise<void>;
}

/** The Scan that `query(M).scan()` makes. */
export class TableScan<R> implements Scan<R> {
  readonly #model: AnyModel;
  readonly #context: QueryContext;
  readonly #state: QueryState;
  readonly #where: readonly ConditionNode[];
  readonly #options: { splits: number | undefined; concurrency: number | undefined; from: unknown };
  #started = false;
  #ranges: RangeProgress[] | undefined;
  #statement = '';
  #fetchSize = DEFAULT_FETCH_SIZE;
  #rangesDoneBefore = 0;

  constructor(model: AnyModel, context: QueryContext, state: QueryState, where: readonly ConditionNode[], options: unknown) {
    checkScannable(model, state, where);
    this.#model = model;
    this.#context = context;
    this.#state = state;
    this.#where = where;
    this.#options = checkScanOptions(options);
  }

  checkpoint(): ScanCheckpoint {
    const ranges = this.#ranges;
    if (ranges === undefined) throw new QueryBuildError('checkpoint(): this scan has not started; iterate it first.');
    const remaining: ScanRangeCheckpoint[] = [];
    let done = this.#rangesDoneBefore;
    for (const range of ranges) {
      if (range.lastPage && range.delivered >= range.pageRows) {
        done += 1;
        continue;
      }
      const entry: { start: string; end: string; pageState?: string; skip?: number } = { start: range.start.toString(), end: range.end.toString() };
      if (range.pageState !== undefined) entry.pageState = range.pageState;
      if (range.delivered > 0) entry.skip = range.delivered;
      remaining.push(entry);
    }
    return { version: 1, statement: this.#statement, fetchSize: this.#fetchSize, rangesDone: done, remaining };
  }

  stream(options?: StreamOptions): Readable {
    return streamOf(this, options, 'scan().stream()');
  }

  [Symbol.asyncIterator](): AsyncIterator<R> {
    this.#begin();
    return this.#rows();
  }

  pages(): AsyncIterableIterator<R[]> {
    this.#begin();
    return this.#rowLists();
  }

  #begin(): void {
    if (this.#started) throw new QueryBuildError('A scan runs once; call query(...).scan() again (with { from: checkpoint } to resume).');
    this.#started = true;
  }

  // Rows go out of this one generator (a generator per row costs; one per page does not).
  async *#rows(): AsyncGenerator<R> {
    for await (const page of this.#fetchedPages()) {
      const { range, rows } = page;
      for (let i = page.from; i < rows.length; i++) {
        // Counted before the row is handed over: once the consumer has it, a checkpoint is past it.
        range.delivered = i + 1;
        yield rows[i];
      }
    }
  }

  async *#rowLists(): AsyncGenerator<R[]> {
    for await (const page of this.#fetchedPages()) {
      const { range, rows } = page;
      if (page.from >= rows.length) continue;
      // Counted before the page is handed over, as a row is.
      range.delivered = rows.length;
      yield page.from === 0 ? rows : rows.slice(page.from);
    }
  }

  // The pages the range readers fetch, in arrival order, each range's progress set to the page's
  // start as it is handed on; the connection is held from the first page until the generator ends.
  async *#fetchedPages(): AsyncGenerator<FetchedPage<R>> {
    const model = this.#model;
    const target = resolveTarget(model, this.#context);
    const hold: ConnectionHold = target.connection.hold();
    let feed: PageFeed<R> | undefined;
    try {
      const client = (await target.connection.getClient()) as unknown as RingClient;
      const compiled = compileStatement(selectNode(model, this.#state, this.#where, target.keyspace, undefined, false));
      const { cql, tokenAt } = withTokenRange(compiled.cql, model, target.keyspace);
      this.#statement = statementDigest(cql, compiled.params);
      this.#fetchSize = this.#state.options.fetchSize ?? DEFAULT_FETCH_SIZE;
      const ring = ringSpans(client);
      const concurrency = this.#options.concurrency ?? Math.max(1, Math.min(ring.length, 4 * Math.max(1, client.hosts.length)));
      const ranges = this.#plan(ring, concurrency);
      const keys = routingKeysOf(client, target.keyspace, ranges.map((range) => ({ start: range.start, end: range.end, ringToken: ringTokenOf(ring, range.end) })));
      ranges.forEach((range, i) => (range.routingKey = keys[i]));
      this.#ranges = ranges;
      feed = this.#feed(target, ranges, cql, compiled.params, tokenAt, concurrency);
      for (let page = await feed.next(); page !== undefined; page = await feed.next()) {
        const { range } = page;
        range.pageState = page.pageState;
        range.delivered = page.from;
        range.lastPage = page.last;
        range.pageRows = page.rows.length;
        yield page;
      }
    } finally {
      try {
        await feed?.stop();
      } finally {
        hold.release();
      }
    }
  }

  // The ranges to read: the checkpoint's, else the ring split into `splits` (at least 4 per reader).
  #plan(ring: readonly TokenSpan[], concurrency: number): RangeProgress[] {
    const fresh = (start: bigint, end: bigint, pageState: string | undefined, skip: number): RangeProgress => ({
      start, end, routingKey: undefined, pageState, delivered: skip, lastPage: false, pageRows: 0,
    });
    if (this.#options.from !== undefined) {
      const opened = openCheckpoint(this.#options.from, this.#statement, this.#fetchSize);
      this.#rangesDoneBefore = opened.rangesDone;
      return opened.ranges.map((range) => fresh(range.start, range.end, range.pageState, range.skip));
    }
    const splits = this.#options.splits ?? Math.max(ring.length, 4 * concurrency);
    return splitSpans(ring, splits).map((span) => fresh(span.start, span.end, undefined, 0));
  }

  // Starts the range readers; their pages come out of next() in the order they arrived.
  #feed(target: ResolvedTarget, ranges: RangeProgress[], cql: string, params: readonly unknown[], tokenAt: number, concurrency: number): PageFeed<R> {
    const model = this.#model;
    const queue: FetchedPage<R>[] = [];
    let failure: { error: unknown } | undefined;
    let stopped = false;
    let wakeConsumer: (() => void) | undefined;
    let roomWaiters: (() => void)[] = [];
    const wake = (): void => {
      const resolve = wakeConsumer;
      wakeConsumer = undefined;
      resolve?.();
    };
    const makeRoom = (): void => {
      const waiters = roomWaiters;
      roomWaiters = [];
      for (const resolve of waiters) resolve();
    };
    const baseOptions = ownCopy(this.#state.options) as StatementOptions & { fetchSize?: number; routingKey?: Buffer };
    baseOptions.fetchSize = this.#fetchSize;
    const optionsByKey = new Map<Buffer | undefined, StatementOptions>();
    const optionsFor = (routingKey: Buffer | undefined): StatementOptions => {
      let options = optionsByKey.get(routingKey);
      if (options === undefined) {
        const copy = ownCopy(baseOptions);
        if (routingKey !== undefined) copy.routingKey = routingKey;
        options = shareStatementOptions(copy);
        optionsByKey.set(routingKey, options);
      }
      return options;
    };

    const readRange = async (range: RangeProgress): Promise<void> => {
      let pageState = range.pageState;
      let skip = range.delivered;
      const bound = [...params];
      bound.splice(tokenAt, 0, range.start, range.end);
      // Middleware see each page, numbered within its token range.
      let page = 0;
      do {
        while (queue.length >= concurrency && !stopped) await new Promise<void>((resolve) => roomWaiters.push(resolve));
        if (stopped) return;
        // The driver is handed a params list of its own for every page.
        const result = await runRead(model, target, { cql, params: [...bound], safety: 'read' }, optionsFor(range.routingKey), this.#state, pageState, ++page);
        if (stopped) return;
        const rows = mapRows<R>(model, result);
        const next = nextPageState(result);
        queue.push({ range, pageState, rows, from: Math.min(skip, rows.length), last: next === undefined });
        wake();
        skip = 0;
        pageState = next;
      } while (pageState !== undefined);
    };

    let nextRange = 0;
    const reader = async (): Promise<void> => {
      while (!stopped && nextRange < ranges.length) await readRange(ranges[nextRange++]);
    };
    let readersDone = false;
    const readers = Promise.all(Array.from({ length: Math.min(concurrency, ranges.length) }, reader)).then(
      () => {
        readersDone = true;
        wake();
      },
      (error: unknown) => {
        failure = { error };
        stopped = true;
        readersDone = true;
        makeRoom();
        wake();
      },
    );
    return {
      next: async () => {
        for (;;) {
          const page = queue.shift();
          if (page !== undefined) {
            makeRoom();
            return page;
          }
          if (failure !== undefined) throw failure.error;
          if (readersDone) return undefined;
          await new Promise<void>((resolve) => (wakeConsumer = resolve));
        }
      },
      stop: async () => {
        stopped = true;
        makeRoom();
        await readers;
      },
    };
  }
}

// The scan's SELECT with `token(pk) > ? AND token(pk) <= ?` put first in its WHERE, and where in
// the bound values the two tokens go (after any values bound before the WHERE). Identifiers are
// quoted names, which hold no `?` and appear once after FROM, so the text is found exactly.
function withTokenRange(cql: string, model: AnyModel, keyspace: string): { cql: string; tokenAt: number } {
  const from = ` FROM ${quoteQualified(keyspace, model.table)}`;
  const found = cql.indexOf(from);
  if (found < 0) throw new QueryBuildError(`scan(): cannot place the token range in ${describeInput(cql)}.`);
  const at = found + from.length;
  const key = model.partitionKey.map((property) => quoteIdentifier(model.dbNames[property])).join(', ');
  const range = `token(${key}) > ? AND token(${key}) <= ?`;
  const head = cql.slice(0, at);
  const rest = cql.slice(at);
  const text = rest.startsWith(' WHERE ') ? `${head} WHERE ${range} AND ${rest.slice(' WHERE '.length)}` : `${head} WHERE ${range}${rest}`;
  return { cql: text, tokenAt: head.split('?').length - 1 };
}

// The ring token whose replicas hold `end`: the end of the ring span containing it.
function ringTokenOf(ring: readonly TokenSpan[], end: bigint): TokenSpan['ringToken'] {
  for (const span of ring) if (end > span.start && end <= span.end) return span.ringToken;
  return undefined;
}

// A scan reads every partition by token: a restriction on the partition key (or a token) would
// contradict its ranges, and ORDER BY or LIMIT have no meaning across ranges.
function checkScannable(model: AnyModel, state: QueryState, where: readonly ConditionNode[]): void {
  const partitionNames = new Set(model.partitionKey.map((property) => model.dbNames[property]));
  for (const condition of where) {
    if (condition.kind === 'token') throw new QueryBuildError('scan() reads by token ranges itself; drop whereToken().');
    if (partitionNames.has(condition.column)) {
      throw new QueryBuildError(
        `scan() reads every partition; where() on the partition key column "${model.propertyNames[condition.column]}" selects partitions: read those with a plain query instead.`,
      );
    }
  }
  if (state.orderBy.length > 0) throw new QueryBuildError('scan() reads ranges in parallel, in no overall order; drop orderBy().');
  if (state.limit !== undefined) throw new QueryBuildError('scan() reads the whole table; drop limit() (stop iterating to stop early).');
}

function checkScanOptions(given: unknown): { splits: number | undefined; concurrency: number | undefined; from: unknown } {
  const options = given ?? {};
  if (!isOptionBag(options)) throw new ConfigurationError(`scan() takes an options object { splits?, concurrency?, from? }, got ${describeInput(given)}.`);
  const unknown = Object.keys(options).filter((key) => !SCAN_OPTION_KEYS.includes(key));
  if (unknown.length > 0) throw new ConfigurationError(`Unknown scan() option(s) ${unknown.map(describeInput).join(', ')}: use ${SCAN_OPTION_KEYS.join(', ')}.`);
  const copy = ownCopy(options as ScanOptions);
  const count = (value: unknown, what: string, max: number): number | undefined => {
    if (value === undefined) return undefined;
    if (!isIntegerInRange(value, 1, max)) throw new ConfigurationError(`scan(): ${what} must be a whole number from 1 to ${max}, got ${describeInput(value)}.`);
    return value;
  };
  if (copy.from !== undefined && typeof copy.from !== 'string' && !isOptionBag(copy.from)) {
    throw new ConfigurationError('scan(): from must be a checkpoint that scan().checkpoint() returned, or its JSON text.');
  }
  return { splits: count(copy.splits, 'splits', 1 << 20), concurrency: count(copy.concurrency, 'concurrency', 1024), from: copy.from };
}
