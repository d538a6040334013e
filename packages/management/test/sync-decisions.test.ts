// Unit tests of issue 25's planning decisions, on plain data: the stored form of option values (as
// probed on Cassandra 5.0), index differences, refused plans, keyspace differences.
import { SchemaMismatchError } from '@cassia/core';
import { defineModel, defineType, t } from '@cassia/schema';
import { changedTableOptions, diffTableOptions, indexDifferences, planTable, planUserTypes, retryPolicyForm, type IndexDescription } from '../src/internal';
import { factorsAboveNodes, keyspaceDifferences } from '../src/keyspace-settings-diff';
import { simpleKeyspace, networkTopologyKeyspace } from '../src/keyspace-cql';
import { TARGET, defaultOptions, keyspace, table } from './fixtures';

describe('retryPolicyForm: what the server stores for speculative_retry / additional_write_policy', () => {
  it.each([
    ['NONE', 'NEVER'],
    ['none', 'NEVER'],
    ['never', 'NEVER'],
    ['always', 'ALWAYS'],
    ['99PERCENTILE', '99p'],
    ['99P', '99p'],
    ['99.0p', '99p'],
    ['99.5PERCENTILE', '99.5p'],
    ['99.123456p', '99.1235p'],
    ['99.03125p', '99.0312p'],
    ['99.96875p', '99.9688p'],
    ['99.99995p', '99.9999p'],
    ['99.00005p', '99.0001p'],
    ['50MS', '50ms'],
    ['050ms', '50ms'],
    ['10.9ms', '10ms'],
    ['0.5ms', '0ms'],
    ['MIN(99PERCENTILE,50MS)', 'MIN(99p,50ms)'],
    ['min(50ms,99p)', 'MIN(99p,50ms)'],
    ['max(90p, 1000ms)', 'MAX(90p,1000ms)'],
    ['MAX(99PERCENTILE , 50MS)', 'MAX(99p,50ms)'],
    ['MAX(10.9ms,99.99999p)', 'MAX(100p,10ms)'],
  ])('%s → %s', (given, stored) => {
    expect(retryPolicyForm(given)).toBe(retryPolicyForm(stored));
    expect(retryPolicyForm(given)).toBe(stored);
  });
});

describe('option values compared in their stored form', () => {
  const stored = { ...defaultOptions(), allow_auto_snapshot: null, incremental_backups: null, memtable: null, additional_write_policy: '99p' };

  it('finds nothing to alter when the server stored what the model says', () => {
    const model = {
      speculative_retry: 'MIN(99PERCENTILE,50MS)',
      additional_write_policy: 'NONE',
      caching: { keys: 'none' as 'NONE', rows_per_partition: '0100' as unknown as number },
      compaction: { class: 'LeveledCompactionStrategy', sstable_size_in_mb: 160 },
      compression: { class: 'LZ4Compressor', chunk_length_in_kb: '0064', enabled: true, min_compress_ratio: '1.10' },
      allow_auto_snapshot: true,
      incremental_backups: true,
      memtable: 'default',
    };
    const database = {
      ...stored,
      speculative_retry: 'MIN(99p,50ms)',
      additional_write_policy: 'NEVER',
      caching: { keys: 'NONE', rows_per_partition: '100' },
      compaction: { class: 'org.apache.cassandra.db.compaction.LeveledCompactionStrategy', max_threshold: '32', min_threshold: '4', sstable_size_in_mb: '160' },
      compression: { chunk_length_in_kb: '64', class: 'org.apache.cassandra.io.compress.LZ4Compressor', min_compress_ratio: '1.1' },
    };
    expect(changedTableOptions(model, database)).toEqual({});
  });

  it('still finds real changes', () => {
    expect(changedTableOptions({ speculative_retry: 'NONE' }, { speculative_retry: '99p' })).toEqual({ speculative_retry: 'NONE' });
    expect(changedTableOptions({ compression: { enabled: false } }, stored)).toEqual({ compression: { enabled: false } });
    expect(changedTableOptions({ allow_auto_snapshot: false }, stored)).toEqual({ allow_auto_snapshot: false });
    expect(changedTableOptions({ memtable: 'trie' }, stored)).toEqual({ memtable: 'trie' });
    expect(changedTableOptions({ compaction: { class: 'SizeTieredCompactionStrategy', max_threshold: '064' } }, stored)).toEqual({
      compaction: { class: 'SizeTieredCompactionStrategy', max_threshold: '064' },
    });
  });

  it('does not alter cdc = true on a node that does not record cdc, and says so', () => {
    expect(diffTableOptions({ cdc: true }, { ...stored, cdc: null })).toEqual({ changed: {}, warnings: [expect.stringMatching(/cdc = true is not recorded/)] });
    expect(diffTableOptions({ cdc: true }, { ...stored, cdc: false })).toEqual({ changed: { cdc: true }, warnings: [] });
  });
});

