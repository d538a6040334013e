// Which stored table options differ from Cassandra's defaults (what `schema pull` writes), read in
// the forms a Cassandra 5.0 node stores them in.
import { optionsDifferingFromDefaults } from '../src/internal';

// system_schema.tables of `CREATE TABLE ks.t (id int PRIMARY KEY, v text)` on a 5.0 node.
const DEFAULT_ROW = {
  additional_write_policy: '99p',
  allow_auto_snapshot: null,
  bloom_filter_fp_chance: 0.01,
  caching: { keys: 'ALL', rows_per_partition: 'NONE' },
  cdc: null,
  comment: '',
  compaction: { class: 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy', max_threshold: '32', min_threshold: '4' },
  compression: { chunk_length_in_kb: '16', class: 'org.apache.cassandra.io.compress.LZ4Compressor' },
  crc_check_chance: 1,
  dclocal_read_repair_chance: 0,
  default_time_to_live: 0,
  extensions: {},
  gc_grace_seconds: 864000,
  incremental_backups: null,
  max_index_interval: 2048,
  memtable: null,
  memtable_flush_period_in_ms: 0,
  min_index_interval: 128,
  read_repair: 'BLOCKING',
  read_repair_chance: 0,
  speculative_retry: '99p',
};

describe('optionsDifferingFromDefaults', () => {
  it('finds nothing in a table created without options', () => {
    expect(optionsDifferingFromDefaults(DEFAULT_ROW)).toEqual({});
    expect(optionsDifferingFromDefaults({ ...DEFAULT_ROW, caching: new Map(Object.entries(DEFAULT_ROW.caching)) })).toEqual({});
  });

  it('returns every changed option with its stored value, maps whole', () => {
    const lcs = { class: 'org.apache.cassandra.db.compaction.LeveledCompactionStrategy', max_threshold: '32', min_threshold: '4', sstable_size_in_mb: '160' };
    const changed = {
      additional_write_policy: 'NEVER',
      allow_auto_snapshot: false,
      bloom_filter_fp_chance: 0.1,
      caching: { keys: 'NONE', rows_per_partition: '100' },
      cdc: true,
      comment: "it's",
      compaction: lcs,
      compression: { chunk_length_in_kb: '64', class: 'org.apache.cassandra.io.compress.ZstdCompressor' },
      crc_check_chance: 0.5,
      default_time_to_live: 3600,
      gc_grace_seconds: 3600,
      incremental_backups: false,
      max_index_interval: 4096,
      memtable: 'trie',
      memtable_flush_period_in_ms: 60000,
      min_index_interval: 64,
      read_repair: 'NONE',
      speculative_retry: 'MIN(99p,50ms)',
    };
    expect(optionsDifferingFromDefaults({ ...DEFAULT_ROW, ...changed })).toEqual(changed);
  });

  it('sees an added sub-option of a map (a strategy option) as a difference', () => {
    const compaction = { ...DEFAULT_ROW.compaction, bucket_high: '2.0' };
    expect(optionsDifferingFromDefaults({ ...DEFAULT_ROW, compaction })).toEqual({ compaction });
  });

  it('leaves out what CQL cannot set and what it does not know', () => {
    expect(optionsDifferingFromDefaults({ ...DEFAULT_ROW, extensions: { a: 'b' }, read_repair_chance: 0.1, future_option: 'x' })).toEqual({});
  });
});
