// The routing tests of every other package rely on cluster1 and cluster2 being different
// clusters: a row written to one must not be visible on the other.
import { Client } from 'cassandra-driver';
import { randomUUID } from 'node:crypto';
import { clusterStatus, testClusters } from '../src';

function client(contactPoint: string): Client {
  return new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1' });
}

describe('the two local test clusters', () => {
  const { cluster1, cluster2 } = testClusters();
  const one = client(cluster1);
  const two = client(cluster2);
  const keyspace = 'cassia_testkit_it';

  beforeAll(async () => {
    for (const c of [one, two]) {
      await c.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
      await c.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.marker (id uuid PRIMARY KEY, note text)`);
    }
  });

  afterAll(async () => {
    for (const c of [one, two]) await c.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await Promise.all([one.shutdown(), two.shutdown()]);
  });

  it('report two different cluster names', async () => {
    const name = async (c: Client) => (await c.execute('SELECT cluster_name FROM system.local')).first().get('cluster_name');
    expect(await name(one)).toBe('cluster1');
    expect(await name(two)).toBe('cluster2');
  });

  it('keep a row written to cluster1 off cluster2', async () => {
    const id = randomUUID();
    await one.execute(`INSERT INTO ${keyspace}.marker (id, note) VALUES (?, ?)`, [id, 'only on cluster1'], { prepare: true });
    const select = `SELECT note FROM ${keyspace}.marker WHERE id = ?`;
    expect((await one.execute(select, [id], { prepare: true })).first()?.get('note')).toBe('only on cluster1');
    expect((await two.execute(select, [id], { prepare: true })).rowLength).toBe(0);
  });

  it('shows both clusters as up in the status report when testkit runs them', async () => {
    if (process.env.CASSIA_CLUSTER1) return expect(process.env.CASSIA_CLUSTER2).toBeDefined();
    const states = (await clusterStatus(['cluster1', 'cluster2'])).map((s) => s.state);
    expect(states.every((s) => s === 'running' || s === 'running-external')).toBe(true);
  });
});
