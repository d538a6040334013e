// The writes of a bulk load waiting to be sent, grouped by partition: rows of one partition go
// together as an UNLOGGED single-partition batch (one mutation on the replicas) as long as their
// estimated bytes stay under the budget, and any other row alone. The buffer holds a bounded
// number of rows: past it, the oldest group is sent as it is, so memory stays flat.
import type { StatementSafety } from '@cassia/core/internal';

/** One row's write, compiled. */
export interface PendingWrite {
  /** Position of the row in the input. */
  readonly index: number;
  readonly cql: string;
  readonly params: unknown[];
  /** How safe the write is to send twice, as the compiler worked it out. */
  readonly safety: StatementSafety;
  /** Estimated bytes (bound-value-bytes.ts). */
  readonly bytes: number;
}

/** Writes of one partition, sent together. */
export interface PartitionGroup {
  readonly writes: PendingWrite[];
  bytes: number;
}

/** Open groups by partition key text, oldest first (a Map keeps insertion order). */
export class PartitionGroups {
  readonly #budgetBytes: number;
  readonly #groups = new Map<string, PartitionGroup>();
  #rows = 0;

  constructor(budgetBytes: number) {
    this.#budgetBytes = budgetBytes;
  }

  /** Rows waiting in open groups. */
  get bufferedRows(): number {
    return this.#rows;
  }

  /**
   * Adds a write to its partition's group; returns that group, closed, when the write would take
   * it past the budget (the write then opens the partition's next group).
   */
  add(partition: string, write: PendingWrite): PartitionGroup | undefined {
    const open = this.#groups.get(partition);
    this.#rows += 1;
    if (open === undefined) {
      this.#groups.set(partition, { writes: [write], bytes: write.bytes });
      return undefined;
    }
    if (open.bytes + write.bytes <= this.#budgetBytes) {
      open.writes.push(write);
      open.bytes += write.bytes;
      return undefined;
    }
    // Re-inserted, so the partition's new group counts as the newest.
    this.#groups.delete(partition);
    this.#groups.set(partition, { writes: [write], bytes: write.bytes });
    this.#rows -= open.writes.length;
    return open;
  }

  /** Removes and returns the oldest open group. */
  takeOldest(): PartitionGroup | undefined {
    const first = this.#groups.entries().next();
    if (first.done === true) return undefined;
    this.#groups.delete(first.value[0]);
    this.#rows -= first.value[1].writes.length;
    return first.value[1];
  }
}
