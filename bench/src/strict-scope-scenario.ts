// What a strict tenant scope costs per statement, on the stub client of scenario 1b (no network):
// a tenant model (no keyspace of its own) inserted and read by key in a plain tenant scope and in
// a strict one on the same keyspace, the loads taking turns per round. Two ways: `held`, every
// statement inside one long scope (`withConnection` vs `withStrictScope`: the route check alone),
// and `per statement`, `tenantScope(…).run(tenant, …)` for each statement with `strict: false` vs
// the default strict (the check plus the scope, what a one-statement request pays).
import { ConnectionRegistry } from '@cassia/core';
import { query, tenantScope, withStrictScope } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { benchRows, BENCH_TABLE } from './bench-table';
import { runFor, type Operation } from './load-loop';
import type { Progress } from './progress';
import { summarize, type Summary } from './stats';
import { stubClient } from './stub-client';

const CONCURRENCY = 64;
const KEYSPACE = 'tenant_stub';

/** How statements are scoped: held inside one scope, or a scope per statement. */
export const STRICT_SCOPE_WAYS = ['held', 'perStatement'] as const;
export type StrictScopeWay = (typeof STRICT_SCOPE_WAYS)[number];
export const STRICT_SCOPE_OPERATIONS = ['insert', 'select'] as const;
export type StrictScopeOperation = (typeof STRICT_SCOPE_OPERATIONS)[number];

/** CPU ns per statement in a plain scope and in a strict one, and strict/plain per round. */
export interface StrictScopeFigure {
  readonly plainNanos: Summary;
  readonly strictNanos: Summary;
  readonly strictOverPlain: Summary;
}

export type StrictScopeResults = Record<StrictScopeWay, Record<StrictScopeOperation, StrictScopeFigure>>;

/** Measures `rounds` rounds of `cellMs` per load after a warm-up of `warmupMs` per load. */
export async function runStrictScopeOverhead(rounds: number, cellMs: number, warmupMs: number, progress: Progress): Promise<StrictScopeResults> {
  const rows = benchRows(10_000);
  const registry = new ConnectionRegistry();
  await registry.registerConnection('stub', { client: stubClient(rows[0]), default: true });
  const Tenant = defineModel({
    table: BENCH_TABLE,
    columns: { id: t.int(), name: t.text(), city: t.text(), age: t.int(), score: t.int() },
    partitionKey: 'id',
  });
  const statement: Record<StrictScopeOperation, Operation> = {
    insert: (i) => query(Tenant, { registry }).create(rows[i % rows.length]),
    select: (i) => query(Tenant, { registry }).where({ id: i % rows.length }).get(),
  };
  const target = { connection: 'stub', keyspace: KEYSPACE };
  const tenants = { plain: tenantScope(() => target, { strict: false, registry }), strict: tenantScope(() => target, { registry }) };
  const scopes = {
    held: {
      plain: <T>(fn: () => Promise<T>) => registry.withConnection(target, fn),
      strict: <T>(fn: () => Promise<T>) => withStrictScope(target, fn, { registry }),
    },
    perStatement: {
      plain: <T>(fn: () => Promise<T>) => tenants.plain.run('tenant-1', fn),
      strict: <T>(fn: () => Promise<T>) => tenants.strict.run('tenant-1', fn),
    },
  };
  // Held runs the whole timed loop inside one scope; per statement opens one around each.
  const measure = async (way: StrictScopeWay, which: 'plain' | 'strict', operation: StrictScopeOperation, ms: number): Promise<number> => {
    const load = statement[operation];
    const scoped = scopes[way][which];
    const result =
      way === 'held' ? await scoped(() => runFor(load, CONCURRENCY, ms)) : await runFor((i) => scoped(() => load(i)), CONCURRENCY, ms);
    return result.cpuMicrosPerOp * 1000;
  };
  try {
    progress(`strict scope: warm-up (${warmupMs} ms per load, stub client, concurrency ${CONCURRENCY})`);
    for (const way of STRICT_SCOPE_WAYS) {
      for (const operation of STRICT_SCOPE_OPERATIONS) for (const which of ['plain', 'strict'] as const) await measure(way, which, operation, warmupMs);
    }
    const samples = new Map<string, { plain: number[]; strict: number[] }>();
    for (let round = 1; round <= rounds; round++) {
      for (const way of STRICT_SCOPE_WAYS) {
        for (const operation of STRICT_SCOPE_OPERATIONS) {
          const cell = samples.get(`${way}/${operation}`) ?? { plain: [], strict: [] };
          samples.set(`${way}/${operation}`, cell);
          // Alternating order, so neither load always follows the other's garbage.
          const order = round % 2 === 0 ? (['plain', 'strict'] as const) : (['strict', 'plain'] as const);
          for (const which of order) cell[which].push(await measure(way, which, operation, cellMs));
          progress(`strict scope round ${round}/${rounds} ${way} ${operation}: plain ${cell.plain.at(-1)!.toFixed(0)} ns, strict ${cell.strict.at(-1)!.toFixed(0)} ns`);
        }
      }
    }
    const results = {} as StrictScopeResults;
    for (const way of STRICT_SCOPE_WAYS) {
      results[way] = {} as Record<StrictScopeOperation, StrictScopeFigure>;
      for (const operation of STRICT_SCOPE_OPERATIONS) {
        const { plain, strict } = samples.get(`${way}/${operation}`)!;
        results[way][operation] = {
          plainNanos: summarize(plain),
          strictNanos: summarize(strict),
          strictOverPlain: summarize(strict.map((nanos, i) => nanos / plain[i])),
        };
      }
    }
    return results;
  } finally {
    await registry.shutdown();
  }
}

/** One line per way and operation: ns per statement plain vs strict, and strict/plain. */
export function formatStrictScopeReport(results: StrictScopeResults): string {
  const lines = ['Strict tenant scope on a stub client (CPU ns per statement, median [min–max], concurrency 64)'];
  for (const way of STRICT_SCOPE_WAYS) {
    for (const operation of STRICT_SCOPE_OPERATIONS) {
      const { plainNanos, strictNanos, strictOverPlain } = results[way][operation];
      const range = (s: Summary, digits: number) => `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;
      const label = way === 'held' ? 'one scope held, withConnection' : 'tenantScope.run per statement, strict: false';
      lines.push(`  ${operation}, ${label} ${range(plainNanos, 0)} vs strict ${range(strictNanos, 0)}; strict/plain ${range(strictOverPlain, 3)}`);
    }
  }
  return lines.join('\n');
}
