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
 * A null-prototype copy of `source`'s own enumerable string-keyed properties: reading any key of
 * the copy never reaches a prototype, and each getter of `source` runs once, here.
 */
export function copyOwnProperties<T extends object>(source: T): { [K in keyof T]?: T[K] } {
  const bag = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(source)) bag[key] = (source as Record<string, unknown>)[key];
  return bag as { [K in keyof T]?: T[K] };
}

/** An empty null-prototype object, for option bags and contexts Cassia creates. */
export function emptyBag<T extends object>(): T {
  return Object.create(null) as T;
}
