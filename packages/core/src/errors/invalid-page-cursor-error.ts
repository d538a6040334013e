// A page cursor that Cassia did not make for this statement (changed, truncated, forged or replayed).
import { CassiaError } from './cassia-error';

/**
 * Why a page cursor was refused: `malformed` (not a cursor, or truncated), `forged` (changed, or
 * signed with a key this registry does not hold), `statement` (made for another statement: CQL,
 * bound values, fetch size or limit differ), `target` (made on another connection or keyspace).
 */
export type PageCursorProblem = 'malformed' | 'forged' | 'statement' | 'target';

/** `page({ pageState })` was given a cursor this statement cannot continue; nothing was sent. */
export class InvalidPageCursorError extends CassiaError {
  readonly code = 'ERR_CASSIA_INVALID_PAGE_CURSOR';
  /** What is wrong with the cursor. */
  readonly problem: PageCursorProblem;

  constructor(message: string, problem: PageCursorProblem) {
    super(message);
    this.problem = problem;
  }
}
