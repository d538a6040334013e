// runOnTargets: connections at once; one connection's targets in order, or at once when the work of
// each touches only its own keyspace (syncTables, planSyncTables).
import type { ResolvedTarget } from '@cassia/core';
import { runOnTargets } from '../src/target-runner';

const target = (connection: string, keyspace: string) => ({ connection: { name: connection }, keyspace }) as unknown as ResolvedTarget;
const targets = [target('c1', 'a'), target('c1', 'b'), target('c2', 'a')];

async function order(concurrentTargets: boolean | undefined): Promise<string[]> {
  const log: string[] = [];
  const results = await runOnTargets(
    targets,
    async (t) => {
      const name = `${t.connection.name}/${t.keyspace}`;
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${name}`);
      return { result: name, progress: 'done' };
    },
    { operation: 'test', subject: undefined, concurrentTargets },
  );
  expect(results).toEqual(['c1/a', 'c1/b', 'c2/a']);
  return log;
}

describe('runOnTargets', () => {
  it("runs one connection's targets one after another by default", async () => {
    const log = await order(undefined);
    expect(log.indexOf('end c1/a')).toBeLessThan(log.indexOf('start c1/b'));
    expect(log.indexOf('start c2/a')).toBeLessThan(log.indexOf('end c1/a'));
  });

  it('runs them at once when asked', async () => {
    const log = await order(true);
    expect(log.indexOf('start c1/b')).toBeLessThan(log.indexOf('end c1/a'));
  });
});
