// issue 25 item 3 on a real Cassandra 5 node: for every kind of table option, in the spellings the
// server rewrites (NONE → NEVER, 99PERCENTILE → 99p, short class names, numbers in maps, '0064' → '64',
// enabled: true dropped, ...), an ALTER is run once and a second sync is `unchanged` with no statement.
import { ConnectionRegistry } from '@cassia/core';
import { defineModel, t, type TableOptions } from '@cassia/schema';
import { testClusters } from '@cassia/testkit';
import { Client } from 'cassandra-driver';
import { syncTable } from '../src';

const KS = 'cassia_mgmt_options';
const contactPoints = testClusters();

// One entry per option spelling; each gets its own table, created bare, then altered, then synced again.
const CASES: readonly [string, TableOptions][] = [
  ['speculative_retry NONE', { speculative_retry: 'NONE' }],
  ['speculative_retry none', { speculative_retry: 'none' }],
  ['speculative_retry always', { speculative_retry: 'always' }],
  ['speculative_retry 99PERCENTILE', { speculative_retry: '99PERCENTILE' }],
  ['speculative_retry 99.5PERCENTILE', { speculative_retry: '99.5PERCENTILE' }],
  ['speculative_retry 99.123456p (4 decimals)', { speculative_retry: '99.123456p' }],
  ['speculative_retry 99.03125p (half-even)', { speculative_retry: '99.03125p' }],
  ['speculative_retry 50MS', { speculative_retry: '50MS' }],
  ['speculative_retry 10.9ms (whole ms)', { speculative_retry: '10.9ms' }],
  ['speculative_retry MIN(99PERCENTILE,50MS)', { speculative_retry: 'MIN(99PERCENTILE,50MS)' }],
  ['speculative_retry max(50ms, 90p)', { speculative_retry: 'max(50ms, 90p)' }],
  ['additional_write_policy NONE', { additional_write_policy: 'NONE' }],
  ['additional_write_policy MAX(99PERCENTILE,50MS)', { additional_write_policy: 'MAX(99PERCENTILE,50MS)' }],
  ['read_repair none', { read_repair: 'none' }],
  ['caching lower-case keywords', { caching: { keys: 'none' as 'NONE', rows_per_partition: 'all' as 'ALL' } }],
  ['caching rows_per_partition as a number', { caching: { keys: 'ALL', rows_per_partition: 100 } }],
  ['caching rows_per_partition with a leading zero', { caching: { rows_per_partition: '0100' as unknown as number } }],
  ['compaction LCS short name, numbers', { compaction: { class: 'LeveledCompactionStrategy', sstable_size_in_mb: 160, fanout_size: '10' } }],
  ['compaction STCS with a boolean and decimals', { compaction: { class: 'SizeTieredCompactionStrategy', min_threshold: 6, bucket_high: '1.50', enabled: false } }],
  ['compaction TWCS', { compaction: { class: 'TimeWindowCompactionStrategy', compaction_window_unit: 'DAYS', compaction_window_size: 1 } }],
  ['compaction UCS', { compaction: { class: 'UnifiedCompactionStrategy', scaling_parameters: 'T4' } }],
  ['compaction full class name', { compaction: { class: 'org.apache.cassandra.db.compaction.LeveledCompactionStrategy', unchecked_tombstone_compaction: true } }],
  ['compression LZ4 64 KiB', { compression: { class: 'LZ4Compressor', chunk_length_in_kb: 64 } }],
  ['compression chunk with a leading zero', { compression: { class: 'LZ4Compressor', chunk_length_in_kb: '0064' } }],
  ['compression disabled', { compression: { enabled: false } }],
  ['compression enabled: true (not stored)', { compression: { class: 'SnappyCompressor', enabled: true } }],
  ['compression Zstd level', { compression: { class: 'ZstdCompressor', compression_level: 3 } }],
  ['compression min_compress_ratio 1.10', { compression: { class: 'DeflateCompressor', min_compress_ratio: '1.10' } }],
  ['compression min_compress_ratio 1 (stored 1.0)', { compression: { class: 'DeflateCompressor', min_compress_ratio: 1 } }],
  ['compression min_compress_ratio 0 (not stored)', { compression: { class: 'DeflateCompressor', min_compress_ratio: 0 } }],
  ['numbers', { bloom_filter_fp_chance: 0.1, crc_check_chance: 0.5, default_time_to_live: 100, gc_grace_seconds: 100 }],
  ['more numbers', { memtable_flush_period_in_ms: 3_600_000, min_index_interval: 64, max_index_interval: 4096, bloom_filter_fp_chance: 1 }],
  ['cdc false', { cdc: false }],
  ['cdc true', { cdc: true }],
  ['allow_auto_snapshot false', { allow_auto_snapshot: false }],
  ['allow_auto_snapshot true (not stored)', { allow_auto_snapshot: true }],
  ['incremental_backups false', { incremental_backups: false }],
  ['incremental_backups true (not stored)', { incremental_backups: true }],
  ['memtable default (stored as null)', { memtable: 'default' }],
  ['comment with quotes', { comment: `it's "quoted"; ok` }],
];

