// Scenario 2: compile-only throughput (no network) of a select, an insert and an update, each
// implementation time-boxed in turn inside every round.
import type { BenchRow, BenchRowModel } from './bench-table';
import { COMPILE_STATEMENTS, COMPILERS, compileSteps, type CompileStatement, type CompilerName } from './compile-implementations';
import type { BenchConfig } from './config';
import { runSyncFor } from './load-loop';
import type { Progress } from './progress';
import { summarize, type Summary } from './stats';

/** Compilations per second: statement → implementation → summary over rounds. */
export type CompileResults = Record<CompileStatement, Record<CompilerName, Summary>>;

/** Runs the compile scenario. */
export function runCompile(model: BenchRowModel, rows: readonly BenchRow[], config: BenchConfig, progress: Progress): CompileResults {
  const steps = compileSteps(model, rows);
  progress(`compile: warm-up (${config.compile.warmupMs} ms per implementation and statement)`);
  for (const statement of COMPILE_STATEMENTS) {
    for (const compiler of COMPILERS) runSyncFor(steps[compiler][statement], config.compile.warmupMs);
  }
  const samples = new Map<string, number[]>();
  for (let round = 1; round <= config.rounds; round++) {
    COMPILE_STATEMENTS.forEach((statement, s) => {
      const order = [...COMPILERS.slice((round + s) % COMPILERS.length), ...COMPILERS.slice(0, (round + s) % COMPILERS.length)];
      const line: string[] = [];
      for (const compiler of order) {
        const result = runSyncFor(steps[compiler][statement], config.compile.cellMs);
        const id = `${statement}/${compiler}`;
        samples.set(id, [...(samples.get(id) ?? []), result.opsPerSecond]);
        line.push(`${compiler} ${Math.round(result.opsPerSecond / 1000)}k/s`);
      }
      progress(`compile round ${round}/${config.rounds} ${statement}: ${line.join(', ')}`);
    });
  }
  const results = {} as CompileResults;
  for (const statement of COMPILE_STATEMENTS) {
    results[statement] = {} as Record<CompilerName, Summary>;
    for (const compiler of COMPILERS) results[statement][compiler] = summarize(samples.get(`${statement}/${compiler}`) ?? []);
  }
  return results;
}
