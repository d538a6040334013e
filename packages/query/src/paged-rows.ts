// The rows of a paged read as an async iterator (what `for await` over a query and its stream()
// consume): the read starts at the first next(), each row is mapped when it is asked for, and a
// row already fetched is handed over in a resolved promise, with no generator between the page
// and the consumer.
import type { PagedRead } from './paged-read';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });
const NO_ROWS: readonly unknown[] = Object.freeze([]);

/** An AsyncIterator over the rows of the pages `open()` reads, each through `mapRow`. */
export class PagedRows<R> implements AsyncIterableIterator<R> {
  readonly #open: () => PagedRead;
  readonly #mapRow: (row: unknown) => R;
  #pages: PagedRead | undefined;
  #rows: readonly unknown[] = NO_ROWS;
  #index = 0;
  // A page being waited for: a next() called meanwhile waits for it too (calls are served in order).
  #waiting: Promise<IteratorResult<R>> | undefined;
  #done = false;

  constructor(open: () => PagedRead, mapRow: (row: unknown) => R) {
    this.#open = open;
    this.#mapRow = mapRow;
  }

  next(): Promise<IteratorResult<R>> {
    if (this.#done) return Promise.resolve(DONE);
    if (this.#index < this.#rows.length) {
      let value: R;
      try {
        value = this.#mapRow(this.#rows[this.#index++]);
      } catch (error) {
        this.#finish();
        return Promise.reject(error);
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#waiting !== undefined) return this.#waiting.then(this.#again, this.#again);
    return (this.#waiting = this.#nextPage());
  }

  /** Stops the read (`break` out of a for await, a destroyed stream): the connection is released. */
  return(): Promise<IteratorResult<R>> {
    this.#finish();
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  readonly #again = (): Promise<IteratorResult<R>> => this.next();

  #nextPage(): Promise<IteratorResult<R>> {
    let page;
    try {
      this.#pages ??= this.#open();
      page = this.#pages.next();
    } catch (error) {
      this.#finish();
      return Promise.reject(error);
    }
    if (page === undefined) {
      this.#finish();
      return Promise.resolve(DONE);
    }
    return page.then(
      (result) => {
        this.#waiting = undefined;
        if (this.#done) return DONE;
        this.#rows = result.rows ?? NO_ROWS;
        this.#index = 0;
        return this.next();
      },
      (error: unknown) => {
        this.#waiting = undefined;
        this.#finish();
        throw error;
      },
    );
  }

  #finish(): void {
    this.#done = true;
    this.#rows = NO_ROWS;
    this.#index = 0;
    this.#pages?.close();
  }
}
