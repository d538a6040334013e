// Reading user objects by their own properties only: an inherited key (a polluted
// Object.prototype, or an object made with a prototype of its own) is never an option or a value.

// Taken once, at load: a later change to Object.hasOwn cannot change what counts as own.
// Defined here rather than imported from @cassia/core/internal: a re-exported name compiles to a
// getter on the exports object, read on every call, and this runs per value of every write.
const hasOwn = Object.hasOwn;

/** `object[key]` if `object` has `key` as an own property, else undefined. */
export function ownValue(object: object, key: string): unknown {
  return hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/** Whether `value` is an object (not null, not an array) whose own properties can be read as options. */
export function isOptionBag(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A null-prototype copy of the own enumerable properties of `object` that are not undefined:
 * reading a key it lacks gives undefined whatever Object.prototype holds.
 */
export function ownCopy<T extends object>(object: T): T {
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const value = (object as Record<string, unknown>)[key];
    if (value !== undefined) copy[key] = value;
  }
  return copy as T;
}

/** A frozen null-prototype object with `fields` (own enumerable properties only). */
export function frozenBag<T extends object>(fields: T): Readonly<T> {
  return Object.freeze(ownCopy(fields));
}

/**
 * The prototype of the contexts and target bags query makes per builder: empty, frozen, with no
 * prototype of its own. (Not Object.create(null) for the objects themselves: V8 keeps those in
 * dictionary mode, slow to read and to freeze, and `using()` makes one per call.) Query's own
 * copy: a name re-exported from @cassia/core/internal is a getter read on every use.
 */
export const NOTHING_INHERITED: object = Object.freeze(Object.create(null) as object);

/** The frozen empty object that inherits nothing (an empty option bag or context part). */
export const EMPTY_BAG: Readonly<Record<string, never>> = Object.freeze(Object.create(NOTHING_INHERITED) as Record<string, never>);
