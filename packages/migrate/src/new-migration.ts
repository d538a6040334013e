// Writes the next numbered migration file of a folder (cassia migrate new).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '@cassia/core';
import { readMigrationFolder } from './migration-folder';

/** The file name for a new migration after those of the folder: `NNNN_name.cql`, one more than the highest version. */
export async function nextMigrationName(folder: string, name: string, extension = 'cql'): Promise<string> {
  const description = name.trim().replace(/\s+/g, '_');
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(description)) {
    throw new ConfigurationError(`A migration name may hold letters, digits, '_' and '-' (spaces become '_'), got ${JSON.stringify(name)}.`);
  }
  await mkdir(resolve(folder), { recursive: true });
  const existing = await readMigrationFolder(folder);
  const version = (existing.at(-1)?.version ?? 0) + 1;
  return `${String(version).padStart(4, '0')}_${description}.${extension}`;
}

/** Writes `text` as the next migration of `folder`; resolves its path. Never overwrites a file. */
export async function writeNewMigration(folder: string, name: string, text: string): Promise<string> {
  const path = join(resolve(folder), await nextMigrationName(folder, name));
  await writeFile(path, text, { flag: 'wx' });
  return path;
}
