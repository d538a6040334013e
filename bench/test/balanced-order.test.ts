// The throughput cells' run order: every implementation in every position, and after every other
// one, equally often.
import { balancedOrder, williamsOrders } from '../src/balanced-order';

// How often b runs directly after a, over the given orders.
function followCounts(orders: readonly (readonly number[])[], n: number): number[][] {
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const order of orders) for (let i = 1; i < order.length; i++) counts[order[i - 1]][order[i]]++;
  return counts;
}

describe('williamsOrders', () => {
  it.each([1, 2, 3, 4, 5, 6])('n = %i: each order is a permutation, each item in each position and after each other item equally often', (n) => {
    const orders = williamsOrders(n);
    expect(orders).toHaveLength(n % 2 === 0 ? n : 2 * n);
    for (const order of orders) expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (let position = 0; position < n; position++) {
      const counts = new Array<number>(n).fill(0);
      for (const order of orders) counts[order[position]]++;
      expect(new Set(counts).size).toBe(1);
    }
    const follows = followCounts(orders, n);
    const offDiagonal = follows.flatMap((row, a) => row.filter((_, b) => a !== b));
    expect(new Set(offDiagonal.length === 0 ? [0] : offDiagonal).size).toBe(1);
    follows.forEach((row, a) => expect(row[a]).toBe(0));
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => williamsOrders(0)).toThrow('positive integer');
    expect(() => williamsOrders(2.5)).toThrow('positive integer');
  });
});

describe('balancedOrder', () => {
  it('cycles through the design, cell by cell', () => {
    const peers = ['cassia', 'raw', 'mapper', 'express'];
    expect(balancedOrder(peers, 0)).toEqual(['cassia', 'raw', 'express', 'mapper']);
    expect(balancedOrder(peers, 1)).toEqual(['raw', 'mapper', 'cassia', 'express']);
    expect(balancedOrder(peers, 4)).toEqual(balancedOrder(peers, 0));
    // The old rotation always ran express-cassandra right before Cassia; here Cassia follows each other peer once per 4 cells.
    const before = (cell: number) => {
      const order = balancedOrder(peers, cell);
      const at = order.indexOf('cassia');
      return at === 0 ? undefined : order[at - 1];
    };
    expect([0, 1, 2, 3].map(before).filter((peer) => peer !== undefined).sort()).toEqual(['express', 'mapper', 'raw']);
  });
});
