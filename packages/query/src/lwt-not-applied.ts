// isLwtNotApplied: narrows a caught error to the LwtNotAppliedError of one model's write, so its
// `existing` values are typed by that model's row.
import { LwtNotAppliedError } from '@cassia/core';
import type { AnyModel, InferRow } from '@cassia/schema';

/**
 * Whether `error` is the LwtNotAppliedError of a conditional write (or batch) of `model`; narrows
 * it so `error.existing` is typed by the model's row (each column possibly absent).
 */
export function isLwtNotApplied<M extends AnyModel>(error: unknown, model: M): error is LwtNotAppliedError<InferRow<M>> {
  return error instanceof LwtNotAppliedError && error.model === model;
}
