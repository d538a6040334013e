// The order implementations run in within a cell. Whatever runs just before an implementation can
// slow it down (the driver's code re-optimised after another library's calls, the server still
// busy with the last cell's work), so no implementation may always follow the same other one.
// A Williams design (a balanced Latin square) cycles through orders in which, over every n
// consecutive cells, each implementation runs in each position once and directly follows each
// other implementation equally often.

/** The orders of a Williams design for `n` items: indices, one order per row. */
export function williamsOrders(n: number): number[][] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`williamsOrders needs a positive integer, got ${n}`);
  // First row 0, 1, n-1, 2, n-2, ...; every other row adds its index (mod n).
  const first: number[] = [0];
  for (let step = 1; first.length < n; step++) {
    first.push(step);
    if (first.length < n) first.push(n - step);
  }
  const rows = first.map((_, row) => first.map((item) => (item + row) % n));
  // An odd n needs each row reversed as well to balance who follows whom.
  return n % 2 === 0 ? rows : [...rows, ...rows.map((row) => [...row].reverse())];
}

/** `items` in the order for cell number `cell` (counting every cell of a run). */
export function balancedOrder<T>(items: readonly T[], cell: number): T[] {
  const orders = williamsOrders(items.length);
  return orders[cell % orders.length].map((index) => items[index]);
}
