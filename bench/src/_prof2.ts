import { benchRowModel, benchRows } from './bench-table';
import { compileSteps } from './compile-implementations';
import { runSyncFor } from './load-loop';
const model = benchRowModel('cassia_bench', 'x');
const steps = compileSteps(model, benchRows(1000)).cassia;
for (const s of ['select', 'insert', 'update'] as const) runSyncFor(steps[s], 1500);
