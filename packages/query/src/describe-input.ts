// Caller input shown in the query builders' error messages: core's describeValue (never String()
// of an arbitrary object; cut, control and format characters escaped), with a shorter cut.
import { describeValue } from '@cassia/core/internal';

// Longer input is cut: a message names the problem, it does not carry the request.
const MAX_SHOWN = 60;

/** A short, safe description of `value` for an error message. */
export function describeInput(value: unknown): string {
  return describeValue(value, MAX_SHOWN);
}
