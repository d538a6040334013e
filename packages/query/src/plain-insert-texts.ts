// The text of plain INSERTs (no condition, no USING) by shared column list, keyspace and table:
// the statement of nearly every write, made once and then bound with no node and no shape walk.
import { BoundedCache } from '@cassia/core/internal';
import type { SharedNameList } from './shared-name-list';

/** INSERT texts a column list keeps (each generation of its BoundedCache: at most twice this many keyspaces). */
export const INSERT_TEXTS_PER_COLUMN_LIST = 4_096;

/** INSERT texts keyed by a shared column list (by identity), then keyspace; the table is checked. */
export class PlainInsertTexts {
  // Bounded per column list: a tenant fleet writes one model in thousands of keyspaces.
  #byColumns = new WeakMap<SharedNameList, BoundedCache<string, { readonly table: string; readonly cql: string }>>();

  /** The remembered text for these columns in `keyspace`.`table`, if any. */
  get(columns: SharedNameList, keyspace: string, table: string): string | undefined {
    const known = this.#byColumns.get(columns)?.get(keyspace);
    return known !== undefined && known.table === table ? known.cql : undefined;
  }

  /** Remembers the text for these columns in `keyspace`.`table`. */
  set(columns: SharedNameList, keyspace: string, table: string, cql: string): void {
    let byKeyspace = this.#byColumns.get(columns);
    if (byKeyspace === undefined) this.#byColumns.set(columns, (byKeyspace = new BoundedCache(INSERT_TEXTS_PER_COLUMN_LIST)));
    byKeyspace.set(keyspace, { table, cql });
  }

  /** How many texts are held for these columns (for tests and diagnostics). */
  countFor(columns: SharedNameList): number {
    return this.#byColumns.get(columns)?.size ?? 0;
  }

  /** Forgets every text. */
  clear(): void {
    this.#byColumns = new WeakMap();
  }
}
