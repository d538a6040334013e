// Text values must be well-formed UTF-16: a lone surrogate has no UTF-8 form, so the driver would
// send U+FFFD in its place and two different JS strings would read and overwrite the same value.

// `String.prototype.isWellFormed` (Node 20+) is ES2024, newer than the compiler's lib.
type WellFormedCheck = { isWellFormed(): boolean };

/** Whether `text` has no lone UTF-16 surrogate (so it has an exact UTF-8 form). */
export function isWellFormed(text: string): boolean {
  return (text as unknown as WellFormedCheck).isWellFormed();
}

/** The validation message for a string that is not well formed. */
export const NOT_WELL_FORMED = 'Expected well-formed Unicode text (a lone UTF-16 surrogate has no UTF-8 form)';
