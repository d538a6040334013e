// Lets each example file run on its own (`npx tsx examples/06-using.ts`): it brings the clusters
// up, runs the earlier seed steps it depends on, then itself, and exits non-zero on a broken promise.
import { shutdown } from '@cassia/core';
import { Walkthrough } from './walkthrough';

export type Example = (w: Walkthrough) => Promise<void>;

/** Runs `steps` in order on one walkthrough; resolves to the process exit code. */
export async function runExamples(steps: Example[], cleanup?: Example): Promise<number> {
  const w = new Walkthrough();
  let code = 0;
  try {
    await w.start();
    for (const step of steps) await step(w);
  } catch (error) {
    console.error(`\n✗ the walkthrough stopped: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    code = 1;
  } finally {
    await cleanup?.(w).catch((error: Error) => console.error(`cleanup failed: ${error.message}`));
    await shutdown();
    await w.finish();
  }
  if (w.failures.length > 0) {
    console.error(`\n✗ ${w.failures.length} result(s) differ from what was promised:\n  - ${w.failures.join('\n  - ')}`);
    code = 1;
  } else if (code === 0) {
    console.log('\n✓ every step returned what it promises');
  }
  return code;
}

/** Entry point for a single example file run directly. */
export function runAsScript(steps: Example[], cleanup?: Example): void {
  runExamples(steps, cleanup).then((code) => process.exit(code));
}
