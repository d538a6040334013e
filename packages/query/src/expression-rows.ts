// Rows of a read with select expressions: the model's columns through the model's row mapper,
// then each expression's result under its alias (decoded as its reader says).
import type { ResultSet } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import { layoutOf, rowFromDatabase } from '@cassia/schema/internal';
import type { SelectExtras } from './select-extras';

/** One driver row of a read with `extras` as a JS row: columns by property name, expressions by alias. */
export function expressionRow<R>(model: AnyModel, extras: SelectExtras, row: Readonly<Record<string, unknown>>): R {
  const out = rowFromDatabase(model, row) as Record<string, unknown>;
  const readers = extras.readers;
  for (let i = 0; i < readers.length; i++) {
    const { alias, decode } = readers[i];
    const value = row[alias] ?? null;
    out[alias] = decode === undefined || value === null ? value : decode(value);
  }
  return out as R;
}

/** A driver row as a JS row of `model`, through the expressions' readers when the read has extras. */
export function rowOfRead<R>(model: AnyModel, extras: SelectExtras | undefined, row: unknown): R {
  const driverRow = row as Readonly<Record<string, unknown>>;
  return extras === undefined ? (rowFromDatabase(model, driverRow) as R) : expressionRow<R>(model, extras, driverRow);
}

/** The function that makes a read's JS rows (see rowOfRead), chosen once per read. */
export function rowReaderOf<R>(model: AnyModel, extras: SelectExtras | undefined): (row: unknown) => R {
  if (extras !== undefined) return (row) => expressionRow<R>(model, extras, row as Readonly<Record<string, unknown>>);
  return layoutOf(model).rowMapper as unknown as (row: unknown) => R;
}

/** Every row of a result as JS rows (see rowOfRead). */
export function rowsOfRead<R>(model: AnyModel, extras: SelectExtras | undefined, result: ResultSet): R[] {
  return (result.rows ?? []).map((row) => rowOfRead<R>(model, extras, row));
}
