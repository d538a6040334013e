// Seed § "Default Model Connection": Automobile names 'cluster2', so its queries run there
// whatever the registry's default is.
import { setDefaultConnection } from '@cassia/core';
import { query } from '@cassia/query';
import { registerConnections } from './01-register-connections';
import { dropSeedKeyspaces, manageSchema } from './04-management';
import { Automobile } from './support/automobile';
import { runAsScript } from './support/run-example';
import type { Walkthrough } from './support/walkthrough';

export async function modelConnection(w: Walkthrough): Promise<void> {
  w.step("Automobile { keyspace: 'test', connection: 'cluster2' }: query(Automobile).all()");
  // Put a car on cluster2 only (through our own client), then make the registry default point elsewhere.
  await w.raw('cluster2').execute('INSERT INTO test.automobile (manufacturer, year, model) VALUES (?, ?, ?)', ['Tesla', 2012, 'Model S'], { prepare: true });
  setDefaultConnection('cluster1');
  const cars = await query(Automobile).all();
  w.show('len(Automobile.objects.all())', cars.length);
  w.check(cars.length === 1 && cars[0].model === 'Model S', "executed on the model's connection 'cluster2', not the default 'cluster1'");
  setDefaultConnection('cluster2');
}

if (require.main === module) runAsScript([registerConnections, manageSchema, modelConnection], dropSeedKeyspaces);
