// Reads a migrations folder: every file named NNNN_description.(cql|ts|js|mjs), in version order,
// each with its sha256 and (CQL) its statements. Dot files and *.md are not migrations and are skipped.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { splitCqlStatements } from './cql-splitter';
import { DuplicateMigrationVersionError } from './errors/duplicate-migration-version-error';
import { MigrationFileNameError } from './errors/migration-file-name-error';
import { MigrationFolderError } from './errors/migration-folder-error';
import type { MigrationFile, MigrationKind } from './migration-file';

/** The folder used when none is given. */
export const DEFAULT_MIGRATIONS_FOLDER = 'migrations';

const MIGRATION_NAME = /^(\d{4,})_([A-Za-z0-9][A-Za-z0-9_-]*)\.(cql|ts|js|mjs)$/;

/** The migrations of `folder` in version order; throws a typed error for a bad folder, file name or duplicate version. */
export async function readMigrationFolder(folder: string = DEFAULT_MIGRATIONS_FOLDER): Promise<MigrationFile[]> {
  const path = resolve(folder);
  let names: string[];
  try {
    if (!(await stat(path)).isDirectory()) throw new MigrationFolderError(folder, 'is not a folder: give the folder that holds the NNNN_description.cql files.');
    names = await readdir(path);
  } catch (error) {
    if (error instanceof MigrationFolderError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist: create it (cassia migrate new does) or pass --folder.' : `cannot be read (${code ?? 'unknown error'}).`;
    throw new MigrationFolderError(folder, reason, { cause: error });
  }
  const files: MigrationFile[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.') || name.endsWith('.md')) continue;
    const filePath = join(path, name);
    if (!(await stat(filePath)).isFile()) continue;
    const match = MIGRATION_NAME.exec(name);
    if (match === null) throw new MigrationFileNameError(filePath);
    const bytes = await readFile(filePath);
    const kind: MigrationKind = match[3] === 'cql' ? 'cql' : 'module';
    files.push({
      version: Number(match[1]),
      name,
      path: filePath,
      kind,
      checksum: sha256(bytes),
      statements: kind === 'cql' ? splitCqlStatements(bytes.toString('utf8'), filePath) : [],
    });
  }
  files.sort((a, b) => a.version - b.version);
  for (let i = 1; i < files.length; i++) {
    if (files[i].version === files[i - 1].version) throw new DuplicateMigrationVersionError(files[i].version, files[i - 1].path, files[i].path);
  }
  return files;
}

/** sha256 of `bytes`, hex: the checksum the ledger records per file. */
export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
