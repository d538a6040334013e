// The `cassia` command line (commander): migrate new | apply | status, schema check | pull.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CassiaError, type ConnectionRegistry } from '@cassia/core';
import { EXIT, errorJson, processIo, toJson, type CliIo } from './cli-io';
import { nameList, setUpCommand, type CommandSetup, type CommonFlags } from './command-setup';
import { migrateApply, migrateNew, migrateStatus } from './migrate-commands';
import { schemaCheck, schemaPull } from './schema-commands';

/** Runs the command line `argv` (as process.argv: node, script, args…); resolves the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  let json = false;
  const registries: ConnectionRegistry[] = [];
  const setUp = async (flags: CommonFlags): Promise<CommandSetup> => {
    const setup = await setUpCommand(flags, io);
    registries.push(setup.registry);
    return setup;
  };
  const program = new Command('cassia')
    .description('Schema migrations and schema checks for Cassia (Apache Cassandra)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  const common = (command: Command): Command =>
    command
      .option('--config <path>', 'configuration file (default: cassia.config.{ts,mjs,js,cjs,json} here)')
      .option('--connections <names>', 'connections to run on, comma-separated (default: the configured targets)', nameList)
      .option('--keyspaces <names>', 'keyspaces to run in, comma-separated (default: the configured targets)', nameList)
      .option('--folder <path>', 'migrations folder (default: the configured one, else ./migrations)')
      .option('--dry-run', 'say what would be done; change nothing')
      .option('--json', 'write the result as JSON on stdout');

  // Each action sets the exit code; a typed error before any target ran is a usage failure (2).
  const action =
    <A extends unknown[]>(run: (flags: CommonFlags & Record<string, unknown>, ...args: A) => Promise<number>) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const flags = command.opts<CommonFlags & Record<string, unknown>>();
      json = flags.json === true;
      exitCode = await run(flags, ...(args.slice(0, -2) as A));
    };

  const migrate = program.command('migrate').description('versioned migrations: files in a folder, a ledger and a lease per target');
  common(migrate.command('new <name>').description('write the next numbered migration file'))
    .option('--from-models [module]', 'fill it with the create/alter CQL sync would run for the models the module exports')
    .action(
      action(async (flags, name: string) =>
        migrateNew(await setUp(flags), name, flags as { fromModels?: string | boolean; dryRun?: boolean; json?: boolean }, io),
      ),
    );
  common(migrate.command('apply').description('apply pending migrations on every target (exit 1 when a target failed)'))
    .addOption(new Option('--lease-ttl <seconds>', 'seconds a lease lives unless renewed').argParser(positiveInteger).default(undefined))
    .addOption(new Option('--lease-wait <seconds>', 'seconds to wait for another process holding a lease').argParser(positiveInteger).default(undefined))
    .action(action(async (flags) => migrateApply(await setUp(flags), flags as { dryRun?: boolean; json?: boolean; leaseTtl?: number; leaseWait?: number }, io)));
  common(migrate.command('status').description('applied, pending and changed migrations per target (exit 1 when a file changed)')).action(
    action(async (flags) => migrateStatus(await setUp(flags), flags, io)),
  );

  const schema = program.command('schema').description('compare models with the database, or write models from it');
  common(schema.command('check').description('exit 1 with a readable diff when a target differs from the models'))
    .option('--models <module>', 'module exporting the models (default: the configured one)')
    .action(action(async (flags) => schemaCheck(await setUp(flags), flags as { models?: string; json?: boolean }, io)));
  common(schema.command('pull').description("write defineModel/defineType TypeScript for a live keyspace's tables and types"))
    .option('--keyspace <name>', 'the keyspace to read')
    .option('--connection <name>', 'the connection to read it on')
    .option('--out <file>', 'write the source to this file (default: stdout)')
    .action(action(async (flags) => schemaPull(await setUp(flags), flags as { keyspace?: string; connection?: string; out?: string; json?: boolean }, io)));

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (json) io.stdout(`${toJson({ ok: false, error: errorJson(error) })}\n`);
    io.stderr(`cassia: ${error instanceof CassiaError ? `${error.code}: ` : ''}${error instanceof Error ? error.message : 'unknown error'}\n`);
    return error instanceof CassiaError ? EXIT.usage : EXIT.failed;
  } finally {
    await Promise.all(registries.map((registry) => registry.shutdown().catch(() => undefined)));
  }
  return exitCode;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('a positive whole number is needed.');
  return number;
}
