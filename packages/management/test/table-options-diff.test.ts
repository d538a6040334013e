import { ConfigurationError } from '@cassia/core';
import { changedTableOptions } from '../src/internal';
import { defaultOptions } from './fixtures';

describe('changedTableOptions', () => {
  it('finds nothing when every option the model sets is stored as given', () => {
    const stored = { ...defaultOptions(), comment: "it's a \"car\"", default_time_to_live: 60 };
    expect(changedTableOptions({ comment: "it's a \"car\"", default_time_to_live: 60 }, stored)).toEqual({});
  });

  it('compares comments exactly, quotes included', () => {
    const stored = { ...defaultOptions(), comment: "it''s" };
    expect(changedTableOptions({ comment: "it's" }, stored)).toEqual({ comment: "it's" });
    expect(changedTableOptions({ comment: 'Car' }, { ...defaultOptions(), comment: 'car' })).toEqual({ comment: 'Car' });
  });

  it('compares numbers numerically', () => {
    expect(changedTableOptions({ bloom_filter_fp_chance: 0.01, gc_grace_seconds: 864000 }, defaultOptions())).toEqual({});
    expect(changedTableOptions({ gc_grace_seconds: 10 }, defaultOptions())).toEqual({ gc_grace_seconds: 10 });
  });

  it('compares only the map keys the model sets, class names short or qualified, values as text', () => {
    const stored = defaultOptions();
    expect(changedTableOptions({ compaction: { class: 'SizeTieredCompactionStrategy', min_threshold: 4 } }, stored)).toEqual({});
    expect(
      changedTableOptions({ compaction: { class: 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy' } }, stored),
    ).toEqual({});
    expect(changedTableOptions({ compaction: { class: 'LeveledCompactionStrategy' } }, stored)).toEqual({
      compaction: { class: 'LeveledCompactionStrategy' },
    });
    expect(changedTableOptions({ caching: { keys: 'ALL', rows_per_partition: 10 } }, stored)).toEqual({
      caching: { keys: 'ALL', rows_per_partition: 10 },
    });
    expect(changedTableOptions({ caching: { rows_per_partition: 10 } }, { caching: new Map([['rows_per_partition', '10']]) })).toEqual({});
  });

  it('treats an unset cdc as false and normalises speculative_retry spellings', () => {
    expect(changedTableOptions({ cdc: false }, defaultOptions())).toEqual({});
    expect(changedTableOptions({ cdc: true }, { ...defaultOptions(), cdc: false })).toEqual({ cdc: true });
    expect(changedTableOptions({ speculative_retry: '99PERCENTILE', read_repair: 'blocking' }, defaultOptions())).toEqual({});
    expect(changedTableOptions({ speculative_retry: '95p' }, defaultOptions())).toEqual({ speculative_retry: '95p' });
  });

  it('rejects an option the server does not know with a typed error', () => {
    expect(() => changedTableOptions({ no_such_option: 1 }, defaultOptions())).toThrow(ConfigurationError);
    expect(() => changedTableOptions({ no_such_option: 1 }, defaultOptions())).toThrow(/no_such_option/);
  });
});
