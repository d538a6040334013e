// Retry-safe execution under a paused node, on the dedicated three-node cluster3 (127.0.0.3–5),
// keyspace RF 3: one node's JVM is suspended (SIGSTOP, then SIGCONT) in the middle of a 20,000
// write QUORUM load at concurrency 64 with a short client read timeout and the speculative and
// retry options. Plain INSERTs (idempotent) must all succeed: retried or sent speculatively to
// another node. Counter increments and lightweight transactions in the same window (never retried)
// must succeed or fail with WriteOutcomeUnknownError, never a raw driver error. After the node
// resumes, every QUORUM read matches what was acknowledged (and, for an unknown outcome, one of
// the two possible states). cluster3 is started here if it is not running, and stopped if it was.
import * as core from '@cassia/core';
import { WriteOutcomeUnknownError } from '@cassia/core';
import { createSimpleKeyspace, dropKeyspace, syncTable } from '@cassia/management';
import { increment, query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { clusterSpec, holdLoadLock, stderrProgress } from '@cassia/testkit';
import { types, type Client } from 'cassandra-driver';
import { dedicatedCluster, rawClient, report, type DedicatedCluster } from './support';

const KEYSPACE = 'cassia_rel_idempotence';
const WRITES = 20_000;
const CONCURRENCY = 64;
const READ_TIMEOUT_MS = 1_500;
const PAUSE_AFTER_MS = 1_500;
const PAUSE_MS = 6_000;
const COUNTER_ROWS = 16;
const SIDE_CONCURRENCY = 8;
const spec = clusterSpec('cluster3');
const victim = spec.nodes[spec.nodes.length - 1].name;
const contactPoints = spec.nodes.map((node) => `${node.address}:${spec.nativePort}`);

const Item = defineModel({
  table: 'items',
  keyspace: KEYSPACE,
  connection: 'cluster3',
  columns: { id: t.int(), v: t.bigint() },
  partitionKey: ['id'],
});

const Tally = defineModel({
  table: 'tallies',
  keyspace: KEYSPACE,
  connection: 'cluster3',
  columns: { id: t.int(), n: t.counter() },
  partitionKey: ['id'],
});

const Claim = defineModel({
  table: 'claims',
  keyspace: KEYSPACE,
  connection: 'cluster3',
  columns: { id: t.int(), owner: t.text() },
  partitionKey: ['id'],
});

let cluster3: DedicatedCluster;
let raw: Client;

// Timed faults and heavy load: this file never runs beside another that holds the load lock.
let releaseLoadLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLoadLock = await holdLoadLock(stderrProgress);
}, 1_800_000);

beforeAll(async () => {
  cluster3 = await dedicatedCluster('cluster3');
  await core.registerConnection('cluster3', {
    contactPoints,
    consistency: 'quorum',
    retry: { maxRetries: 3 },
    speculative: { delayMs: 250, maxExecutions: 3 },
    clientOptions: { socketOptions: { readTimeout: READ_TIMEOUT_MS, connectTimeout: 3_000 } },
  });
  // Schema changes wait for agreement across three JVMs on a shared machine: longer than the
  // load's short read timeout, so they go through a connection of their own.
  await core.registerConnection('cluster3-schema', { contactPoints, clientOptions: { socketOptions: { readTimeout: 60_000 } } });
  await dropKeyspace(KEYSPACE, { connections: ['cluster3-schema'] });
  await createSimpleKeyspace(KEYSPACE, { replicationFactor: 3, connections: ['cluster3-schema'] });
  for (const model of [Item, Tally, Claim]) await syncTable(model, { connections: ['cluster3-schema'] });
}, 600_000);

afterAll(async () => {
  await raw?.shutdown();
  if (cluster3 && !cluster3.startedHere) await dropKeyspace(KEYSPACE, { connections: ['cluster3-schema'] }).catch(() => undefined);
  await core.shutdown();
  if (cluster3) await cluster3.release();
}, 600_000);

const seconds = (ms: number) => (ms / 1000).toFixed(1);

