// A target's DDL in stages that may each run concurrently: user types one after another (a type may
// use another), then every table's CREATE or ALTERs with the tables at once, then the indexes with the
// tables at once. The nodes agree on the schema before a stage starts, since a table needs its types
// and an index its table; statements about one table always run in order, on one lane.
import type { ResolvedTarget } from '@cassia/core';
import { describeValue } from '@cassia/core/internal';
import { forgetKeyspaceSchemas } from './keyspace-schema-cache';
import { DEFAULT_SCHEMA_AGREEMENT_TIMEOUT_MS, waitForSchemaAgreement } from './schema-agreement';
import { isAlreadyExists } from './target-runner';

/** A stage: its lanes run at once (at most MAX_CONCURRENT_DDL), each lane's statements in order. */
export type DdlStage = readonly (readonly string[])[];

/** How many DDL statements one target runs at once. */
export const MAX_CONCURRENT_DDL = 8;

/** One table's planned DDL by the stage it belongs to. */
export interface TableDdl {
  readonly table: string;
  /** CREATE TYPE / ALTER TYPE for the types the table uses, dependencies first. */
  readonly typeStatements: readonly string[];
  /** CREATE TABLE, or ADD column and WITH options, in order. */
  readonly tableStatements: readonly string[];
  readonly indexStatements: readonly string[];
}

/** Every statement of the tables' DDL in the order the stages run them (types shared by tables once). */
export function statementsOf(tables: readonly TableDdl[]): string[] {
  return stagesOf(tables).flat(2);
}

/** The stages of several tables' DDL on one target: types (deduplicated) in one lane, then one lane per table for its changes, then for its indexes. */
export function stagesOf(tables: readonly TableDdl[]): DdlStage[] {
  const types = [...new Set(tables.flatMap((table) => table.typeStatements))];
  const lanes = (pick: (table: TableDdl) => readonly string[]): string[][] => {
    // Two models of one table (rare, but allowed) share its lane, so its statements never race.
    const byTable = new Map<string, string[]>();
    for (const table of tables) {
      const lane = byTable.get(table.table) ?? [];
      for (const statement of pick(table)) if (!lane.includes(statement)) lane.push(statement);
      byTable.set(table.table, lane);
    }
    return [...byTable.values()].filter((lane) => lane.length > 0);
  };
  return [[types], lanes((table) => table.tableStatements), lanes((table) => table.indexStatements)].filter((stage) =>
    stage.some((lane) => lane.length > 0),
  );
}

/**
 * Runs the stages on a target, waiting for schema agreement after each; returns warnings. A statement
 * the server refuses because what it creates already exists (another client got there first) counts as
 * done: the caller checks the outcome against the model afterwards. On a failure no further statement
 * starts; those already started finish, then the first failure is thrown.
 */
export async function applyStages(
  target: ResolvedTarget,
  stages: readonly DdlStage[],
  timeoutMs = DEFAULT_SCHEMA_AGREEMENT_TIMEOUT_MS,
  /** Receives each statement once it has run (or was found done). */
  ran: string[] = [],
): Promise<string[]> {
  const warnings: string[] = [];
  for (const stage of stages) {
    if (!stage.some((lane) => lane.length > 0)) continue;
    // The schema version moves with the DDL anyway; dropping the connection's schemas (before, and
    // after, for a plan that read while it ran) does not depend on when the nodes report it.
    forgetKeyspaceSchemas(target.connection);
    try {
      await runLanes(stage, async (cql) => {
        try {
          await target.connection.execute(cql, [], { keyspace: target.keyspace });
        } catch (error) {
          if (!isAlreadyExists(error)) throw error;
          warnings.push(`already done by another client, counted as done: ${cql}`);
        }
        ran.push(cql);
      });
    } finally {
      forgetKeyspaceSchemas(target.connection);
    }
    const agreed = await waitForSchemaAgreement(target.connection, timeoutMs);
    if (!agreed) warnings.push(`the nodes of connection ${describeValue(target.connection.name)} did not agree on the schema within ${timeoutMs} ms`);
  }
  return [...new Set(warnings)];
}

// At most MAX_CONCURRENT_DDL lanes at a time; after a failure no lane starts another statement.
async function runLanes(stage: DdlStage, run: (cql: string) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < stage.length) {
      const lane = stage[next++];
      for (const cql of lane) {
        if (failure !== undefined) return;
        try {
          await run(cql);
        } catch (error) {
          failure ??= { error };
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_DDL, stage.length) }, worker));
  if (failure !== undefined) throw failure.error;
}

/** Runs DDL statements in order on a target (one lane), then waits for schema agreement; returns warnings. */
export function applyStatements(target: ResolvedTarget, statements: readonly string[], timeoutMs?: number, ran?: string[]): Promise<string[]> {
  return applyStages(target, [[statements]], timeoutMs, ran);
}