describe('indexDifferences', () => {
  const Model = defineModel({
    table: 'tbl',
    columns: { id: t.int(), m: t.map(t.text(), t.int()), s: t.text() },
    partitionKey: 'id',
    indexes: [{ name: 'by_m', column: 'm' }, { name: 'by_s', column: 's', using: 'sai', options: { case_sensitive: 'false' } }],
  });
  const [byM, byS] = Model.indexes;

  it('finds none when the database index is the model’s (default target, SAI spellings)', () => {
    expect(indexDifferences(Model, byM, { name: 'by_m', kind: 'COMPOSITES', options: { target: 'values(m)' } })).toEqual([]);
    const sai = { name: 'by_s', kind: 'CUSTOM', options: { class_name: 'org.apache.cassandra.index.sai.StorageAttachedIndex', target: 's', case_sensitive: 'false' } };
    expect(indexDifferences(Model, byS, sai)).toEqual([]);
  });

  it('names each difference: target kind, column, class and options', () => {
    expect(indexDifferences(Model, byM, { name: 'by_m', kind: 'COMPOSITES', options: { target: 'keys(m)' } })).toEqual([
      'target keys(m) in the database, values(m) in the model',
    ]);
    expect(indexDifferences(Model, byM, { name: 'by_m', kind: 'CUSTOM', options: { class_name: 'sai', target: 'values(m)' } })).toEqual([
      "class 'sai' in the database, legacy (no USING) in the model",
    ]);
    expect(indexDifferences(Model, byS, { name: 'by_s', kind: 'COMPOSITES', options: { target: '"S"' } })).toEqual([
      'target "S" in the database, s in the model',
      "class legacy (no USING) in the database, 'sai' in the model",
      "option case_sensitive unset in the database, 'false' in the model",
    ]);
  });

  it('planTable warns about a changed index and runs nothing for it', () => {
    const columns = [
      { name: 'id', kind: 'partition_key' as const, position: 0, clusteringOrder: 'none' as const, type: 'int' },
      { name: 'm', kind: 'regular' as const, position: -1, clusteringOrder: 'none' as const, type: 'map<text, int>' },
      { name: 's', kind: 'regular' as const, position: -1, clusteringOrder: 'none' as const, type: 'text' },
    ];
    const indexes: IndexDescription[] = [
      { name: 'by_m', kind: 'COMPOSITES', options: { target: 'entries(m)' } },
      { name: 'by_s', kind: 'CUSTOM', options: { class_name: 'sai', target: 's', case_sensitive: 'false' } },
    ];
    const plan = planTable(Model, TARGET, keyspace(table('tbl', columns, { indexes })));
    expect(plan.action).toBe('unchanged');
    expect(plan.statements).toEqual([]);
    expect(plan.warnings).toEqual([expect.stringMatching(/^index "by_m" differs from the model \(target entries\(m\) in the database, values\(m\) in the model\); left as it is: drop it \(DROP INDEX "ks1"\."by_m"\)/)]);
  });
});

