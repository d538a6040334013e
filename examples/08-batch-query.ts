// Seed § "BatchQuery": a batch names its connection; every statement in it runs there, together.
import { CassiaError } from '@cassia/core';
import { batch, query } from '@cassia/query';
import { registerConnections } from './01-register-connections';
import { dropSeedKeyspaces, manageSchema } from './04-management';
import { Automobile } from './support/automobile';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

export async function batchQuery(w: Walkthrough): Promise<void> {
  w.step("batch({ connection: 'cluster1' }, (b) => query(Automobile).batch(b).create({ manufacturer: 'honda', year: 2010, model: 'civic' }))");
  await batch({ connection: 'cluster1' }, async (b) => {
    await query(Automobile).batch(b).create({ manufacturer: 'honda', year: 2010, model: 'civic' });
    await query(Automobile).batch(b).create({ manufacturer: 'honda', year: 2022, model: 'e' });
  });
  const onOne = await w.modelsOn('cluster1', 'test', 'honda');
  const onTwo = await w.modelsOn('cluster2', 'test', 'honda');
  w.show('honda models on cluster1/test, cluster2/test', [onOne, onTwo]);
  w.check(onOne.includes('civic') && onOne.includes('e') && onTwo.length === 0, 'both statements ran on cluster1, in one batch');

  w.step("a statement naming another connection inside that batch");
  const error = await batch({ connection: 'cluster1' }, async (b) => {
    await query(Automobile).using({ connection: 'cluster2' }).batch(b).create({ manufacturer: 'kia', year: 2020, model: 'niro' });
  }).then(() => undefined, (e: unknown) => e);
  w.show('error', error instanceof CassiaError ? `${error.name} (${error.code})` : 'none');
  const kias = [...(await w.modelsOn('cluster1', 'test', 'kia')), ...(await w.modelsOn('cluster2', 'test', 'kia'))];
  w.check(error instanceof CassiaError && error.code === 'ERR_CASSIA_BATCH_CONNECTION' && kias.length === 0, 'refused before anything was sent');
}

if (require.main === module) runAsScript([registerConnections, manageSchema, batchQuery], dropSeedKeyspaces);
