// Runs a target's plan, then plans again from what the server now says, until nothing is left to run.
// With several clients syncing at once, an IF NOT EXISTS statement does nothing where another client
// got there first, perhaps with an older definition (a v1 instance creating the table a v2 instance
// meant to create with more columns); looking again is what makes every sync end as its model says.
import { CassiaError, type ResolvedTarget } from '@cassia/core';
import { applyStages, type DdlStage } from './ddl-stages';
import { isInvalidForSchema } from './target-runner';

/** What a planner returns for one target. */
export interface PlannedChanges {
  readonly statements: readonly string[];
  readonly warnings: readonly string[];
  /** How the statements may run at once (ddl-stages.ts); without it they run one after another. */
  readonly stages?: readonly DdlStage[];
}

/** How many plan-and-run rounds a target gets before it is reported as not settled. */
export const MAX_SYNC_ROUNDS = 3;

/**
 * Runs `first`, then `replan()` after each round until it has no statements (or MAX_SYNC_ROUNDS ran).
 * Returns every statement run and the warnings of the first plan (what was done, e.g. a column added
 * beside one it may rename) and of the last (the state the target was left in), plus those of running. A replan that throws (a concurrent change the model contradicts) rejects, with the
 * statements already run named in the error's message.
 */
export async function applyUntilSettled(
  target: ResolvedTarget,
  first: PlannedChanges,
  replan: () => Promise<PlannedChanges>,
  timeoutMs: number | undefined,
): Promise<{ statements: string[]; warnings: string[] }> {
  const statements: string[] = [];
  const runWarnings: string[] = [];
  let plan = first;
  for (let round = 1; plan.statements.length > 0; round++) {
    try {
      runWarnings.push(...(await applyStages(target, plan.stages ?? [[plan.statements]], timeoutMs, statements)));
    } catch (error) {
      // A statement planned against a schema another client changed under it (an index on a
      // column that another client's older CREATE TABLE IF NOT EXISTS left out) is refused as
      // invalid; the next round plans from what the server holds now.
      if (!isInvalidForSchema(error) || round === MAX_SYNC_ROUNDS) throw error;
      runWarnings.push(`a statement was refused for a schema another client changed meanwhile; planned again: ${describeFailure(error)}`);
    }
    try {
      plan = await replan();
    } catch (error) {
      if (error instanceof CassiaError) {
        error.message +=
          `\nBefore this was found, this call had run ${statements.length} statement(s) on this target ` +
          `(${statements.join('; ')}): another client changed the schema at the same time.`;
      }
      throw error;
    }
    if (plan.statements.length > 0 && round === MAX_SYNC_ROUNDS) {
      runWarnings.push(
        `still differs from the model after ${round} rounds (another client may be syncing another definition at ` +
          `the same time); not run: ${plan.statements.join('; ')}`,
      );
      break;
    }
  }
  return { statements, warnings: [...new Set([...first.warnings, ...plan.warnings, ...runWarnings])] };
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : 'unknown error';
}
