// The JS value of a CQL `duration`.

/**
 * A CQL duration: months, days and nanoseconds are kept apart because a month or a day
 * has no fixed length. All three have the same sign.
 */
export interface Duration {
  readonly months: number;
  readonly days: number;
  readonly nanoseconds: bigint;
}
