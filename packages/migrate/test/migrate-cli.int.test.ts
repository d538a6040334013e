// issue 17 on real clusters, through the built `cassia` command run as child processes: 8 appliers
// at once over 2 connections × 2 keyspaces apply each migration exactly once per target; an applier
// killed mid-migration is resumed by the next run once its lease expires; a changed file is refused;
// status, an unreachable target and an unknown connection. Ledger and data are read by raw clients.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'cassandra-driver';
import { freshKeyspace, makeWorkFolder, rawClients, removeWorkFolder, runCli, startCli, waitFor } from './cli-harness';

const KS_A = 'migrate_cli_a';
const KS_B = 'migrate_cli_b';
const KS_KILL = 'migrate_cli_kill';
const KEYSPACES = [KS_A, KS_B];

let raw: { c1: Client; c2: Client };
let work: string;

const CREATE = `-- tables for the run
CREATE TABLE items (id int PRIMARY KEY, label text);
CREATE TABLE tally (name text PRIMARY KEY, n counter);
`;
// Counter increments are not idempotent: a second run of a statement shows as 2.
const SEED = `UPDATE tally SET n = n + 1 WHERE name = 'seed';
INSERT INTO items (id, label) VALUES (1, 'one; with a semicolon');
`;
const MODULE = `export async function up(ctx) {
  await ctx.step(async () => { await ctx.execute("UPDATE tally SET n = n + 1 WHERE name = 'module'"); });
  await ctx.step(async () => { await ctx.execute('INSERT INTO items (id, label) VALUES (?, ?)', [2, ctx.keyspace]); });
}
`;

async function tally(client: Client, keyspace: string): Promise<Record<string, number>> {
  const result = await client.execute(`SELECT name, n FROM "${keyspace}".tally`);
  return Object.fromEntries(result.rows.map((row) => [String(row.name), Number(row.n)]));
}

async function ledger(client: Client, keyspace: string) {
  const result = await client.execute(`SELECT version, name, status, statements_done, checksum, applied_by FROM "${keyspace}".cassia_migrations`);
  return result.rows
    .map((row) => ({ version: Number(row.version), name: String(row.name), status: String(row.status), done: Number(row.statements_done) }))
    .sort((a, b) => a.version - b.version);
}

beforeAll(async () => {
  raw = rawClients();
  for (const client of [raw.c1, raw.c2]) for (const keyspace of KEYSPACES) await freshKeyspace(client, keyspace);
  await freshKeyspace(raw.c1, KS_KILL);
  work = await makeWorkFolder('cassia-migrate-cli-', KEYSPACES);
  await writeFile(join(work, 'migrations', '0001_create.cql'), CREATE);
  await writeFile(join(work, 'migrations', '0002_seed.cql'), SEED);
  await writeFile(join(work, 'migrations', '0003_module.mjs'), MODULE);
});

afterAll(async () => {
  for (const client of [raw.c1, raw.c2]) for (const keyspace of KEYSPACES) await client.execute(`DROP KEYSPACE IF EXISTS "${keyspace}"`);
  await raw.c1.execute(`DROP KEYSPACE IF EXISTS "${KS_KILL}"`);
  await raw.c1.shutdown();
  await raw.c2.shutdown();
  await removeWorkFolder(work);
});