let registry: ConnectionRegistry;
let raw: Client;

function modelWith(table: string, options?: TableOptions) {
  return defineModel({ table, columns: { id: t.int(), value: t.text() }, partitionKey: 'id', options });
}

beforeAll(async () => {
  raw = new Client({ contactPoints: [contactPoints.cluster1], localDataCenter: 'datacenter1' });
  await raw.execute(`DROP KEYSPACE IF EXISTS "${KS}"`);
  await raw.execute(`CREATE KEYSPACE "${KS}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}`);
  registry = new ConnectionRegistry();
  await registry.registerConnection('cluster1', { contactPoints: [contactPoints.cluster1], keyspace: KS, default: true });
});

afterAll(async () => {
  await raw?.execute(`DROP KEYSPACE IF EXISTS "${KS}"`).catch(() => undefined);
  await registry?.shutdown();
  await raw?.shutdown();
});

describe('a second sync of an unchanged model is unchanged, for every kind of table option', () => {
  it.each(CASES.map(([name, options], i) => [name, options, `opt_${i}`] as const))('%s', async (_name, options, table) => {
    expect((await syncTable(modelWith(table), { registry }))[0].action).toBe('created');
    const [altered] = await syncTable(modelWith(table, options), { registry });
    expect(altered.action === 'updated' || altered.action === 'unchanged').toBe(true);
    const [again] = await syncTable(modelWith(table, options), { registry });
    expect({ action: again.action, statements: again.statements }).toEqual({ action: 'unchanged', statements: [] });
  });

  it('a table created with every kind of option at once is unchanged on the next sync', async () => {
    const options: TableOptions = {
      speculative_retry: 'MIN(99PERCENTILE,50MS)',
      additional_write_policy: 'NONE',
      read_repair: 'none',
      caching: { keys: 'none' as 'NONE', rows_per_partition: 10 },
      compaction: { class: 'LeveledCompactionStrategy', sstable_size_in_mb: 160 },
      compression: { class: 'LZ4Compressor', chunk_length_in_kb: '0064', enabled: true },
      bloom_filter_fp_chance: 0.1,
      default_time_to_live: 3600,
      incremental_backups: true,
      memtable: 'default',
      comment: 'all at once',
    };
    expect((await syncTable(modelWith('opt_all', options), { registry }))[0].action).toBe('created');
    const [again] = await syncTable(modelWith('opt_all', options), { registry });
    expect({ action: again.action, statements: again.statements }).toEqual({ action: 'unchanged', statements: [] });
    const row = (await raw.execute('SELECT speculative_retry, additional_write_policy FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [KS, 'opt_all'], { prepare: true })).rows[0];
    expect([row.speculative_retry, row.additional_write_policy]).toEqual(['MIN(99p,50ms)', 'NEVER']);
  });

  it('a changed option is still altered once', async () => {
    await syncTable(modelWith('opt_changed', { speculative_retry: 'NONE' }), { registry });
    const [changed] = await syncTable(modelWith('opt_changed', { speculative_retry: '95PERCENTILE' }), { registry });
    expect(changed.statements).toEqual([`ALTER TABLE "${KS}"."opt_changed" WITH speculative_retry = '95PERCENTILE'`]);
    const row = (await raw.execute('SELECT speculative_retry FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [KS, 'opt_changed'], { prepare: true })).rows[0];
    expect(row.speculative_retry).toBe('95p');
  });
});