describe('plans the server refuses', () => {
  const Point = defineType({ name: 'point', fields: { x: t.int(), y: t.int(), z: t.int() } });
  const Route = defineType({ name: 'route', fields: { from: t.udt(Point) } });
  const points = new Map([
    ['point', { name: 'point', fields: [{ name: 'x', type: 'int' }, { name: 'y', type: 'int' }] }],
    ['route', { name: 'route', fields: [{ name: 'from', type: 'frozen<point>' }] }],
  ]);

  it('a field added to a type used in a partition key, directly or inside another type', () => {
    const direct = [{ table: 'keyed', column: 'at', type: 'frozen<point>' }];
    expect(() => planUserTypes([Point], TARGET, points, direct)).toThrow(SchemaMismatchError);
    expect(() => planUserTypes([Point], TARGET, points, direct)).toThrow(/Field 'z' cannot be added to user type ks1\.point.*partition key of ks1\.keyed/);
    const nested = [{ table: 'trips', column: 'r', type: 'frozen<route>' }];
    expect(() => planUserTypes([Point, Route], TARGET, points, nested)).toThrow(/partition key of ks1\.trips/);
    // Clustering columns and regular columns do not stop it (the server allows those).
    expect(planUserTypes([Point], TARGET, points, []).statements).toEqual(['ALTER TYPE "ks1"."point" ADD IF NOT EXISTS "z" int']);
  });

  it('a dropped column re-added with another type or kind; the same type is planned', () => {
    const Model = (body: ReturnType<typeof t.text> | ReturnType<typeof t.int>) =>
      defineModel({ table: 'notes', columns: { id: t.int(), extra: t.int(), body }, partitionKey: 'id' });
    const columns = [{ name: 'id', kind: 'partition_key' as const, position: 0, clusteringOrder: 'none' as const, type: 'int' }];
    const droppedColumns = [{ name: 'body', type: 'varchar', kind: 'regular' as const }];
    const description = keyspace(table('notes', columns, { droppedColumns }));
    expect(() => planTable(Model(t.int()), TARGET, description)).toThrow(SchemaMismatchError);
    expect(() => planTable(Model(t.int()), TARGET, description)).toThrow(/cannot be added as int: a column of that name was dropped as varchar/);
    expect(planTable(Model(t.text()), TARGET, description).statements).toEqual([
      'ALTER TABLE "ks1"."notes" ADD IF NOT EXISTS "extra" int',
      'ALTER TABLE "ks1"."notes" ADD IF NOT EXISTS "body" text',
    ]);
    const staticDrop = keyspace(table('notes', columns, { droppedColumns: [{ name: 'body', type: 'text', kind: 'static' }] }));
    expect(() => planTable(Model(t.text()), TARGET, staticDrop)).toThrow(/dropped as text static/);
  });
});

describe('keyspace differences and replication factors', () => {
  const stored = { name: 'ks', replication: { class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '1' }, durableWrites: true };

  it('matches a keyspace created as asked, and names what differs', () => {
    expect(keyspaceDifferences('ks', simpleKeyspace('ks', 1), stored)).toEqual([]);
    expect(keyspaceDifferences('ks', simpleKeyspace('ks', 3, false), stored)).toEqual([
      expect.stringMatching(/replication \{class: SimpleStrategy, replication_factor: 1\}, not \{class: SimpleStrategy, replication_factor: 3\}/),
      'keyspace "ks" exists with durable_writes = true, not false as asked; left as it is',
    ]);
    const topology = { name: 'ks', replication: { class: 'org.apache.cassandra.locator.NetworkTopologyStrategy', dc1: '3' }, durableWrites: false };
    expect(keyspaceDifferences('ks', networkTopologyKeyspace('ks', { dc1: 3, dc2: 0 }), topology)).toEqual([
      'keyspace "ks" exists with durable_writes = false, not true (the default) as asked; left as it is',
    ]);
  });

  it('warns about a factor above the nodes of the cluster (SimpleStrategy) or of a data center', () => {
    const nodes = new Map([['dc1', 3], ['dc2', 1]]);
    expect(factorsAboveNodes('ks', simpleKeyspace('ks', 4), nodes)).toEqual([]);
    expect(factorsAboveNodes('ks', simpleKeyspace('ks', 5), nodes)).toEqual([expect.stringMatching(/factor 5 .* above the 4 node\(s\) of the cluster/)]);
    expect(factorsAboveNodes('ks', networkTopologyKeyspace('ks', { dc1: 3, dc2: 2, dc3: 1 }), nodes)).toEqual([
      expect.stringMatching(/factor 2 .* above the 1 node\(s\) of data center 'dc2'/),
      expect.stringMatching(/factor 1 .* above the 0 node\(s\) of data center 'dc3'/),
    ]);
  });

  it('refuses bad replication input with messages that describe it, escaped, without converting it', () => {
    expect(() => simpleKeyspace('ks', 1.5)).toThrow('Invalid replicationFactor 1.5: use an integer from 1 to 100.');
    expect(() => simpleKeyspace('ks', 2 ** 31)).toThrow('Invalid replicationFactor 2147483648: use an integer from 1 to 100.');
    expect(simpleKeyspace('ks', 100).replication).toMatchObject({ replication_factor: 100 });
    expect(() => simpleKeyspace('ks', { toString: () => '3' } as never)).toThrow('Invalid replicationFactor an object:');
    expect(() => networkTopologyKeyspace('ks', { class: 1 })).toThrow("Invalid data center name 'class'.");
    expect(() => networkTopologyKeyspace('ks', { 'dc\n1': -1 })).toThrow(
      "Invalid replication factor of data center 'dc\\n1' -1: use an integer from 0 to 100.",
    );
  });
});