describe('cassia migrate apply from 8 processes at once', () => {
  it('applies each of the 3 migrations exactly once on each of the 4 targets', async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, () => runCli(work, ['migrate', 'apply', '--json', '--lease-ttl', '10', '--lease-wait', '240'])));
    for (const run of runs) expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    const reports = runs.map((run) => JSON.parse(run.stdout) as { ok: boolean; targets: { connection: string; keyspace: string; outcome: string; applied: string[] }[] });
    // Across the 8 processes, each target's migrations were applied by exactly one of them.
    for (const connection of ['c1', 'c2']) {
      for (const keyspace of KEYSPACES) {
        const applied = reports.flatMap((report) =>
          report.targets.filter((target) => target.connection === connection && target.keyspace === keyspace).flatMap((target) => target.applied),
        );
        expect(applied.sort()).toEqual(['0001_create.cql', '0002_seed.cql', '0003_module.mjs']);
      }
    }
    for (const client of [raw.c1, raw.c2]) {
      for (const keyspace of KEYSPACES) {
        expect(await ledger(client, keyspace)).toEqual([
          { version: 1, name: '0001_create.cql', status: 'applied', done: 2 },
          { version: 2, name: '0002_seed.cql', status: 'applied', done: 2 },
          { version: 3, name: '0003_module.mjs', status: 'applied', done: 2 },
        ]);
        expect(await tally(client, keyspace)).toEqual({ seed: 1, module: 1 });
        const items = await client.execute(`SELECT id, label FROM "${keyspace}".items`);
        expect(items.rows.map((row) => [row.id, row.label]).sort()).toEqual([
          [1, 'one; with a semicolon'],
          [2, keyspace],
        ]);
        // The lease was released at the end.
        expect((await client.execute(`SELECT * FROM "${keyspace}".cassia_migration_lease`)).rows).toEqual([]);
      }
    }
  });

  it('then reports every target up to date, and status lists the 3 as applied (exit 0)', async () => {
    const again = await runCli(work, ['migrate', 'apply', '--json']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { targets: { outcome: string }[] }).targets.map((t) => t.outcome)).toEqual(['up-to-date', 'up-to-date', 'up-to-date', 'up-to-date']);
    const status = await runCli(work, ['migrate', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`c2/${KS_B}: 3 applied, 0 pending, 0 changed`);
    expect(status.stdout).toContain('  applied  0003_module.mjs');
  });

  it('refuses a changed applied file on every target, naming file and target (MigrationChecksumError, exit 1)', async () => {
    const path = join(work, 'migrations', '0002_seed.cql');
    const original = await readFile(path, 'utf8');
    await writeFile(join(work, 'migrations', '0004_more.cql'), "UPDATE tally SET n = n + 1 WHERE name = 'more';\n");
    await appendFile(path, "UPDATE tally SET n = n + 1 WHERE name = 'sneaky';\n");
    try {
      const run = await runCli(work, ['migrate', 'apply', '--json']);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { ok: boolean; targets: { connection: string; keyspace: string; outcome: string; error: { code: string; message: string } }[] };
      expect(report.ok).toBe(false);
      for (const target of report.targets) {
        expect(target.outcome).toBe('failed');
        expect(target.error.code).toBe('ERR_CASSIA_MIGRATION_CHECKSUM');
        expect(target.error.message).toContain(path);
        expect(target.error.message).toContain(`${target.connection}/${target.keyspace}`);
      }
      const status = await runCli(work, ['migrate', 'status', '--json']);
      expect(status.code).toBe(1);
      const statuses = (JSON.parse(status.stdout) as { targets: { changed: string[]; pending: string[] }[] }).targets;
      expect(statuses.map((target) => [target.changed, target.pending])).toEqual(Array(4).fill([['0002_seed.cql'], ['0004_more.cql']]));
      // Nothing ran: 0004 is still pending and the sneaky statement never ran.
      expect(await tally(raw.c1, KS_A)).toEqual({ seed: 1, module: 1 });
    } finally {
      await writeFile(path, original);
    }
    const after = await runCli(work, ['migrate', 'apply', '--json']);
    expect(after.code).toBe(0);
    expect(await tally(raw.c2, KS_B)).toEqual({ seed: 1, module: 1, more: 1 });
  });

  it('an unreachable target fails alone (exit 1) and an unknown connection stops before anything runs (exit 2)', async () => {
    await writeFile(join(work, 'migrations', '0005_last.cql'), "UPDATE tally SET n = n + 1 WHERE name = 'last';\n");
    const run = await runCli(work, ['migrate', 'apply', '--json', '--connections', 'dead,c1', '--keyspaces', KS_A]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { targets: { connection: string; outcome: string; error?: { code: string } }[] };
    expect(report.targets.map((target) => [target.connection, target.outcome])).toEqual([
      ['dead', 'failed'],
      ['c1', 'applied'],
    ]);
    expect(report.targets[0].error?.code).toBe('ERR_CASSIA_CONNECTION');
    expect((await tally(raw.c1, KS_A)).last).toBe(1);

    const unknown = await runCli(work, ['migrate', 'apply', '--connections', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ERR_CASSIA_UNKNOWN_CONNECTION');
    expect((await tally(raw.c2, KS_A)).last).toBeUndefined();
  });

  it('--dry-run lists what would run and writes nothing', async () => {
    const run = await runCli(work, ['migrate', 'apply', '--dry-run', '--connections', 'c2', '--keyspaces', KS_A]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`c2/${KS_A}: would apply 0005_last.cql`);
    expect(run.stdout).toContain("UPDATE tally SET n = n + 1 WHERE name = 'last';");
    expect((await tally(raw.c2, KS_A)).last).toBeUndefined();
  });
});

describe('an applier killed mid-migration', () => {
  it('leaves its lease to expire; the next run waits for it, resumes after the last step done and finishes', async () => {
    const dir = await makeWorkFolder('cassia-migrate-kill-', [KS_KILL]);
    const reached = join(dir, 'reached');
    const signal = join(dir, 'signal');
    try {
      await writeFile(join(dir, 'migrations', '0001_create.cql'), 'CREATE TABLE tally (name text PRIMARY KEY, n counter);\n');
      await writeFile(
        join(dir, 'migrations', '0002_wait.mjs'),
        `import { existsSync, writeFileSync } from 'node:fs';
export async function up(ctx) {
  await ctx.step(async () => { await ctx.execute("UPDATE tally SET n = n + 1 WHERE name = 'first'"); });
  await ctx.step(async () => {
    writeFileSync(${JSON.stringify(reached)}, 'x');
    while (!existsSync(${JSON.stringify(signal)})) await new Promise((r) => setTimeout(r, 50));
    await ctx.execute("UPDATE tally SET n = n + 1 WHERE name = 'second'");
  });
}
`,
      );
      await writeFile(join(dir, 'migrations', '0003_after.cql'), "UPDATE tally SET n = n + 1 WHERE name = 'after';\n");
      const args = ['migrate', 'apply', '--json', '--connections', 'c1', '--lease-ttl', '15', '--lease-wait', '90'];
      const first = startCli(dir, args);
      await waitFor(() => existsSync(reached), 60_000, 'the first applier to reach its waiting step');
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');
      expect(await ledger(raw.c1, KS_KILL)).toEqual([
        { version: 1, name: '0001_create.cql', status: 'applied', done: 1 },
        { version: 2, name: '0002_wait.mjs', status: 'running', done: 1 },
      ]);
      // The dead applier's lease is still there until its TTL runs out.
      expect((await raw.c1.execute(`SELECT owner FROM "${KS_KILL}".cassia_migration_lease`)).rows).toHaveLength(1);
      const status = await runCli(dir, ['migrate', 'status', '--connections', 'c1']);
      expect(status.stdout).toContain('half done: 0002_wait.mjs (1 done)');

      await writeFile(signal, 'go');
      const started = Date.now();
      const second = await runCli(dir, args);
      expect(second.code).toBe(0);
      const target = (JSON.parse(second.stdout) as { targets: { outcome: string; applied: string[]; resumed: string }[] }).targets[0];
      expect(target).toMatchObject({ outcome: 'applied', applied: ['0002_wait.mjs', '0003_after.cql'], resumed: '0002_wait.mjs' });
      // It found the dead holder's lease, waited for it to expire, then took it.
      expect(second.stderr).toContain('holds the migration lease');
      expect(Date.now() - started).toBeGreaterThan(3000);
      expect(second.stderr).toContain('step 1 done by an earlier run, skipped');
      expect(await tally(raw.c1, KS_KILL)).toEqual({ first: 1, second: 1, after: 1 });
      expect((await ledger(raw.c1, KS_KILL)).map((entry) => entry.status)).toEqual(['applied', 'applied', 'applied']);
    } finally {
      await removeWorkFolder(dir);
    }
  });

  it('a CQL migration recorded half done resumes at the statement after the last one done', async () => {
    const dir = await makeWorkFolder('cassia-migrate-resume-', [KS_KILL]);
    try {
      const text = "UPDATE tally SET n = n + 1 WHERE name = 'one';\nUPDATE tally SET n = n + 1 WHERE name = 'two';\nUPDATE tally SET n = n + 1 WHERE name = 'three';\n";
      await writeFile(join(dir, 'migrations', '0004_three.cql'), text);
      await raw.c1.execute(
        `INSERT INTO "${KS_KILL}".cassia_migrations (version, name, checksum, applied_at, applied_by, statements_done, status) VALUES (4, '0004_three.cql', ?, toTimestamp(now()), 'killed', 1, 'running')`,
        [createHash('sha256').update(text).digest('hex')],
        { prepare: true },
      );
      // Only this file is in the folder; the ledger's other rows are reported as missing files, not run.
      const run = await runCli(dir, ['migrate', 'apply', '--json', '--connections', 'c1']);
      expect(run.code).toBe(0);
      const tallies = await tally(raw.c1, KS_KILL);
      expect([tallies.one, tallies.two, tallies.three]).toEqual([undefined, 1, 1]);
      expect((await ledger(raw.c1, KS_KILL)).find((entry) => entry.version === 4)).toEqual({ version: 4, name: '0004_three.cql', status: 'applied', done: 3 });
    } finally {
      await removeWorkFolder(dir);
    }
  });
});
