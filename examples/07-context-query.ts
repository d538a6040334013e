// Seed § "Context Manager": withContext() hands out a bound Automobile for the callback only.
import { query, withContext } from '@cassia/query';
import { registerConnections } from './01-register-connections';
import { dropSeedKeyspaces, manageSchema } from './04-management';
import { Automobile } from './support/automobile';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

export async function contextQuery(w: Walkthrough): Promise<void> {
  w.step("withContext(Automobile, { connection: 'cluster1' }, (A) => A.where({ manufacturer: 'honda' }).all())");
  await w.raw('cluster1').execute('INSERT INTO test.automobile (manufacturer, year, model) VALUES (?, ?, ?)', ['honda', 2016, 'accord'], { prepare: true });
  const hondas = await withContext(Automobile, { connection: 'cluster1' }, (A) => A.where({ manufacturer: 'honda' }).all());
  w.show('hondas', hondas.map((h) => `${h.year} ${h.model}`));
  w.check(hondas.some((h) => h.model === 'accord'), "executed on 'cluster1'");
  const outside = await query(Automobile).where({ manufacturer: 'honda' }).all();
  w.show('the same query outside the context', `${outside.length} row(s) on cluster2`);
  w.check(outside.length === 0, 'outside the callback Automobile is back on its own connection');
}

if (require.main === module) runAsScript([registerConnections, manageSchema, contextQuery], dropSeedKeyspaces);
