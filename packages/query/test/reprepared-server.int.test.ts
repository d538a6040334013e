// RepreparedEvent 'server-unprepared' on a real node: the node forgets a statement Cassia prepared
// and the next run of it is answered UNPREPARED, which the driver prepares again and retries.
// Cassandra 5.0 forgets a table's prepared statements when a column is added to the table (its
// schema listener drops them, as it does for a dropped table); its prepared-statement cache is
// also reloaded from system.prepared_statements at start, so a restart would not make it forget.
// Runs on cluster2 in its own keyspace (query_reprepared), dropped after.
import { ConnectionRegistry, type CassiaEvent, type RepreparedEvent } from '@cassia/core';
import { query } from '@cassia/query';
import { defineModel, t } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { Client } from 'cassandra-driver';

const KEYSPACE = 'query_reprepared';
const DDL = { readTimeout: 120_000 };
const Note = defineModel({ table: 'notes', keyspace: KEYSPACE, columns: { id: t.int(), body: t.text() }, partitionKey: 'id' });

const contactPoint = testClusters().cluster2;
// The driver names a host address:port.
const host = contactPoint.includes(':') ? contactPoint : `${contactPoint}:9042`;
const raw = new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1' });
const registry = new ConnectionRegistry();
const events: CassiaEvent[] = [];
const reprepared = (): RepreparedEvent[] => events.filter((event): event is RepreparedEvent => event.type === 'reprepared');

beforeAll(async () => {
  await raw.connect();
  await raw.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`, [], DDL);
  await raw.execute(`CREATE KEYSPACE ${KEYSPACE} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`, [], DDL);
  await raw.execute(`CREATE TABLE ${KEYSPACE}.notes (id int PRIMARY KEY, body text)`, [], DDL);
  await registry.registerConnection('c2', { contactPoints: [contactPoint], default: true });
  registry.onEvent((event) => events.push(event));
}, 180_000);

afterAll(async () => {
  try {
    await registry.shutdown();
    await raw.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`, [], DDL);
  } finally {
    await raw.shutdown();
  }
}, 180_000);

describe("RepreparedEvent 'server-unprepared' on a real node", () => {
  it('is emitted once, naming the connection and the host, when the node forgot a prepared write and a prepared read', async () => {
    const notes = query(Note, { registry });
    await notes.create({ id: 1, body: 'first' });
    expect((await notes.where({ id: 1 }).get()).body).toBe('first');
    // Both statements are prepared and the node knows them: running them again prepares nothing.
    await notes.create({ id: 2, body: 'second' });
    await notes.where({ id: 2 }).get();
    expect(reprepared()).toEqual([]);

    // Another client changes the table: the node drops every statement prepared on it.
    await raw.execute(`ALTER TABLE ${KEYSPACE}.notes ADD extra int`, [], DDL);

    await notes.create({ id: 3, body: 'after' });
    expect(reprepared()).toEqual([{ type: 'reprepared', connection: 'c2', reason: 'server-unprepared', host }]);
    expect((await notes.where({ id: 3 }).get()).body).toBe('after');
    expect(reprepared()).toEqual([
      { type: 'reprepared', connection: 'c2', reason: 'server-unprepared', host },
      { type: 'reprepared', connection: 'c2', reason: 'server-unprepared', host },
    ]);
    // The retried write landed, once (raw read).
    const rows = (await raw.execute(`SELECT id, body FROM ${KEYSPACE}.notes WHERE id = 3`)).rows;
    expect(rows.map((row) => [row.id, row.body])).toEqual([[3, 'after']]);

    // Prepared again, the statements run without another event.
    await notes.create({ id: 4, body: 'warm' });
    await notes.where({ id: 4 }).get();
    expect(reprepared()).toHaveLength(2);
  });
});
