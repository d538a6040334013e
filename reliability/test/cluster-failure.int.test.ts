// Cluster failure: with one registered cluster down, the other keeps working, statements on the
// down one fail fast with a typed error naming the connection, and once it is back the SAME
// registered connection works again without re-registration.
//
// The connection named 'cluster2' here points at testkit's dedicated `faulty` node (127.0.0.7),
// not at the shared cluster2 (127.0.0.2): the other integration suites run in parallel against
// cluster1 and cluster2, so this file must never stop either of them. 'faulty' plays "cluster2".
import * as core from '@cassia/core';
import { CassiaError, ConnectionError, ExecutionError } from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { clusterSpec, testClusters, holdLoadLock, stderrProgress } from '@cassia/testkit';
import { policies } from 'cassandra-driver';
import { Socket } from 'node:net';
import { dedicatedCluster, pollUntil, report, thrownBy, type DedicatedCluster } from './support';

const KEYSPACE = 'cassia_rel_failover';
const READ_TIMEOUT_MS = 3_000;
const CONNECT_TIMEOUT_MS = 2_000;
// A statement on the down cluster must fail within the read timeout plus scheduling slack.
const FAIL_WITHIN_MS = READ_TIMEOUT_MS + 1_500;
const OUTAGE_ROUNDS = 10;

const Probe = defineModel({
  table: 'probe',
  keyspace: KEYSPACE,
  columns: { id: t.int(), v: t.text() },
  partitionKey: ['id'],
});

const faultySpec = clusterSpec('faulty');
const faultyContactPoint = `${faultySpec.nodes[0].address}:${faultySpec.nativePort}`;
const faultyNode = faultySpec.nodes[0].name;
let faulty: DedicatedCluster;

const shortTimeouts = {
  socketOptions: { connectTimeout: CONNECT_TIMEOUT_MS, readTimeout: READ_TIMEOUT_MS },
  policies: { reconnection: new policies.reconnection.ConstantReconnectionPolicy(500) },
};

// Timed faults and heavy load: this file never runs beside another that holds the load lock.
let releaseLoadLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLoadLock = await holdLoadLock(stderrProgress);
}, 1_800_000);

beforeAll(async () => {
  faulty = await dedicatedCluster('faulty');
  await core.registerConnection('cluster1', { contactPoints: [testClusters().cluster1], clientOptions: shortTimeouts });
  await core.registerConnection('cluster2', { contactPoints: [faultyContactPoint], clientOptions: shortTimeouts });
  await createSimpleKeyspace(KEYSPACE, { replicationFactor: 1, connections: ['cluster1', 'cluster2'] });
  await syncTable(Probe, { connections: ['cluster1', 'cluster2'] });
}, 300_000);

afterAll(async () => {
  await dropKeyspace(KEYSPACE, { connections: ['cluster1'] }).catch(() => undefined);
  await dropKeyspace(KEYSPACE, { connections: ['cluster2'] }).catch(() => undefined);
  await core.shutdown();
  // Known leftover (reported, see the report line): after the node's outage and recovery the
  // driver (cassandra-driver 4.10) sometimes keeps one socket to it open after Client.shutdown(),
  // which would keep a single-file jest run from exiting. Cassia has no handle on that socket;
  // the test closes it so the run ends, and reports how many there were.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const leftover = openSocketsTo(faultySpec.nodes[0].address);
  for (const socket of leftover) socket.destroy();
  report('cluster failure cleanup', { driverSocketsLeftAfterShutdown: leftover.length });
  await faulty?.release();
}, 300_000);

function openSocketsTo(address: string): Socket[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h): h is Socket => h instanceof Socket && h.remoteAddress === address);
}

test("'cluster2' down: cluster1 keeps working, cluster2 fails fast and typed, then recovers on the same connection", async () => {
  const cluster2 = core.getConnection('cluster2');
  await query(Probe).using({ connection: 'cluster1' }).create({ id: 0, v: 'before' });
  await query(Probe).using({ connection: 'cluster2' }).create({ id: 0, v: 'before' });

  const stopMs = await faulty.stop(faultyNode);

  let cluster1Ok = 0;
  let cluster2Failed = 0;
  let slowestFailureMs = 0;
  for (let round = 1; round <= OUTAGE_ROUNDS; round++) {
    await query(Probe).using({ connection: 'cluster1' }).create({ id: round, v: `during ${round}` });
    expect(await query(Probe).using({ connection: 'cluster1' }).where({ id: round }).get()).toEqual({ id: round, v: `during ${round}` });
    cluster1Ok += 2;

    for (const attempt of [
      () => query(Probe).using({ connection: 'cluster2' }).create({ id: round, v: `during ${round}` }),
      () => query(Probe).using({ connection: 'cluster2' }).where({ id: 0 }).get(),
    ]) {
      const began = Date.now();
      const error = await thrownBy(attempt);
      const elapsed = Date.now() - began;
      slowestFailureMs = Math.max(slowestFailureMs, elapsed);
      expect(error).toBeInstanceOf(CassiaError);
      expect([ConnectionError, ExecutionError].some((type) => error instanceof type)).toBe(true);
      expect((error as ConnectionError | ExecutionError).connection).toBe('cluster2');
      expect((error as Error).message).toContain("'cluster2'");
      expect(elapsed).toBeLessThan(FAIL_WITHIN_MS);
      cluster2Failed += 1;
    }
  }

  const restartMs = await faulty.restart(faultyNode);
  // The driver reconnects on its own (reconnection policy); nothing is re-registered.
  const recovered = await pollUntil(() => query(Probe).using({ connection: 'cluster2' }).where({ id: 0 }).get(), 60_000);
  expect(recovered.value).toEqual({ id: 0, v: 'before' });
  expect(core.getConnection('cluster2')).toBe(cluster2);
  expect(core.listConnections()).toEqual(['cluster1', 'cluster2']);
  await query(Probe).using({ connection: 'cluster2' }).create({ id: 99, v: 'after' });
  expect(await query(Probe).using({ connection: 'cluster2' }).where({ id: 99 }).get()).toEqual({ id: 99, v: 'after' });
  // Nothing written to cluster2 during the outage got in.
  expect(await query(Probe).using({ connection: 'cluster2' }).count()).toBe(2);
  expect(await query(Probe).using({ connection: 'cluster1' }).count()).toBe(OUTAGE_ROUNDS + 1);

  report('cluster failure', {
    cluster1Succeeded: cluster1Ok,
    cluster2FailedTyped: cluster2Failed,
    slowestFailureMs,
    failWithinMs: FAIL_WITHIN_MS,
    stopMs,
    restartMs,
    reconnectAfterReadyMs: recovered.ms,
  });
}, 300_000);

// Declared last: it runs after this file's own cleanup.
afterAll(() => releaseLoadLock?.());
