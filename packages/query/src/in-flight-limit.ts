// A cap on work in flight: bulk writes and scans take a slot before they send and give it back
// when the work settles, and wait for a slot when all are taken. That wait is the backpressure:
// the input is not read while the cap is reached, so memory stays bounded whatever its length.

/** At most `limit` units of work at once; `whenSlotFree()` / `whenIdle()` to wait. */
export class InFlightLimit {
  readonly limit: number;
  #inFlight = 0;
  #waiters: (() => void)[] = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves when fewer than `limit` units are in flight (undefined when one is free now: no await needed). */
  whenSlotFree(): Promise<void> | undefined {
    if (this.#inFlight < this.limit) return undefined;
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Resolves when nothing is in flight. */
  async whenIdle(): Promise<void> {
    while (this.#inFlight > 0) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Takes a slot (the caller checked whenSlotFree first). */
  take(): void {
    this.#inFlight += 1;
  }

  /** Gives a slot back and wakes the waiters (each checks again). */
  give(): void {
    this.#inFlight -= 1;
    const waiters = this.#waiters;
    if (waiters.length === 0) return;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
