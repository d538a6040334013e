// Fast checks: what a value of a plain `t.*` scalar column must be for its zod schema to accept
// it unchanged, tested with a typeof / range / pattern test instead of a zod parse. A fast check
// accepts exactly what its column's zod schema accepts unchanged; anything else is "ask zod"
// (which also words the issues). Described as data, not functions, so one switch tests them all.
import { isWellFormed } from './well-formed';

/** What a plain column's values must be for its zod schema to accept them unchanged. */
export type FastCheck =
  | { readonly kind: 'string' }
  | { readonly kind: 'finite' }
  | { readonly kind: 'float32' }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'bigint'; readonly min: bigint | undefined; readonly max: bigint | undefined }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'pattern'; readonly pattern: RegExp }
  | { readonly kind: 'date' }
  | { readonly kind: 'buffer' }
  /** An array of exactly `dimension` elements, each passing `element` (a `t.vector` of a plain element). */
  | { readonly kind: 'vector'; readonly element: FastCheck; readonly dimension: number };

/** Whether `value` passes `check` (false: let zod decide). */
export function passesFastCheck(check: FastCheck, value: unknown): boolean {
  switch (check.kind) {
    case 'string':
      return typeof value === 'string' && isWellFormed(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= check.min && value <= check.max;
    case 'finite':
      return typeof value === 'number' && Number.isFinite(value);
    case 'float32':
      return typeof value === 'number' && Number.isFinite(Math.fround(value));
    case 'bigint':
      return typeof value === 'bigint' && (check.min === undefined || value >= check.min) && (check.max === undefined || value <= check.max);
    case 'boolean':
      return typeof value === 'boolean';
    case 'pattern':
      return typeof value === 'string' && check.pattern.test(value);
    case 'date':
      return value instanceof Date && !Number.isNaN(value.getTime());
    case 'buffer':
      return value instanceof Buffer;
    case 'vector':
      return passesEvery(check.element, check.dimension, value);
  }
}

// An array of `length` elements that each pass `element`: one loop instead of a zod parse per element.
function passesEvery(element: FastCheck, length: number, value: unknown): boolean {
  if (!Array.isArray(value) || value.length !== length) return false;
  for (let i = 0; i < length; i++) if (!passesFastCheck(element, value[i])) return false;
  return true;
}
