// Reading a migrations folder: version order, checksums, kinds, and typed errors for a bad folder,
// a bad file name and duplicate versions.
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DuplicateMigrationVersionError,
  MigrationFileNameError,
  MigrationFolderError,
  MigrationSyntaxError,
  readMigrationFolder,
} from '@cassia/migrate';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassia-migrations-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readMigrationFolder', () => {
  it('reads CQL and module migrations in version order, with a sha256 of each file', async () => {
    const cql = 'CREATE TABLE a (id int PRIMARY KEY);\nALTER TABLE a ADD v text;\n';
    await writeFile(join(dir, '0010_later.ts'), 'export async function up() {}\n');
    await writeFile(join(dir, '0002_create_a.cql'), cql);
    await writeFile(join(dir, 'README.md'), 'not a migration');
    await writeFile(join(dir, '.keep'), '');
    const files = await readMigrationFolder(dir);
    expect(files.map((file) => [file.version, file.name, file.kind])).toEqual([
      [2, '0002_create_a.cql', 'cql'],
      [10, '0010_later.ts', 'module'],
    ]);
    expect(files[0].checksum).toBe(createHash('sha256').update(cql).digest('hex'));
    expect(files[0].statements.map((s) => s.cql)).toEqual(['CREATE TABLE a (id int PRIMARY KEY)', 'ALTER TABLE a ADD v text']);
    expect(files[0].path).toBe(join(dir, '0002_create_a.cql'));
  });

  it('refuses a folder that does not exist or is a file', async () => {
    await expect(readMigrationFolder(join(dir, 'nope'))).rejects.toMatchObject({ code: 'ERR_CASSIA_MIGRATION_FOLDER' });
    await writeFile(join(dir, 'file'), '');
    await expect(readMigrationFolder(join(dir, 'file'))).rejects.toBeInstanceOf(MigrationFolderError);
  });

  it.each(['1_short.cql', '0001-dash.cql', '0001_x.sql', 'create.cql', '0001_.cql', '0001_a.b.cql'])('refuses the file name %s', async (name) => {
    await writeFile(join(dir, name), '');
    const error = await readMigrationFolder(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFileNameError);
    expect(error).toMatchObject({ code: 'ERR_CASSIA_MIGRATION_FILE_NAME', file: join(dir, name) });
  });

  it('ignores sub-folders', async () => {
    await mkdir(join(dir, 'drafts'));
    await expect(readMigrationFolder(dir)).resolves.toEqual([]);
  });

  it('refuses two files with one version, naming both', async () => {
    await writeFile(join(dir, '0001_a.cql'), '');
    await writeFile(join(dir, '0001_b.ts'), '');
    const error = await readMigrationFolder(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateMigrationVersionError);
    expect(error).toMatchObject({ code: 'ERR_CASSIA_DUPLICATE_MIGRATION_VERSION', version: 1, files: [join(dir, '0001_a.cql'), join(dir, '0001_b.ts')] });
  });

  it('reports a syntax error of a CQL file with its path and line', async () => {
    await writeFile(join(dir, '0001_bad.cql'), "SELECT 1;\n\nINSERT INTO t (k) VALUES ('x);\n");
    await expect(readMigrationFolder(dir)).rejects.toMatchObject({ constructor: MigrationSyntaxError, file: join(dir, '0001_bad.cql'), line: 3 });
  });
});
