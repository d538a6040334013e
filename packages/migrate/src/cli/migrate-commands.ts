// cassia migrate apply | status | new.
import { planSyncTables } from '@cassia/management';
import { applyMigrations } from '../apply-migrations';
import { MigrationModuleError } from '../errors/migration-module-error';
import { generatedMigration } from '../generated-migration';
import type { ApplyReport, StatusReport } from '../migration-report';
import { describeStatus, migrationStatus } from '../migration-status';
import { loadModels } from '../models-module';
import { nextMigrationName, writeNewMigration } from '../new-migration';
import { EXIT, toJson, type CliIo } from './cli-io';
import type { CommandSetup } from './command-setup';

/** cassia migrate apply: exit 1 when any target failed. */
export async function migrateApply(setup: CommandSetup, flags: { dryRun?: boolean; json?: boolean; leaseTtl?: number; leaseWait?: number }, io: CliIo): Promise<number> {
  const lease = {
    ...(flags.leaseTtl === undefined ? {} : { ttlSeconds: flags.leaseTtl }),
    ...(flags.leaseWait === undefined ? {} : { waitMs: flags.leaseWait * 1000 }),
  };
  const report = await applyMigrations({
    folder: setup.folder,
    registry: setup.registry,
    connections: setup.connections,
    keyspaces: setup.keyspaces,
    dryRun: flags.dryRun === true,
    lease,
    onProgress: setup.progress,
  });
  io.stdout(flags.json === true ? `${toJson(report)}\n` : applyText(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** cassia migrate status: exit 1 when a target could not be read or has a changed file. */
export async function migrateStatus(setup: CommandSetup, flags: { json?: boolean }, io: CliIo): Promise<number> {
  const report = await migrationStatus({ folder: setup.folder, registry: setup.registry, connections: setup.connections, keyspaces: setup.keyspaces });
  io.stdout(flags.json === true ? `${toJson(report)}\n` : statusText(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** cassia migrate new <name> [--from-models module]: writes the next file (dry run: prints it). */
export async function migrateNew(
  setup: CommandSetup,
  name: string,
  flags: { fromModels?: string | boolean; dryRun?: boolean; json?: boolean },
  io: CliIo,
): Promise<number> {
  let text: string;
  let statements: string[] = [];
  if (flags.fromModels === undefined || flags.fromModels === false) {
    text = '-- Write this migration\'s CQL statements here, each ending with `;`. Leave table names unqualified:\n-- the file runs in each target keyspace.\n';
  } else {
    const module = typeof flags.fromModels === 'string' ? flags.fromModels : setup.loaded.modelsModule;
    if (module === undefined) throw new MigrationModuleError('--from-models', 'name the models module (--from-models ./src/models.ts) or set `models` in the configuration.');
    const models = await loadModels(module);
    const results = await planSyncTables(models, {
      registry: setup.registry,
      connections: setup.connections,
      keyspaces: setup.keyspaces,
      onProgress: setup.progress,
    });
    const generated = generatedMigration(results, module);
    if (generated.text === undefined) {
      io.stdout(flags.json === true ? `${toJson({ file: null, statements: [] })}\n` : 'The database already matches the models: no migration written.\n');
      return EXIT.ok;
    }
    text = generated.text;
    statements = generated.statements;
    setup.progress('destructive steps (drop column, type change by add-copy-drop) are never generated: write them by hand');
  }
  if (flags.dryRun === true) {
    const file = await nextMigrationName(setup.folder, name);
    io.stdout(flags.json === true ? `${toJson({ file, statements, written: false })}\n` : `-- ${file} (dry run, not written)\n${text}`);
    return EXIT.ok;
  }
  const path = await writeNewMigration(setup.folder, name, text);
  io.stdout(flags.json === true ? `${toJson({ file: path, statements, written: true })}\n` : `wrote ${path}\n`);
  return EXIT.ok;
}

function applyText(report: ApplyReport): string {
  return report.targets
    .map((target) => {
      const where = `${target.connection}/${target.keyspace}`;
      switch (target.outcome) {
        case 'failed':
          return `${where}: FAILED ${target.error?.code ?? ''} ${target.error?.message ?? ''}`;
        case 'up-to-date':
          return `${where}: up to date`;
        case 'dry-run':
          return [`${where}: would apply ${target.applied.join(', ') || 'nothing'}`, ...target.statements.map((statement) => `  ${statement};`)].join('\n');
        default:
          return `${where}: applied ${target.applied.join(', ')}${target.resumed === undefined ? '' : ` (resumed ${target.resumed})`}`;
      }
    })
    .map((line) => `${line}\n`)
    .join('');
}

function statusText(report: StatusReport): string {
  const lines: string[] = [];
  for (const target of report.targets) {
    lines.push(`${target.connection}/${target.keyspace}: ${describeStatus(target)}`);
    for (const name of target.applied) lines.push(`  applied  ${name}`);
    for (const name of target.pending) lines.push(`  pending  ${name}`);
    for (const name of target.changed) lines.push(`  CHANGED  ${name}`);
  }
  return `${lines.join('\n')}\n`;
}
