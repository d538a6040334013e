// The StatementCall of a query builders' batch as a whole (kind 'batch'): its options may be
// changed and statements added (`add`); the statements themselves are changed through their own calls.
import { MiddlewareError, type BatchableStatement, type Connection, type StatementCall, type StatementCallOptions, type StatementInfo } from '@cassia/core';
import type { BatchAdmission } from './statement-call';

/** The call of one batch of the query builders. */
export class BatchStatementCall implements StatementCall {
  readonly info: StatementInfo;
  readonly options: StatementCallOptions;
  readonly connection: Connection;
  readonly #batch: BatchAdmission;

  constructor(connection: Connection, info: StatementInfo, options: StatementCallOptions, batch: BatchAdmission) {
    this.connection = connection;
    this.info = info;
    this.options = options;
    this.#batch = batch;
  }

  row(): undefined {
    return undefined;
  }

  assign(): void {
    throw this.#perStatement('assign()');
  }

  onlyIf(): void {
    throw this.#perStatement('onlyIf()');
  }

  ifNotExists(): void {
    throw this.#perStatement('ifNotExists()');
  }

  add(statement: BatchableStatement): void {
    this.#batch.admit(statement);
  }

  #perStatement(what: string): MiddlewareError {
    return new MiddlewareError(`${what} changes one statement; in a batch, make the change where the middleware sees that statement (info.batch is set).`);
  }
}
