// Which of a model's table options differ from what system_schema.tables reports, comparing
// values the way Cassandra stores them so an option that was applied is never re-applied.
import { ConfigurationError } from '@cassia/core';
import type { TableOptions } from '@cassia/schema';

/** The model's options whose database value differs (only the options the model sets are compared). */
export function changedTableOptions(model: Readonly<TableOptions>, database: Readonly<Record<string, unknown>>): TableOptions {
  const changed: TableOptions = {};
  for (const [name, wanted] of Object.entries(model)) {
    if (wanted === undefined) continue;
    if (!Object.hasOwn(database, name)) {
      // cqlengine failed here with a bare KeyError; the option would be rejected by the server anyway.
      throw new ConfigurationError(
        `Table option '${name}' is not known to this Cassandra version (system_schema.tables has no such ` +
          `column); remove it from the model's options or check its spelling.`,
      );
    }
    if (!sameOptionValue(name, wanted, database[name])) changed[name] = wanted;
  }
  return changed;
}

/** Whether the model's value of an option equals the value system_schema.tables reports. */
export function sameOptionValue(name: string, wanted: unknown, actual: unknown): boolean {
  if (typeof wanted === 'object' && wanted !== null) {
    const stored = actual instanceof Map ? Object.fromEntries(actual) : actual;
    if (typeof stored !== 'object' || stored === null) return false;
    const record = stored as Record<string, unknown>;
    // Only the keys the model sets: Cassandra fills in defaults (e.g. compaction thresholds).
    return Object.entries(wanted as Record<string, unknown>).every(([key, value]) => {
      if (value === undefined) return true;
      const current = record[key];
      if (current === undefined || current === null) return false;
      return key === 'class' ? sameClassName(String(value), String(current)) : String(value) === String(current);
    });
  }
  if (typeof wanted === 'number') {
    const stored = typeof actual === 'object' && actual !== null ? Number(String(actual)) : Number(actual);
    return actual !== null && actual !== undefined && stored === wanted;
  }
  if (typeof wanted === 'boolean') {
    // Unset boolean options (cdc, allow_auto_snapshot) read as null and mean false.
    return (actual ?? false) === wanted;
  }
  if (typeof wanted === 'string') {
    if (typeof actual !== 'string') return false;
    // Free text is compared exactly: a comment with quotes must round-trip unchanged.
    if (name === 'comment') return actual === wanted;
    return normalizedOptionText(actual) === normalizedOptionText(wanted);
  }
  return false;
}

// Cassandra reports strategy and compressor classes fully qualified; models usually give the short name.
function sameClassName(wanted: string, actual: string): boolean {
  const short = (name: string): string => name.slice(name.lastIndexOf('.') + 1);
  return wanted === actual || short(wanted) === short(actual);
}

// speculative_retry and friends: '99PERCENTILE' is stored as '99p', '50MS' as '50ms', keywords in any case.
function normalizedOptionText(value: string): string {
  const text = value.trim().toLowerCase();
  const percentile = /^(\d+(?:\.\d+)?)(?:p|percentile)$/.exec(text);
  if (percentile !== null) return `${Number(percentile[1])}p`;
  const millis = /^(\d+(?:\.\d+)?)ms$/.exec(text);
  if (millis !== null) return `${Number(millis[1])}ms`;
  return text;
}
