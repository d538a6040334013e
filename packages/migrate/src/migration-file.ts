// One migration as read from the folder: version, name, kind, checksum and (for CQL) its statements.
import type { CqlStatement } from './cql-splitter';

/** `cql`: statements run in order; `module`: a .ts/.js/.mjs file exporting `up(ctx)`. */
export type MigrationKind = 'cql' | 'module';

/** A migration file of the folder. */
export interface MigrationFile {
  /** The number before the first `_`, e.g. 3 for `0003_add_email.cql`. */
  readonly version: number;
  /** The file name, e.g. `0003_add_email.cql` (what the ledger records). */
  readonly name: string;
  /** Its absolute path. */
  readonly path: string;
  readonly kind: MigrationKind;
  /** sha256 of the file's bytes, hex. */
  readonly checksum: string;
  /** A CQL file's statements; empty for a module. */
  readonly statements: readonly CqlStatement[];
}
