// User objects are read by their own properties only: an inherited value (a polluted
// Object.prototype, an object made with Object.create) is not the caller's value, and a name such
// as `toString` left out must read as absent, not as Object's method.

/**
 * A null-prototype copy of an object's own enumerable properties, for zod object schemas (which
 * read `value[key]` and so would see inherited values); arrays and non-objects are returned
 * unchanged, for zod to word the type error.
 */
export function ownProperties(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.assign(Object.create(null) as Record<string, unknown>, value);
}
