// The rows of a paged read a page at a time (what `for await (const rows of query.pages())`
// consumes): one promise per page instead of one per row, so a bulk reader pays the driver's page
// and nothing per row but the mapping. Pages come in order however next() is called: each call
// waits for the one before it. A page with no rows (the server may send one before the last) is
// skipped; the read starts at the first next().
import type { PagedRead } from './paged-read';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/** An AsyncIterator over the non-empty pages `open()` reads, each row through `mapRow`. */
export class PagedRowLists<R> implements AsyncIterableIterator<R[]> {
  readonly #open: () => PagedRead;
  readonly #mapRow: (row: unknown) => R;
  #pages: PagedRead | undefined;
  #done = false;
  #last: Promise<unknown> = Promise.resolve();

  constructor(open: () => PagedRead, mapRow: (row: unknown) => R) {
    this.#open = open;
    this.#mapRow = mapRow;
  }

  next(): Promise<IteratorResult<R[]>> {
    const result = this.#last.then(this.#step, this.#step);
    this.#last = result;
    return result;
  }

  /** Stops the read (`break` out of a for await): the connection is released. */
  return(): Promise<IteratorResult<R[]>> {
    this.#finish();
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  readonly #step = async (): Promise<IteratorResult<R[]>> => {
    try {
      while (!this.#done) {
        this.#pages ??= this.#open();
        const page = this.#pages.next();
        if (page === undefined) break;
        const rows = (await page).rows ?? [];
        if (this.#done) break;
        if (rows.length === 0) continue;
        const mapped = new Array<R>(rows.length);
        for (let i = 0; i < rows.length; i++) mapped[i] = this.#mapRow(rows[i]);
        return { value: mapped, done: false };
      }
    } catch (error) {
      this.#finish();
      throw error;
    }
    this.#finish();
    return DONE;
  };

  #finish(): void {
    this.#done = true;
    this.#pages?.close();
  }
}
