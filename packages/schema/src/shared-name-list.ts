// Column-name lists that stand for their contents by identity: frozen, made once and reused (one
// per set of a model's INSERT columns), so the shape cache keys a statement by the list itself
// and the plain-INSERT texts are kept per list. Only shareNameList makes one.
declare const sharedNameListBrand: unique symbol;

/** A frozen name list registered with shareNameList: equal identity means equal contents, forever. */
export type SharedNameList = readonly string[] & { readonly [sharedNameListBrand]: true };

// Lists made per call (a select()'s columns) are never registered: each would add its own entry
// to the caches keyed by list.
const registered = new WeakSet<readonly string[]>();

/** Freezes `names` and registers it as a list that stands for its contents (see SharedNameList). */
export function shareNameList(names: readonly string[]): SharedNameList {
  registered.add(Object.freeze(names));
  return names as SharedNameList;
}

/** Whether `names` was made by shareNameList. */
export function isSharedNameList(names: readonly string[]): names is SharedNameList {
  return registered.has(names);
}
