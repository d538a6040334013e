// Reading user objects by their own properties only, so an inherited key (a polluted
// Object.prototype, or `{ __proto__: { default: true } }`) never acts as an option or a value.

/** The value of `key` when `source` has it as an own property; `undefined` otherwise. */
export function ownValue(source: object, key: PropertyKey): unknown {
  return Object.prototype.hasOwnProperty.call(source, key) ? (source as Record<PropertyKey, unknown>)[key] : undefined;
}

/** Whether `source` has `key` as an own property (not an inherited one). */
export function hasOwn(source: object, key: PropertyKey): boolean {
  return Object.prototype.hasOwnProperty.call(source, key);
}

/**
 * The prototype of the bags Cassia makes: empty, frozen, with no prototype of its own, so a bag
 * inherits nothing. (A bag is not made with Object.create(null): V8 keeps such objects in
 * dictionary mode, slow to read and to freeze, and scopes and options make one per statement.)
 */
export const NOTHING_INHERITED: object = Object.freeze(Object.create(null) as object);

/**
 * A copy of `source`'s own enumerable string-keyed properties: reading any key of
 * the copy never finds an inherited value, and each getter of `source` runs once, here.
 */
export function copyOwnProperties<T extends object>(source: T): { [K in keyof T]?: T[K] } {
  const bag = Object.create(NOTHING_INHERITED) as Record<string, unknown>;
  for (const key of Object.keys(source)) bag[key] = (source as Record<string, unknown>)[key];
  return bag as { [K in keyof T]?: T[K] };
}

/** An empty object that inherits nothing, for option bags and contexts Cassia creates. */
export function emptyBag<T extends object>(): T {
  return Object.create(NOTHING_INHERITED) as T;
}
