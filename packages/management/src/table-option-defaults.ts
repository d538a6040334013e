// The table options a CREATE TABLE without WITH gets on Cassandra 4 and 5, in the form the model
// gives them, and which of a table's stored options differ from them (compared in the stored form,
// table-option-forms.ts): what `cassia schema pull` writes into a model so that syncing it
// elsewhere gives the same table. A server configured with other defaults only makes a pull write
// options that happen to equal that server's defaults, which is harmless.
import { sameOptionValue } from './table-options-diff';

/** Cassandra's default for each table option a model can set. */
export const DEFAULT_TABLE_OPTIONS: Readonly<Record<string, string | number | boolean | Readonly<Record<string, string>>>> = {
  additional_write_policy: '99p',
  allow_auto_snapshot: true,
  bloom_filter_fp_chance: 0.01,
  caching: { keys: 'ALL', rows_per_partition: 'NONE' },
  cdc: false,
  comment: '',
  compaction: { class: 'SizeTieredCompactionStrategy', max_threshold: '32', min_threshold: '4' },
  compression: { chunk_length_in_kb: '16', class: 'LZ4Compressor' },
  crc_check_chance: 1,
  default_time_to_live: 0,
  gc_grace_seconds: 864000,
  incremental_backups: true,
  max_index_interval: 2048,
  memtable: 'default',
  memtable_flush_period_in_ms: 0,
  min_index_interval: 128,
  read_repair: 'BLOCKING',
  speculative_retry: '99p',
};

/**
 * The stored options (as system_schema.tables reads them) whose value is not Cassandra's default,
 * with their stored values. Columns of system_schema.tables that CQL cannot set (extensions, the
 * read_repair_chance options removed in 4.0) and options this table does not know are left out.
 */
export function optionsDifferingFromDefaults(stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const differing: Record<string, unknown> = {};
  for (const [name, fallback] of Object.entries(DEFAULT_TABLE_OPTIONS)) {
    if (!Object.hasOwn(stored, name)) continue;
    const value = stored[name];
    if (typeof fallback === 'object') {
      const map = value instanceof Map ? Object.fromEntries(value) : value;
      if (typeof map !== 'object' || map === null) continue;
      // Both ways: an entry the server added beyond the defaults (a strategy's sub-option) differs too.
      if (!sameOptionValue(name, fallback, map) || !sameOptionValue(name, map, fallback)) differing[name] = map;
    } else if (value !== null && value !== undefined && !sameOptionValue(name, fallback, value)) {
      differing[name] = value;
    }
  }
  return differing;
}
