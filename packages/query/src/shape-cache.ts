// The shape cache: CQL text by statement shape, so a statement whose shape was compiled before
// only collects its values. A trie over shape tokens: a lookup steps through Maps keyed by
// strings the model already holds, so a hit builds no key string.
import type { StatementSafety } from '@cassia/core';
import type { StatementNode } from './statement-node';
import { walkShape, type ShapeToken, type ShapeVisitor } from './statement-shape';

/** One node of the trie; a leaf that holds `cql` is a compiled shape. */
export class ShapeEntry {
  // Most branches have one child (a program has few shapes sharing long prefixes), so the first
  // child sits beside the Map: following it is a comparison, not a hash lookup.
  firstToken: ShapeToken | undefined = undefined;
  first: ShapeEntry | undefined = undefined;
  /** Children after the first. */
  others: Map<ShapeToken, ShapeEntry> | undefined = undefined;
  /** The text of every statement of this shape, once compiled. */
  cql: string | undefined = undefined;
  /** How many values a statement of this shape binds (the shape fixes it). */
  bound = 0;
  /** Whether statements of this shape read, and whether they may be sent twice (the shape fixes it too). */
  safety: StatementSafety = 'read';
}

class TrieCursor implements ShapeVisitor {
  at: ShapeEntry;

  constructor(root: ShapeEntry) {
    this.at = root;
  }

  token(token: ShapeToken): void {
    const at = this.at;
    if (at.first !== undefined && at.firstToken === token) {
      this.at = at.first;
      return;
    }
    if (at.first === undefined) {
      at.firstToken = token;
      this.at = at.first = new ShapeEntry();
      return;
    }
    const others = (at.others ??= new Map());
    let next = others.get(token);
    if (next === undefined) {
      next = new ShapeEntry();
      others.set(token, next);
    }
    this.at = next;
  }
}

/**
 * Compiled shapes, at most `capacity` of them: a program that builds shapes from input is kept
 * in check by starting over past it (simpler than an LRU, and never reached by fixed shapes).
 */
export class ShapeCache {
  #root = new ShapeEntry();
  #size = 0;
  // Compiling is synchronous, so one cursor serves every lookup.
  readonly #cursor = new TrieCursor(this.#root);

  constructor(readonly capacity: number) {}

  /** The entry of `node`'s shape; its `cql` is undefined until `remember` fills it. */
  entryOf(node: StatementNode): ShapeEntry {
    this.#cursor.at = this.#root;
    walkShape(node, this.#cursor);
    return this.#cursor.at;
  }

  /** Stores the text, value count and safety of `node`'s shape (whose entry `entryOf` gave as `entry`). */
  remember(node: StatementNode, entry: ShapeEntry, cql: string, bound: number, safety: StatementSafety): void {
    if (this.#size >= this.capacity) {
      this.clear();
      entry = this.entryOf(node);
    }
    entry.cql = cql;
    entry.bound = bound;
    entry.safety = safety;
    this.#size++;
  }

  /** How many shapes are compiled. */
  get size(): number {
    return this.#size;
  }

  /** Forgets every shape. */
  clear(): void {
    this.#root = new ShapeEntry();
    this.#size = 0;
  }
}
