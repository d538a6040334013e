// Node failure on the three-node cluster3 (127.0.0.3–5), keyspace RF 3: with one node stopped,
// QUORUM writes and reads succeed and nothing written (before or during the outage) is lost;
// at ALL they fail with a typed ExecutionError that says why. cluster3 is dedicated to fault
// tests (the shared cluster1/cluster2 are never touched); it is stopped afterwards if this file
// started it, else the stopped node is restarted.
import * as core from '@cassia/core';
import { ExecutionError } from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { clusterSpec, holdLoadLock, stderrProgress } from '@cassia/testkit';
import { errors as driverErrors, types } from 'cassandra-driver';
import { dedicatedCluster, report, runBounded, thrownBy, type DedicatedCluster } from './support';

const KEYSPACE = 'cassia_rel_rf3';
const ROWS_BEFORE = 300;
const ROWS_DURING = 300;
const spec = clusterSpec('cluster3');
const victim = spec.nodes[spec.nodes.length - 1].name;
let cluster3: DedicatedCluster;

const Ledger = defineModel({
  table: 'ledger',
  keyspace: KEYSPACE,
  connection: 'cluster3',
  columns: { id: t.int(), phase: t.text(), amount: t.bigint() },
  partitionKey: ['id'],
});

// Timed faults and heavy load: this file never runs beside another that holds the load lock.
let releaseLoadLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLoadLock = await holdLoadLock(stderrProgress);
}, 1_800_000);

beforeAll(async () => {
  cluster3 = await dedicatedCluster('cluster3');
  await core.registerConnection('cluster3', {
    contactPoints: spec.nodes.map((node) => `${node.address}:${spec.nativePort}`),
    clientOptions: { socketOptions: { readTimeout: 8_000, connectTimeout: 3_000 } },
  });
  await createSimpleKeyspace(KEYSPACE, { replicationFactor: 3, connections: ['cluster3'] });
  await syncTable(Ledger);
}, 300_000);

afterAll(async () => {
  if (cluster3 && !cluster3.startedHere) {
    await cluster3.release();
    await dropKeyspace(KEYSPACE, { connections: ['cluster3'] }).catch(() => undefined);
  }
  await core.shutdown();
  if (cluster3?.startedHere) await cluster3.release();
}, 300_000);

const write = (id: number, phase: string, consistency: 'quorum' | 'all') =>
  query(Ledger).consistency(consistency).create({ id, phase, amount: BigInt(id) * 1_000_000_007n });

async function readAll(consistency: 'quorum' | 'all', ids: number[]): Promise<number> {
  let found = 0;
  await runBounded(ids.length, 32, async (i) => {
    const row = await query(Ledger).consistency(consistency).where({ id: ids[i] }).first();
    if (row !== undefined && row.amount === BigInt(ids[i]) * 1_000_000_007n) found += 1;
  });
  return found;
}

test('one of three nodes down: QUORUM works and loses nothing, ALL fails with a typed error', async () => {
  const before = Array.from({ length: ROWS_BEFORE }, (_, i) => i);
  const during = Array.from({ length: ROWS_DURING }, (_, i) => ROWS_BEFORE + i);
  await runBounded(before.length, 32, (i) => write(before[i], 'before', 'all'));
  expect(await readAll('all', before)).toBe(ROWS_BEFORE);

  const stopMs = await cluster3.stop(victim);

  await runBounded(during.length, 32, (i) => write(during[i], 'during', 'quorum'));
  const everything = [...before, ...during];
  const foundAtQuorum = await readAll('quorum', everything);
  expect(foundAtQuorum).toBe(ROWS_BEFORE + ROWS_DURING);
  expect(await query(Ledger).consistency('quorum').count()).toBe(ROWS_BEFORE + ROWS_DURING);

  const failures: ExecutionError[] = [];
  for (const attempt of [
    () => write(10_000, 'all', 'all'),
    () => query(Ledger).consistency('all').where({ id: 1 }).get(),
    () => query(Ledger).consistency('all').count(),
  ]) {
    const error = await thrownBy(attempt);
    expect(error).toBeInstanceOf(ExecutionError);
    const failure = error as ExecutionError;
    expect(failure.code).toBe('ERR_CASSIA_EXECUTION');
    expect(failure.connection).toBe('cluster3');
    // Unavailable when the coordinator already knows the node is down (the usual case after a
    // clean shutdown), a timeout if it learns only while waiting; either way the message says ALL.
    expect([types.responseErrorCodes.unavailableException, types.responseErrorCodes.writeTimeout, types.responseErrorCodes.readTimeout]).toContain(
      failure.serverCode,
    );
    expect(failure.cause).toBeInstanceOf(driverErrors.ResponseError);
    expect(failure.message).toMatch(/consistency ALL|ALL/);
    expect(failure.message).toContain("'cluster3'");
    failures.push(failure);
  }
  // The failed ALL write may have reached the live replicas (Cassandra does not roll back), but
  // nothing that was acknowledged is missing.
  expect(await readAll('quorum', everything)).toBe(ROWS_BEFORE + ROWS_DURING);

  report('node failure', {
    rf: 3,
    stoppedNode: victim,
    rowsBefore: ROWS_BEFORE,
    rowsDuringOutageAtQuorum: ROWS_DURING,
    verifiedAtQuorum: foundAtQuorum,
    lost: ROWS_BEFORE + ROWS_DURING - foundAtQuorum,
    allFailedTyped: failures.length,
    firstAllError: JSON.stringify(failures[0].message.slice(0, 140)),
    stopMs,
  });
}, 300_000);

// Declared last: it runs after this file's own cleanup.
afterAll(() => releaseLoadLock?.());
