// What a migration module's up(ctx) gets: Cassia's query API and raw CQL bound to the target's
// connection and keyspace, and step() to mark resumable points (a killed run resumes after the last
// step it finished, as a CQL file resumes after its last statement).
import type { ConnectionRegistry, ExecuteOptions, ResultSet } from '@cassia/core';
import { batch, bind, type Batch, type BatchOptions, type Query } from '@cassia/query';
import type { AnyModel } from '@cassia/schema';

/** The argument of a migration module's `up(ctx)`. */
export interface MigrationContext {
  /** The connection name of the target. */
  readonly connection: string;
  /** The target keyspace. */
  readonly keyspace: string;
  /** `query(Model)` bound to the target's connection and keyspace. */
  query<M extends AnyModel>(model: M): Query<M>;
  /** Runs CQL on the target (prepared, bound); table names without a keyspace are in the target keyspace. */
  execute(cql: string, params?: unknown[] | Record<string, unknown>, options?: ExecuteOptions): Promise<ResultSet>;
  /** A batch on the target's connection; add statements made with `ctx.query`. */
  batch(options?: Omit<BatchOptions, 'connection'>): Batch;
  /**
   * Runs `fn` as the next step, unless an earlier, killed run of this migration finished it already
   * (then it is skipped). Steps are numbered in call order, so call them in the same order each run.
   */
  step(fn: () => Promise<void>): Promise<void>;
  /** Writes a progress line (stderr in the CLI). */
  log(line: string): void;
}

/** How a context runs what it is given. */
export interface MigrationContextInit {
  readonly connection: string;
  readonly keyspace: string;
  readonly registry: ConnectionRegistry;
  readonly execute: MigrationContext['execute'];
  /** Steps a killed run finished; they are skipped. */
  readonly stepsDone: number;
  /** Called after each step that ran, with the number of steps done. */
  readonly onStepDone: (stepsDone: number) => Promise<void>;
  readonly log: (line: string) => void;
}

/** Makes the ctx of one module migration on one target. */
export function createMigrationContext(init: MigrationContextInit): MigrationContext {
  let stepIndex = 0;
  const target = { connection: init.connection, keyspace: init.keyspace, registry: init.registry };
  return Object.freeze({
    connection: init.connection,
    keyspace: init.keyspace,
    query: <M extends AnyModel>(model: M): Query<M> => bind(model, target),
    execute: init.execute,
    batch: (options: Omit<BatchOptions, 'connection'> = {}): Batch => batch({ ...options, connection: init.connection }),
    step: async (fn: () => Promise<void>): Promise<void> => {
      stepIndex += 1;
      if (stepIndex <= init.stepsDone) {
        init.log(`step ${stepIndex} done by an earlier run, skipped`);
        return;
      }
      await fn();
      await init.onStepDone(stepIndex);
    },
    log: init.log,
  });
}
