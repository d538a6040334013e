// The stages a target's DDL runs in: types in order, then tables at once (at most MAX_CONCURRENT_DDL,
// one table's statements in order), then indexes, with schema agreement awaited between stages; a
// failure starts nothing more and is thrown once the statements in flight are done.
import { ExecutionError, type ResolvedTarget } from '@cassia/core';
import { MAX_CONCURRENT_DDL, applyStages, stagesOf, statementsOf, type TableDdl } from '../src/ddl-stages';

function tableDdl(table: string, extra: Partial<TableDdl> = {}): TableDdl {
  return { table, typeStatements: [], tableStatements: [`CREATE TABLE ${table}`], indexStatements: [], ...extra };
}

/** A target whose connection records what runs, how much at once, and when agreement was checked. */
function recordingTarget(options: { fail?: (cql: string) => Error | undefined; delayMs?: (cql: string) => number } = {}) {
  const log: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const connection = {
    name: 'c1',
    async execute(cql: string) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push(`start ${cql}`);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs?.(cql) ?? 1));
      inFlight--;
      log.push(`end ${cql}`);
      const error = options.fail?.(cql);
      if (error !== undefined) throw error;
      return { rows: [] };
    },
    async getClient() {
      return {
        metadata: {
          checkSchemaAgreement: async () => {
            log.push('agreement');
            return true;
          },
        },
      };
    },
  };
  const target = { connection, keyspace: 'ks' } as unknown as ResolvedTarget;
  return { target, log, maxInFlight: () => maxInFlight };
}

describe('stagesOf', () => {
  it('puts shared types once in one lane, then a lane per table, then a lane per table for its indexes', () => {
    const ddl = [
      tableDdl('a', { typeStatements: ['CREATE TYPE p', 'CREATE TYPE q'], indexStatements: ['CREATE INDEX a1', 'CREATE INDEX a2'] }),
      tableDdl('b', { typeStatements: ['CREATE TYPE p'], tableStatements: ['ALTER TABLE b ADD x', 'ALTER TABLE b WITH o'] }),
      tableDdl('c', { tableStatements: [] }),
    ];
    expect(stagesOf(ddl)).toEqual([
      [['CREATE TYPE p', 'CREATE TYPE q']],
      [['CREATE TABLE a'], ['ALTER TABLE b ADD x', 'ALTER TABLE b WITH o']],
      [['CREATE INDEX a1', 'CREATE INDEX a2']],
    ]);
    expect(statementsOf(ddl)).toEqual([
      'CREATE TYPE p', 'CREATE TYPE q', 'CREATE TABLE a', 'ALTER TABLE b ADD x', 'ALTER TABLE b WITH o', 'CREATE INDEX a1', 'CREATE INDEX a2',
    ]);
  });

  it('gives two models of one table one lane, so its statements never race', () => {
    expect(stagesOf([tableDdl('a'), tableDdl('a', { tableStatements: ['CREATE TABLE a', 'ALTER TABLE a ADD y'] })])).toEqual([
      [['CREATE TABLE a', 'ALTER TABLE a ADD y']],
    ]);
  });

  it('has no stage when nothing is to run', () => {
    expect(stagesOf([tableDdl('a', { tableStatements: [] })])).toEqual([]);
  });
});

describe('applyStages', () => {
  it('runs the tables at once (bounded), waits for agreement, then the indexes', async () => {
    const tables = Array.from({ length: 20 }, (_, i) => tableDdl(`t${i}`, { indexStatements: i % 5 === 0 ? [`CREATE INDEX i${i}`] : [] }));
    const { target, log, maxInFlight } = recordingTarget({ delayMs: (cql) => (cql.endsWith('t3') ? 20 : 2) });
    const ran: string[] = [];
    await applyStages(target, stagesOf([tableDdl('types', { typeStatements: ['CREATE TYPE p'], tableStatements: [] }), ...tables]), 1000, ran);
    expect(maxInFlight()).toBe(MAX_CONCURRENT_DDL);
    expect(ran).toHaveLength(1 + 20 + 4);
    const lastTableEnd = Math.max(...tables.map((table) => log.indexOf(`end CREATE TABLE ${table.table}`)));
    const firstIndexStart = log.findIndex((line) => line.startsWith('start CREATE INDEX'));
    const agreements = log.flatMap((line, i) => (line === 'agreement' ? [i] : []));
    expect(log.indexOf('end CREATE TYPE p')).toBeLessThan(log.indexOf('start CREATE TABLE t0'));
    expect(agreements.some((i) => i > lastTableEnd && i < firstIndexStart)).toBe(true);
    expect(agreements).toHaveLength(3);
  });

  it("runs one table's statements in order", async () => {
    const { target, log } = recordingTarget({ delayMs: (cql) => (cql.includes('ADD x') ? 15 : 1) });
    await applyStages(target, stagesOf([tableDdl('a', { tableStatements: ['ALTER TABLE a ADD x', 'ALTER TABLE a WITH o'] }), tableDdl('b')]), 1000);
    expect(log.indexOf('end ALTER TABLE a ADD x')).toBeLessThan(log.indexOf('start ALTER TABLE a WITH o'));
    expect(log.indexOf('start CREATE TABLE b')).toBeLessThan(log.indexOf('end ALTER TABLE a ADD x'));
  });

  it('counts what another client created as done, with a warning', async () => {
    const exists = new ExecutionError('exists', { connection: 'c1', serverCode: 0x2400 });
    const { target } = recordingTarget({ fail: (cql) => (cql === 'CREATE TABLE b' ? exists : undefined) });
    const ran: string[] = [];
    const warnings = await applyStages(target, stagesOf([tableDdl('a'), tableDdl('b')]), 1000, ran);
    expect(ran.sort()).toEqual(['CREATE TABLE a', 'CREATE TABLE b']);
    expect(warnings).toEqual(['already done by another client, counted as done: CREATE TABLE b']);
  });

  it('after a failure starts nothing more, lets what runs finish, and throws the first error', async () => {
    const refused = new ExecutionError('refused', { connection: 'c1', serverCode: 0x2200 });
    const { target, log } = recordingTarget({
      fail: (cql) => (cql === 'CREATE TABLE t0' ? refused : undefined),
      delayMs: (cql) => (cql === 'CREATE TABLE t1' ? 20 : 1),
    });
    const tables = Array.from({ length: 12 }, (_, i) => tableDdl(`t${i}`, { indexStatements: [`CREATE INDEX i${i}`] }));
    const ran: string[] = [];
    await expect(applyStages(target, stagesOf(tables), 1000, ran)).rejects.toBe(refused);
    expect(log).toContain('end CREATE TABLE t1');
    expect(ran).toContain('CREATE TABLE t1');
    expect(ran).not.toContain('CREATE TABLE t0');
    expect(log.filter((line) => line.startsWith('start')).length).toBeLessThanOrEqual(MAX_CONCURRENT_DDL);
    expect(log.some((line) => line.includes('INDEX') || line === 'agreement')).toBe(false);
  });
});
