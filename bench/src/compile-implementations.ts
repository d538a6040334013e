// Scenario 2's contestants: three ways to turn "a typical select / insert / update of the bench
// table" into CQL text plus bound values, without a network. Each step returns a number derived
// from its output so the work cannot be optimised away.
import cassanknexInit from 'cassanknex';
import { query } from '@cassia/query';
import { BENCH_TABLE, type BenchRow, type BenchRowModel } from './bench-table';

/** The statements compiled. */
export const COMPILE_STATEMENTS = ['select', 'insert', 'update'] as const;
export type CompileStatement = (typeof COMPILE_STATEMENTS)[number];

/** The implementations compared, in report order. */
export const COMPILERS = ['cassia', 'cassanknex', 'handWritten'] as const;
export type CompilerName = (typeof COMPILERS)[number];

export const COMPILER_LABELS: Record<CompilerName, string> = {
  cassia: 'Cassia toCQL()',
  cassanknex: 'cassanknex .cql()',
  handWritten: 'hand-written strings',
};

const INSERT_COLUMNS = ['id', 'name', 'city', 'age', 'score'];
const quote = (name: string) => `"${name}"`;
const qualified = (target: { keyspace: string; table: string }) => `${quote(target.keyspace)}.${quote(target.table)}`;

/** One step: compile statement i (its values vary with i) and return a digest of the result. */
export type CompileStep = (i: number) => number;

/** Every (implementation, statement) step for the bench table in `keyspace`. */
export function compileSteps(model: BenchRowModel, rows: readonly BenchRow[]): Record<CompilerName, Record<CompileStatement, CompileStep>> {
  const keyspace = model.keyspace as string;
  const row = (i: number) => rows[i % rows.length];
  const digest = (cql: string, params: readonly unknown[]) => cql.length + params.length;
  // No connection: cassanknex only builds statements here.
  const cassanknex = cassanknexInit();
  // A target whose fields have been written after creation, so the optimiser treats them as
  // mutable and cannot fold the hand-written strings into constants.
  const target = { keyspace: '', table: '' };
  target.keyspace = keyspace;
  target.table = BENCH_TABLE;
  return {
    cassia: {
      select: (i) => {
        const { cql, params } = query(model).where({ id: i }).toCQL();
        return digest(cql, params);
      },
      insert: (i) => {
        const { cql, params } = query(model).createStatement(row(i)).toCQL();
        return digest(cql, params);
      },
      update: (i) => {
        const { name, score } = row(i);
        const { cql, params } = query(model).where({ id: i }).updateStatement({ name, score }).toCQL();
        return digest(cql, params);
      },
    },
    cassanknex: {
      select: (i) => {
        const qb = cassanknex(keyspace).select().from(BENCH_TABLE).where('id', '=', i);
        return digest(qb.cql(), qb.bindings());
      },
      insert: (i) => {
        const qb = cassanknex(keyspace).insert({ ...row(i) }).into(BENCH_TABLE);
        return digest(qb.cql(), qb.bindings());
      },
      update: (i) => {
        const { name, score } = row(i);
        const qb = cassanknex(keyspace).update(BENCH_TABLE).set({ name, score }).where('id', '=', i);
        return digest(qb.cql(), qb.bindings());
      },
    },
    // What a careful hand-written layer does: quoted names joined into CQL per call, values in an array.
    handWritten: {
      select: (i) => digest(`SELECT * FROM ${qualified(target)} WHERE "id" = ?`, [i]),
      insert: (i) => {
        const r = row(i);
        return digest(
          `INSERT INTO ${qualified(target)} (${INSERT_COLUMNS.map(quote).join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`,
          [r.id, r.name, r.city, r.age, r.score],
        );
      },
      update: (i) => {
        const r = row(i);
        return digest(`UPDATE ${qualified(target)} SET "name" = ?, "score" = ? WHERE "id" = ?`, [r.name, r.score, i]);
      },
    },
  };
}
