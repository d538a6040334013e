// Applies examples/migrations/migrations to both clusters from a program (what `cassia migrate apply`
// does from the command line), then checks the models against the result:
//   npx tsx examples/migrations/apply.ts        (CASSIA_CLUSTER1 / CASSIA_CLUSTER2 pick other clusters)
import { join } from 'node:path';
import { registerConnection, shutdown } from '@cassia/core';
import { createSimpleKeyspace, planSyncTables } from '@cassia/management';
import { applyMigrations, migrationStatus } from '@cassia/migrate';
import { Automobile } from './models';

const KEYSPACE = 'cassia_example_migrations';

async function main(): Promise<number> {
  await registerConnection('cluster1', { contactPoints: [process.env.CASSIA_CLUSTER1 ?? '127.0.0.1:9042'], keyspace: KEYSPACE, default: true });
  await registerConnection('cluster2', { contactPoints: [process.env.CASSIA_CLUSTER2 ?? '127.0.0.2:9042'], keyspace: KEYSPACE });
  const connections = ['cluster1', 'cluster2'];
  await createSimpleKeyspace(KEYSPACE, { replicationFactor: 1, connections });

  const folder = join(__dirname, 'migrations');
  const report = await applyMigrations({ folder, connections, onProgress: (line) => console.error(line) });
  for (const target of report.targets) console.log(`${target.connection}/${target.keyspace}: ${target.outcome} ${target.applied.join(', ')}`);

  const status = await migrationStatus({ folder, connections });
  for (const target of status.targets) console.log(`${target.connection}/${target.keyspace}: ${target.applied.length} applied, ${target.pending.length} pending`);

  // After the migrations, the model needs nothing more: what `cassia schema check` exits 0 for.
  const drift = (await planSyncTables([Automobile], { connections })).filter((result) => result.statements.length > 0);
  console.log(drift.length === 0 ? 'the database matches the model' : `drift: ${drift.map((result) => result.statements.join('; ')).join(' | ')}`);
  return report.ok && drift.length === 0 ? 0 : 1;
}

main()
  .then(async (code) => {
    await shutdown();
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await shutdown();
    process.exitCode = 1;
  });
