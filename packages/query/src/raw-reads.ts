// query(M).raw(cql, params): a SELECT written by hand, run on the query's resolved target with
// its values bound, every page read, and each row mapped by the model's row mapper (the
// driver Mapper's mapWithQuery, typed). `{table}` in the text becomes the target's quoted table.
import { QueryBuildError } from '@cassia/core';
import { quoteQualified } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { rowFromDatabase } from '@cassia/schema/internal';
import { describeInput } from './describe-input';
import { nextPageState } from './executor';
import { runRead } from './pipeline-run';
import type { QueryContext } from './query-context';
import type { QueryState } from './query-state';
import { resolveTarget } from './resolve-target';

const TABLE_PLACEHOLDER = /\{table\}/g;

/** Runs `cql` (a SELECT) with `params` bound and maps every row of every page to a row of `model`. */
export async function readRaw<T>(model: AnyModel, context: QueryContext, state: QueryState, cql: unknown, params: unknown): Promise<T[]> {
  if (typeof cql !== 'string' || !/^\s*select\s/i.test(cql)) {
    throw new QueryBuildError(`raw() takes the text of a SELECT (its rows are mapped to "${model.table}" rows), got ${describeInput(cql)}.`);
  }
  if (params !== undefined && !Array.isArray(params)) {
    throw new QueryBuildError(`raw() takes its values as an array bound to the ? markers, got ${describeInput(params)}.`);
  }
  const values: readonly unknown[] = params ?? [];
  const target = resolveTarget(model, context);
  const text = cql.replace(TABLE_PLACEHOLDER, quoteQualified(target.keyspace, model.table));
  const rows: T[] = [];
  const hold = target.connection.hold();
  try {
    let pageState: string | undefined;
    let page = 0;
    do {
      // The driver is handed a params list of its own for every page.
      const result = await runRead(model, target, { cql: text, params: [...values], safety: 'read' }, state.options, state, pageState, ++page);
      for (const row of result.rows ?? []) rows.push(rowFromDatabase(model, row as unknown as Record<string, unknown>) as T);
      pageState = nextPageState(result);
    } while (pageState !== undefined);
  } finally {
    hold.release();
  }
  return rows;
}
