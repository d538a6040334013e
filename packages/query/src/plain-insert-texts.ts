// The text of plain INSERTs (no condition, no USING) by shared column list, keyspace and table:
// the statement of nearly every write, made once and then bound with no node and no shape walk.
import type { SharedNameList } from './shared-name-list';

/** INSERT texts keyed by a shared column list (by identity), then keyspace; the table is checked. */
export class PlainInsertTexts {
  #byColumns = new WeakMap<SharedNameList, Map<string, { readonly table: string; readonly cql: string }>>();

  /** The remembered text for these columns in `keyspace`.`table`, if any. */
  get(columns: SharedNameList, keyspace: string, table: string): string | undefined {
    const known = this.#byColumns.get(columns)?.get(keyspace);
    return known !== undefined && known.table === table ? known.cql : undefined;
  }

  /** Remembers the text for these columns in `keyspace`.`table`. */
  set(columns: SharedNameList, keyspace: string, table: string, cql: string): void {
    let byKeyspace = this.#byColumns.get(columns);
    if (byKeyspace === undefined) this.#byColumns.set(columns, (byKeyspace = new Map()));
    byKeyspace.set(keyspace, { table, cql });
  }

  /** Forgets every text. */
  clear(): void {
    this.#byColumns = new WeakMap();
  }
}
