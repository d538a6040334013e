// One "application instance" of the concurrent-sync tests, run as its own process: the README's
// startup (createSimpleKeyspace, then syncTable for every model) on cluster1 and cluster2 at once.
// Usage: node --import tsx sync-process.ts <v1|v2> <keyspace> <cluster1 contact> <cluster2 contact>
// Prints one JSON line: { ok: true, results } or { ok: false, code, message }.
import { ConnectionRegistry } from '@cassia/core';
import { createSimpleKeyspace, syncTable } from '@cassia/management';
import { V1_MODELS, V2_MODELS } from './deploy-models';

async function main(): Promise<void> {
  const [release, keyspace, cluster1, cluster2] = process.argv.slice(2);
  const registry = new ConnectionRegistry();
  try {
    await registry.registerConnection('cluster1', { contactPoints: [cluster1] });
    await registry.registerConnection('cluster2', { contactPoints: [cluster2] });
    const connections = ['cluster1', 'cluster2'];
    const keyspaces = await createSimpleKeyspace(keyspace, { registry, replicationFactor: 1, connections });
    const models = release === 'v1' ? V1_MODELS : V2_MODELS;
    const tables = await Promise.all(models.map((model) => syncTable(model, { registry, connections, keyspaces: [keyspace] })));
    process.stdout.write(`${JSON.stringify({ ok: true, keyspaces, tables: tables.flat() })}\n`);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    process.stdout.write(`${JSON.stringify({ ok: false, code, message })}\n`);
    process.exitCode = 1;
  } finally {
    await registry.shutdown();
  }
}

void main();
