// Compares the migration files with a target's ledger: what is applied, pending, changed, half done.
import type { LedgerEntry } from './ledger';
import type { MigrationFile } from './migration-file';

/** The files split by what the ledger says of them. */
export interface LedgerComparison {
  readonly applied: readonly MigrationFile[];
  /** In version order; the first may be half done (see `entries`). */
  readonly pending: readonly MigrationFile[];
  /** Files whose checksum differs from the one recorded, with the recorded entry. */
  readonly changed: readonly { readonly file: MigrationFile; readonly entry: LedgerEntry }[];
  /** Ledger rows without a file of their version. */
  readonly missing: readonly LedgerEntry[];
  /** The ledger row of each file that has one, by version. */
  readonly entries: ReadonlyMap<number, LedgerEntry>;
}

/** Splits `files` by the ledger's rows. */
export function compareWithLedger(files: readonly MigrationFile[], ledger: readonly LedgerEntry[]): LedgerComparison {
  const entries = new Map(ledger.map((entry) => [entry.version, entry]));
  const versions = new Set(files.map((file) => file.version));
  const applied: MigrationFile[] = [];
  const pending: MigrationFile[] = [];
  const changed: { file: MigrationFile; entry: LedgerEntry }[] = [];
  for (const file of files) {
    const entry = entries.get(file.version);
    if (entry !== undefined && entry.checksum !== file.checksum) changed.push({ file, entry });
    else if (entry?.status === 'applied') applied.push(file);
    else pending.push(file);
  }
  return { applied, pending, changed, missing: ledger.filter((entry) => !versions.has(entry.version)), entries };
}
