// The cassia command without a cluster: help, usage errors and configuration or folder problems end
// with exit code 2 and say what is wrong; migrate new numbers files after the highest version.
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/program';

let dir: string;
let cwd: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassia-cli-unit-'));
  cwd = process.cwd();
  process.chdir(dir);
});
afterEach(async () => {
  process.chdir(cwd);
  await rm(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'cassia', ...args], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const CONFIG = { connections: { main: { contactPoints: ['127.0.0.1:9042'], keyspace: 'app' } } };

describe('cassia (no cluster needed)', () => {
  it('prints help with exit 0 and refuses an unknown command with exit 2', async () => {
    const help = await cli('migrate', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('apply');
    const unknown = await cli('migrate', 'sideways');
    expect(unknown.code).toBe(2);
  });

  it('says where it looked when there is no configuration (exit 2)', async () => {
    const run = await cli('migrate', 'status');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ERR_CASSIA_CONFIGURATION');
    expect(run.stderr).toContain('cassia.config.json');
  });

  it('refuses a malformed configuration, naming the problem', async () => {
    await writeFile(join(dir, 'cassia.config.json'), JSON.stringify({ connections: { main: { contactPoints: ['x'] } }, targets: { connections: ['other'] } }));
    const run = await cli('migrate', 'status', '--json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('targets.connections names "other"');
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'ERR_CASSIA_CONFIGURATION' } });
  });

  it('reports a missing migrations folder and a bad file name before connecting (exit 2)', async () => {
    await writeFile(join(dir, 'cassia.config.json'), JSON.stringify(CONFIG));
    const missing = await cli('migrate', 'apply');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ERR_CASSIA_MIGRATION_FOLDER');
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'migrations', 'create.cql'), '');
    const badName = await cli('migrate', 'apply');
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('ERR_CASSIA_MIGRATION_FILE_NAME');
  });

  it('refuses a lease TTL under 2 seconds before connecting (cells expire at whole seconds)', async () => {
    await writeFile(join(dir, 'cassia.config.json'), JSON.stringify(CONFIG));
    await mkdir(join(dir, 'migrations'));
    const run = await cli('migrate', 'apply', '--lease-ttl', '1');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('lease.ttlSeconds');
  });

  it('migrate new writes the next numbered file, and --dry-run writes nothing', async () => {
    await writeFile(join(dir, 'cassia.config.json'), JSON.stringify({ ...CONFIG, migrations: 'db/migrations' }));
    expect((await cli('migrate', 'new', 'create users')).code).toBe(0);
    await writeFile(join(dir, 'db', 'migrations', '0007_manual.cql'), '');
    const second = await cli('migrate', 'new', 'add-email');
    expect(second.stdout).toBe(`wrote ${join(dir, 'db', 'migrations', '0008_add-email.cql')}\n`);
    const dry = await cli('migrate', 'new', 'later', '--dry-run');
    expect(dry.stdout).toContain('-- 0009_later.cql (dry run, not written)');
    expect(await readdir(join(dir, 'db', 'migrations'))).toEqual(['0001_create_users.cql', '0007_manual.cql', '0008_add-email.cql']);
    expect(await readFile(join(dir, 'db', 'migrations', '0001_create_users.cql'), 'utf8')).toContain('unqualified');
    const bad = await cli('migrate', 'new', 'semi;colon');
    expect(bad.code).toBe(2);
  });
});
