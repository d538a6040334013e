// Which of a model's table options differ from what system_schema.tables reports, comparing
// values in the form Cassandra stores them (table-option-forms.ts) so an option that was applied
// is never re-applied. Options the model leaves out are not compared: they stay as they are.
import { ConfigurationError } from '@cassia/core';
import { describeValue } from '@cassia/core/internal';
import type { TableOptions } from '@cassia/schema';
import { sameMapOption, sameScalarOption } from './table-option-forms';

/** The options to ALTER, and options that cannot be checked on this server (as warnings). */
export interface TableOptionsDiff {
  readonly changed: TableOptions;
  readonly warnings: readonly string[];
}

/** The model's options whose database value differs (only the options the model sets are compared). */
export function changedTableOptions(model: Readonly<TableOptions>, database: Readonly<Record<string, unknown>>): TableOptions {
  return diffTableOptions(model, database).changed;
}

/** Like changedTableOptions, and says which options the server does not record, instead of altering them on every sync. */
export function diffTableOptions(model: Readonly<TableOptions>, database: Readonly<Record<string, unknown>>): TableOptionsDiff {
  const changed: TableOptions = {};
  const warnings: string[] = [];
  for (const [name, wanted] of Object.entries(model)) {
    if (wanted === undefined) continue;
    if (!Object.hasOwn(database, name)) {
      // cqlengine failed here with a bare KeyError; the option would be rejected by the server anyway.
      throw new ConfigurationError(
        `Table option ${describeValue(name)} is not known to this Cassandra version (system_schema.tables has no such ` +
          `column); remove it from the model's options or check its spelling.`,
      );
    }
    const actual = database[name];
    if (name === 'cdc' && wanted === true && (actual === null || actual === undefined)) {
      // A node with cdc_enabled: false accepts `cdc = true` but never records it, so it would be altered on every sync.
      warnings.push(
        `table option cdc = true is not recorded by this node (cdc_enabled is false in its cassandra.yaml), so it cannot ` +
          `be checked; not altered`,
      );
      continue;
    }
    if (!sameOptionValue(name, wanted, actual)) changed[name] = wanted;
  }
  return { changed, warnings };
}

/** Whether the model's value of an option equals the value system_schema.tables reports. */
export function sameOptionValue(name: string, wanted: unknown, actual: unknown): boolean {
  if (typeof wanted === 'object' && wanted !== null) {
    const stored = actual instanceof Map ? Object.fromEntries(actual) : actual;
    if (typeof stored !== 'object' || stored === null) return false;
    return sameMapOption(name, wanted as Record<string, unknown>, stored as Record<string, unknown>);
  }
  if (typeof wanted === 'string' || typeof wanted === 'number' || typeof wanted === 'boolean') {
    return sameScalarOption(name, wanted, actual);
  }
  return false;
}
