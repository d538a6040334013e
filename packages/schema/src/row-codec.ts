// Whole rows between JS values by property name and driver values by database name, through
// the columns of the model's layout.
import type { InferRow } from './infer';
import type { AnyModel } from './model';
import { layoutOf } from './model-layout';

/** Maps JS values by property name to driver values by database name (undefined entries dropped). */
export function rowToDatabase(model: AnyModel, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { byProperty } = layoutOf(model);
  const out: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(values)) {
    const column = value === undefined ? undefined : byProperty.get(property);
    if (column === undefined) continue;
    out[column.dbName] = value === null || column.encode === undefined ? value : column.encode(value);
  }
  return out;
}

/** Maps a driver row (database column names) to a JS row (property names), decoding each value. */
export function rowFromDatabase<M extends AnyModel>(model: M, row: Readonly<Record<string, unknown>>): InferRow<M> {
  return layoutOf(model).rowMapper(row) as InferRow<M>;
}
