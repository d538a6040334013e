// The pages of one read on its resolved target, one page read ahead: when a page arrives with
// more to come, the next is requested at once, so the server reads it while the caller maps this
// one (at most two pages are held). The target's connection is held from the first request until
// close(): a replaced or unregistered connection drains instead of closing under later pages.
import type { ConnectionHold, ResolvedTarget, ResultSet } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import type { RunnableStatement } from './compiler';
import { nextPageState } from './executor';
import { runRead } from './pipeline-run';
import type { QueryState } from './query-state';

/** A read's pages in order; close() when done with them (also after an error or an early stop). */
export class PagedRead {
  readonly #model: AnyModel;
  readonly #target: ResolvedTarget;
  readonly #statement: RunnableStatement;
  readonly #state: QueryState;
  readonly #hold: ConnectionHold;
  #ahead: Promise<ResultSet> | undefined;
  #closed = false;
  // The number of the last page requested (middleware see each page as a call of its own).
  #page = 0;

  /** Takes the hold and requests the first page (at `pageState`, else the read's start). */
  constructor(model: AnyModel, target: ResolvedTarget, statement: RunnableStatement, state: QueryState, pageState?: string) {
    this.#model = model;
    this.#target = target;
    this.#statement = statement;
    this.#state = state;
    this.#hold = target.connection.hold();
    this.#ahead = this.#request(pageState);
  }

  /** The next page's result (the following one is then requested as soon as it arrives); undefined after the last. */
  next(): Promise<ResultSet> | undefined {
    const page = this.#ahead;
    this.#ahead = undefined;
    return page?.then((result) => {
      const pageState = nextPageState(result);
      if (pageState !== undefined && !this.#closed) this.#ahead = this.#request(pageState);
      return result;
    });
  }

  /** Releases the connection; a page requested ahead and never taken is dropped. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#ahead = undefined;
    this.#hold.release();
  }

  #request(pageState: string | undefined): Promise<ResultSet> {
    const { cql, params, safety } = this.#statement;
    // The driver is handed a params list of its own for every page.
    const page = runRead(this.#model, this.#target, { cql, params: [...params], safety }, this.#state.options, this.#state, pageState, ++this.#page);
    // A page read ahead of a consumer that stops early is never awaited: its failure is not unhandled.
    page.catch(ignore);
    return page;
  }
}

function ignore(): void {}
