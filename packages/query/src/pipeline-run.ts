// Running the query builders' statements through the registry's middleware: reads (each page a
// call of its own) and single writes. While no middleware is registered each function is one
// check and then the plain executor path: no call, no info, no extra promise.
import type { ResolvedTarget, ResultSet } from '@cassia/core';
import { outcomeOf, runMiddleware, withCallOptions } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import type { RunnableStatement } from './compiler';
import { assertApplied, runStatement, type StatementOptions } from './executor';
import type { QueryState } from './query-state';
import { QueryStatementCall } from './statement-call';
import type { WriteDraft } from './write-drafts';

// Writes resolve to nothing, whatever the driver's result.
const nothing = (): void => undefined;

/** Runs a compiled SELECT of `model` (through middleware when the registry has some). */
export function runRead(
  model: AnyModel,
  target: ResolvedTarget,
  compiled: RunnableStatement,
  options: StatementOptions,
  state: QueryState,
  pageState?: string | Buffer,
  page?: number,
): Promise<ResultSet>;
/** runRead resolving to `map(result)`, mapped after the middleware have seen the outcome. */
export function runRead<T>(
  model: AnyModel,
  target: ResolvedTarget,
  compiled: RunnableStatement,
  options: StatementOptions,
  state: QueryState,
  pageState: string | Buffer | undefined,
  page: number | undefined,
  map: (result: ResultSet) => T,
): Promise<T>;
export function runRead<T>(
  model: AnyModel,
  target: ResolvedTarget,
  compiled: RunnableStatement,
  options: StatementOptions,
  state: QueryState,
  pageState?: string | Buffer,
  page?: number,
  map?: (result: ResultSet) => T,
): Promise<T | ResultSet> {
  if (!target.connection.pipeline.active) return runStatement(target, compiled, options, pageState, map!);
  const call = QueryStatementCall.read(model, target, compiled, options, state, page);
  let result: ResultSet | undefined;
  return runMiddleware(target.connection.pipeline.chainFor(model), call, () =>
    runStatement(target, compiled, withCallOptions(options, call.options), pageState).then((received) => outcomeOf((result = received), false)),
  ).then(() => (map === undefined ? result! : map(result!)));
}

/**
 * Runs a write draft alone on its resolved target, through the registry's and the model's
 * middleware (which may change it) when there are any; LwtNotAppliedError when a condition (as
 * the middleware left it) did not hold, raised after they saw the outcome.
 */
export function runWriteOn(model: AnyModel, target: ResolvedTarget, draft: WriteDraft, options: StatementOptions): Promise<void> {
  const call = QueryStatementCall.write(model, target, draft, options);
  let result: ResultSet | undefined;
  return runMiddleware(target.connection.pipeline.chainFor(model), call, () => {
    const statement = call.compiled();
    return runStatement(target, statement, withCallOptions(options, call.options)).then((received) =>
      outcomeOf((result = received), statement.safety === 'conditional-write'),
    );
  }).then(() => {
    const final = call.draft!;
    if (final.condition.kind === 'none') return nothing();
    assertApplied(result!, model, final.kind);
  });
}
