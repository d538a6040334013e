// Seed § "QuerySet and model instance": using() picks a connection and/or keyspace for one query,
// and a row read from one place is saved to another.
import { query } from '@cassia/query';
import { registerConnections } from './01-register-connections';
import { dropSeedKeyspaces, manageSchema } from './04-management';
import { Automobile } from './support/automobile';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

export async function usingConnections(w: Walkthrough): Promise<void> {
  w.step("query(Automobile).using({ connection: 'cluster1' }).create({ manufacturer: 'honda', year: 2010, model: 'civic' })");
  await query(Automobile).using({ connection: 'cluster1' }).create({ manufacturer: 'honda', year: 2010, model: 'civic' });
  const onOne = await w.modelsOn('cluster1', 'test', 'honda');
  const onTwo = await w.modelsOn('cluster2', 'test', 'honda');
  w.show('honda models on cluster1/test, cluster2/test', [onOne, onTwo]);
  w.check(onOne.join() === 'civic' && onTwo.length === 0, 'the civic landed on cluster1 only');

  w.step("q = query(Automobile).where({ manufacturer: 'Tesla' }); q.using({ keyspace: 'ks2', connection: 'cluster2' }).all()");
  for (const [year, model] of [[2017, 'Model 3'], [2020, 'Model Y']] as const) {
    await w.raw('cluster2').execute('INSERT INTO ks2.automobile (manufacturer, year, model) VALUES (?, ?, ?)', ['Tesla', year, model], { prepare: true });
  }
  const q = query(Automobile).where({ manufacturer: 'Tesla' });
  const autos = await q.using({ keyspace: 'ks2', connection: 'cluster2' }).all();
  w.show('autos', autos);
  w.check(autos.map((a) => a.model).join() === 'Model 3,Model Y', 'read from cluster2/ks2');

  w.step("for (const auto of autos) query(Automobile).using({ connection: 'cluster1' }).save(auto)");
  for (const auto of autos) {
    await query(Automobile).using({ connection: 'cluster1' }).save(auto);
  }
  const copied = await w.modelsOn('cluster1', 'test', 'Tesla');
  w.show('Tesla models on cluster1/test', copied);
  w.check(copied.join() === 'Model 3,Model Y', "each row was saved to cluster1, in the model's keyspace 'test'");
}

if (require.main === module) runAsScript([registerConnections, manageSchema, usingConnections], dropSeedKeyspaces);
