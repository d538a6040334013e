// A map with a stated bound, for caches keyed by something a fleet has thousands of (keyspaces):
// two generations instead of an LRU list, so a hit in the young one is a single Map lookup.

/**
 * Holds at most `2 × capacity` entries: new and recently used entries sit in the young
 * generation; when it reaches `capacity` it becomes the old one and the previous old one is
 * dropped. A hit in the old generation moves the entry back to the young one, so an entry used
 * at least once per `capacity` insertions is never dropped.
 */
export class BoundedCache<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();

  constructor(readonly capacity: number) {}

  /** The value of `key`, if held. */
  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) {
      this.#old.delete(key);
      this.set(key, old);
    }
    return old;
  }

  /** Holds `value` under `key`, dropping the old generation first if the young one is full. */
  set(key: K, value: V): void {
    if (this.#young.size >= this.capacity && !this.#young.has(key)) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }

  /** Drops `key`. */
  delete(key: K): void {
    this.#young.delete(key);
    this.#old.delete(key);
  }

  /** How many entries are held (never more than `2 × capacity`). */
  get size(): number {
    return this.#young.size + this.#old.size;
  }

  /** Drops every entry. */
  clear(): void {
    this.#young = new Map();
    this.#old = new Map();
  }
}
