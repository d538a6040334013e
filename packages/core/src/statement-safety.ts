// What a statement builder knows about a statement that the driver and the error wrapping need:
// whether it only reads, and whether running a write twice leaves the same data as running it once.

/**
 * How safe a statement is to send again, worked out by the builder that made it:
 * - `'read'`: a SELECT (idempotent, changes nothing);
 * - `'idempotent-write'`: a write whose second run changes nothing more (plain values, set add and
 *   remove, map put and key removal, list remove and set-at-index, deletes);
 * - `'non-idempotent-write'`: counter increments and decrements, list append and prepend;
 * - `'conditional-write'`: a lightweight transaction (IF ..., IF EXISTS, IF NOT EXISTS).
 */
export type StatementSafety = 'read' | 'idempotent-write' | 'non-idempotent-write' | 'conditional-write';

/** Whether the driver may retry a statement of this safety, or send it speculatively. */
export function isIdempotentSafety(safety: StatementSafety): boolean {
  return safety === 'read' || safety === 'idempotent-write';
}
