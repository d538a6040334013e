// Multi-datacenter: the dedicated `multidc` cluster (127.0.0.9 in dc1, 127.0.0.10 in dc2,
// GossipingPropertyFileSnitch). A keyspace replicated { dc1: 1, dc2: 1 }; a connection with
// localDataCenter 'dc2' sends its statements to the dc2 node (seen by the driver's request
// tracker and the result's queriedHost); syncTable over it returns only once both datacenters see
// the table; and LOCAL_QUORUM keeps working there while the dc1 node is stopped.
import * as core from '@cassia/core';
import { createNetworkTopologyKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { clusterSpec, dataCenterOf, holdLoadLock, stderrProgress } from '@cassia/testkit';
import { type Client, tracker, types } from 'cassandra-driver';
import { dedicatedCluster, pollUntil, rawClient, report, type DedicatedCluster } from './support';

const spec = clusterSpec('multidc');
const [dc1Node, dc2Node] = spec.nodes;
const dc1Point = `${dc1Node.address}:${spec.nativePort}`;
const dc2Point = `${dc2Node.address}:${spec.nativePort}`;
const KEYSPACE = 'cassia_rel_multidc';

// A class at run time (the driver checks instanceof), typed as an interface by the driver.
const RequestTrackerBase = (tracker as unknown as { RequestTracker: new () => tracker.RequestTracker }).RequestTracker;

/** Records the coordinator of every statement the client runs. */
class CoordinatorRecorder extends RequestTrackerBase {
  readonly hosts: string[] = [];
  override shutdown(): void {}
  override onSuccess(host: { address: string }): void {
    this.hosts.push(host.address);
  }
  override onError(host: { address: string }): void {
    this.hosts.push(host.address);
  }
}

const Reading = defineModel({
  table: 'reading',
  keyspace: KEYSPACE,
  connection: 'dc2',
  columns: { sensor: t.text(), seq: t.int(), value: t.double() },
  partitionKey: ['sensor'],
  clusteringKey: [['seq', 'asc']],
});

let cluster: DedicatedCluster;
const recorder = new CoordinatorRecorder();
const figures: Record<string, string | number> = {};

/**
 * Runs `use` with a raw client whose statements go to the one node of `dataCenter`, and shuts it
 * down before returning (a client left open on a node the test stops keeps reconnecting).
 */
async function withRawClientIn<T>(point: string, dataCenter: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = rawClient([point], { localDataCenter: dataCenter });
  try {
    return await use(client);
  } finally {
    await client.shutdown();
  }
}

// Timed faults and heavy load: this file never runs beside another that holds the load lock.
let releaseLoadLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLoadLock = await holdLoadLock(stderrProgress);
}, 1_800_000);

beforeAll(async () => {
  cluster = await dedicatedCluster('multidc');
  await core.registerConnection('dc2', {
    contactPoints: [dc2Point, dc1Point],
    localDataCenter: 'dc2',
    clientOptions: { requestTracker: recorder },
  });
}, 600_000);

afterAll(async () => {
  report('multidc', figures);
  if (core.listConnections().includes('dc2')) await dropKeyspace(KEYSPACE, { connections: ['dc2'] }).catch(() => undefined);
  await core.shutdown();
  await cluster?.release();
}, 600_000);

test('the cluster has one node in each datacenter, named by its cassandra-rackdc.properties', async () => {
  expect([dataCenterOf(dc1Node), dataCenterOf(dc2Node)]).toEqual(['dc1', 'dc2']);
  const [local, peers] = await withRawClientIn(dc1Point, 'dc1', (client) =>
    Promise.all([client.execute('SELECT data_center FROM system.local'), client.execute('SELECT peer, data_center FROM system.peers')]),
  );
  expect(local.first().get('data_center')).toBe('dc1');
  expect(peers.rows.map((row) => [String(row.get('peer')), row.get('data_center')])).toEqual([[dc2Node.address, 'dc2']]);
});

test('createNetworkTopologyKeyspace and syncTable over the dc2 connection: both datacenters see them when it returns', async () => {
  await createNetworkTopologyKeyspace(KEYSPACE, { replication: { dc1: 1, dc2: 1 }, connections: ['dc2'] });
  const began = Date.now();
  const [result] = await syncTable(Reading);
  figures.syncTableMs = Date.now() - began;
  expect(result.action).toBe('created');
  // No polling: syncTable waited for schema agreement, so each node already has the table.
  for (const [point, dataCenter] of [[dc1Point, 'dc1'], [dc2Point, 'dc2']]) {
    const seen = await withRawClientIn(point, dataCenter, (client) =>
      client.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [KEYSPACE, 'reading']),
    );
    expect(seen.info.queriedHost).toBe(point);
    expect(seen.rowLength).toBe(1);
  }
  const replication = await withRawClientIn(dc2Point, 'dc2', (client) =>
    client.execute('SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?', [KEYSPACE]),
  );
  expect(replication.first().get('replication')).toEqual(new Map([['class', 'org.apache.cassandra.locator.NetworkTopologyStrategy'], ['dc1', '1'], ['dc2', '1']]));
});

test('with localDataCenter dc2 every statement is coordinated by the dc2 node', async () => {
  recorder.hosts.length = 0;
  for (let seq = 0; seq < 20; seq++) await query(Reading).create({ sensor: 's1', seq, value: seq / 2 });
  expect(await query(Reading).where({ sensor: 's1' }).count()).toBe(20);
  const rows = await core.execute('SELECT sensor FROM cassia_rel_multidc.reading WHERE sensor = ?', ['s1'], { connection: 'dc2' });
  expect(rows.info.queriedHost).toBe(dc2Point);
  expect(recorder.hosts.length).toBeGreaterThanOrEqual(22);
  expect(new Set(recorder.hosts)).toEqual(new Set([dc2Point]));
  // The dc1 replica has the rows too (RF dc1: 1), read there with LOCAL_ONE.
  const inDc1 = await withRawClientIn(dc1Point, 'dc1', (client) =>
    client.execute(`SELECT count(*) AS n FROM ${KEYSPACE}.reading WHERE sensor = 's1'`, [], { consistency: types.consistencies.localOne }),
  );
  expect(Number(inDc1.first().get('n'))).toBe(20);
});

test('LOCAL_QUORUM on the dc2 connection works while the dc1 node is stopped, and after it restarts', async () => {
  figures.stopMs = await cluster.stop(dc1Node.name);
  recorder.hosts.length = 0;
  const local = query(Reading).consistency('localQuorum');
  for (let seq = 100; seq < 120; seq++) await local.create({ sensor: 's2', seq, value: seq });
  expect(await local.where({ sensor: 's2' }).count()).toBe(20);
  expect(await local.where({ sensor: 's2', seq: 105 }).get()).toEqual({ sensor: 's2', seq: 105, value: 105 });
  expect(new Set(recorder.hosts)).toEqual(new Set([dc2Point]));
  // QUORUM over both datacenters (2 of 2 replicas) cannot be met with dc1 down: the cluster is really one node short.
  await expect(query(Reading).consistency('quorum').where({ sensor: 's2' }).count()).rejects.toBeInstanceOf(core.CassiaError);

  figures.restartMs = await cluster.restart(dc1Node.name);
  // Gossip tells the coordinator the node is back a little after it answers CQL.
  const { value, ms } = await pollUntil(() => query(Reading).consistency('quorum').where({ sensor: 's2' }).count(), 60_000);
  expect(value).toBe(20);
  figures.quorumAgainAfterMs = ms;
}, 400_000);

// Declared last: it runs after this file's own cleanup.
afterAll(() => releaseLoadLock?.());