test('a paused node: idempotent writes all succeed, counters and LWTs succeed or fail with WriteOutcomeUnknownError, QUORUM reads match', async () => {
  const pid = cluster3.node(victim).runningPid();
  expect(pid).toBeDefined();
  const items = () => query(Item);
  const tallies = () => query(Tally);
  const claims = () => query(Claim);

  const insertErrors: unknown[] = [];
  const otherErrors: unknown[] = [];
  const counterAcked = new Array<number>(COUNTER_ROWS).fill(0);
  const counterUnknown = new Array<number>(COUNTER_ROWS).fill(0);
  const claimsAcked: number[] = [];
  const claimsUnknown: number[] = [];
  let unknownConditional = 0;

  let done = false;
  let paused = false;
  let pausedAt = 0;
  let resumedAt = 0;
  const started = Date.now();
  const resume = () => {
    if (!paused) return;
    process.kill(pid!, 'SIGCONT');
    paused = false;
    resumedAt = Date.now();
  };
  const pauser = (async () => {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_MS));
    process.kill(pid!, 'SIGSTOP');
    paused = true;
    pausedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    resume();
  })();

  // Plain INSERTs at QUORUM: idempotent, so the driver may retry them and send them speculatively.
  let next = 0;
  const inserter = async (): Promise<void> => {
    while (next < WRITES) {
      const id = next++;
      try {
        await items().create({ id, v: BigInt(id) * 7n });
      } catch (error) {
        insertErrors.push(error);
      }
    }
  };
  // Counter increments and IF NOT EXISTS inserts in the same window: never retried.
  let nextCounter = 0;
  const counterWriter = async (): Promise<void> => {
    while (!done) {
      const row = nextCounter++ % COUNTER_ROWS;
      try {
        await tallies().where({ id: row }).update({ n: increment() });
        counterAcked[row] += 1;
      } catch (error) {
        if (error instanceof WriteOutcomeUnknownError && !error.conditional) counterUnknown[row] += 1;
        else otherErrors.push(error);
      }
    }
  };
  let nextClaim = 0;
  const claimWriter = async (): Promise<void> => {
    while (!done) {
      const id = nextClaim++;
      try {
        await claims().ifNotExists().create({ id, owner: `w${id}` });
        claimsAcked.push(id);
      } catch (error) {
        if (error instanceof WriteOutcomeUnknownError && error.conditional) {
          claimsUnknown.push(id);
          unknownConditional += 1;
        } else {
          otherErrors.push(error);
        }
      }
    }
  };

  try {
    const side = [
      ...Array.from({ length: SIDE_CONCURRENCY }, counterWriter),
      ...Array.from({ length: SIDE_CONCURRENCY }, claimWriter),
    ];
    await Promise.all(Array.from({ length: CONCURRENCY }, inserter));
    const loadMs = Date.now() - started;
    // The side writers run until the pause is over, so their window covers all of it.
    await pauser;
    done = true;
    await Promise.all(side);

    raw = rawClient(contactPoints, { socketOptions: { readTimeout: 12_000 } });
    await raw.connect();
    const verifyStarted = Date.now();
    // Every acknowledged INSERT, read back at QUORUM with the node resumed.
    const found = new Map<number, bigint>();
    const rows = await raw.execute(`SELECT id, v FROM "${KEYSPACE}".items`, [], { prepare: true, consistency: types.consistencies.quorum, fetchSize: 5_000 });
    for await (const row of rows) found.set(row.id as number, row.v as bigint);
    let matching = 0;
    for (let id = 0; id < WRITES; id++) if (found.get(id) === BigInt(id) * 7n) matching += 1;
    const counters = await raw.execute(`SELECT id, n FROM "${KEYSPACE}".tallies`, [], { prepare: true, consistency: types.consistencies.quorum });
    const counterValues = new Map(counters.rows.map((row) => [row.id as number, BigInt(row.n as bigint)]));
    const claimRows = await raw.execute(`SELECT id, owner FROM "${KEYSPACE}".claims`, [], { prepare: true, consistency: types.consistencies.quorum, fetchSize: 5_000 });
    const claimed = new Map<number, string>();
    for await (const row of claimRows) claimed.set(row.id as number, row.owner as string);
    const verifyMs = Date.now() - verifyStarted;

    report('idempotence under a paused node', {
      writes: WRITES,
      concurrency: CONCURRENCY,
      readTimeoutMs: READ_TIMEOUT_MS,
      pausedNode: victim,
      pauseS: seconds(resumedAt - pausedAt),
      loadS: seconds(loadMs),
      insertErrors: insertErrors.length,
      lost: WRITES - matching,
      counterIncrements: counterAcked.reduce((a, b) => a + b, 0),
      counterUnknown: counterUnknown.reduce((a, b) => a + b, 0),
      lwtApplied: claimsAcked.length,
      lwtUnknown: claimsUnknown.length,
      otherErrors: otherErrors.length,
      verifyS: seconds(verifyMs),
    });

    expect(otherErrors.map((error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)))).toEqual([]);
    expect(insertErrors.map((error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)))).toEqual([]);
    expect(matching).toBe(WRITES);
    expect(unknownConditional).toBe(claimsUnknown.length);
    for (let row = 0; row < COUNTER_ROWS; row++) {
      // An increment whose outcome is unknown may or may not have landed; an acknowledged one has.
      const value = counterValues.get(row) ?? 0n;
      expect(value).toBeGreaterThanOrEqual(BigInt(counterAcked[row]));
      expect(value).toBeLessThanOrEqual(BigInt(counterAcked[row] + counterUnknown[row]));
    }
    // Every acknowledged LWT landed; a row nobody saw acknowledged is one whose outcome was unknown.
    expect(claimsAcked.filter((id) => claimed.get(id) !== `w${id}`)).toEqual([]);
    const acked = new Set(claimsAcked);
    const unknown = new Set(claimsUnknown);
    expect([...claimed.keys()].filter((id) => !acked.has(id) && !unknown.has(id))).toEqual([]);
  } finally {
    // Never leave the node suspended, whatever failed.
    resume();
    await pauser.catch(() => undefined);
    resume();
  }
}, 600_000);

// Declared last: it runs after this file's own cleanup.
afterAll(() => releaseLoadLock?.());
