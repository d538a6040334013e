// A data step: each ctx.step runs once; a run killed between steps resumes at the next one.
import type { MigrationContext } from '@cassia/migrate';
import { Automobile } from '../models';

export async function up(ctx: MigrationContext): Promise<void> {
  await ctx.step(async () => {
    await ctx.query(Automobile).create({ manufacturer: 'Tesla', year: 2012, model: 'Model S', price: '79990.00' });
  });
  await ctx.step(async () => {
    await ctx.execute('UPDATE automobile SET price = ? WHERE manufacturer = ? AND year = ? AND model = ?', ['69990.00', 'Tesla', 2012, 'Model S']);
  });
}
