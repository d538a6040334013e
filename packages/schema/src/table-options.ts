// Table options (WITH ...): their typed shape and their CQL text with escaped literals.
import { SchemaDefinitionError } from '@cassia/core';

/** A value inside a map-valued table option such as `compaction` or `caching`. */
export type TableOptionMapValue = string | number | boolean;

/**
 * Table options by their CQL names, as Cassandra reports them in `system_schema.tables`.
 * Other option names are accepted too (they must be valid identifiers) for newer Cassandra versions.
 */
export interface TableOptions {
  comment?: string;
  default_time_to_live?: number;
  gc_grace_seconds?: number;
  bloom_filter_fp_chance?: number;
  crc_check_chance?: number;
  memtable_flush_period_in_ms?: number;
  min_index_interval?: number;
  max_index_interval?: number;
  speculative_retry?: string;
  additional_write_policy?: string;
  read_repair?: string;
  cdc?: boolean;
  caching?: { keys?: 'ALL' | 'NONE'; rows_per_partition?: 'ALL' | 'NONE' | number };
  compaction?: { class: string } & Record<string, TableOptionMapValue>;
  compression?: Record<string, TableOptionMapValue>;
  [option: string]: string | number | boolean | Readonly<Record<string, TableOptionMapValue>> | undefined;
}

const OPTION_NAME = /^[a-z][a-z0-9_]*$/;

/** A CQL string literal: single-quoted with embedded quotes doubled. */
export function cqlStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The CQL literal of one option value; maps become `{'k': 'v'}` with every value as a string literal. */
export function tableOptionValueCql(name: string, value: unknown): string {
  if (typeof value === 'string') return cqlStringLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SchemaDefinitionError(`table option ${name}: ${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    const parts = entries.map(([key, entry]) => {
      if (typeof entry !== 'string' && typeof entry !== 'number' && typeof entry !== 'boolean') {
        throw new SchemaDefinitionError(`table option ${name}.${key}: expected a string, number or boolean`);
      }
      if (typeof entry === 'number' && !Number.isFinite(entry)) {
        throw new SchemaDefinitionError(`table option ${name}.${key}: ${entry} is not a finite number`);
      }
      // Cassandra keeps map option values as text, so they are sent (and compared) as strings.
      return `${cqlStringLiteral(key)}: ${cqlStringLiteral(String(entry))}`;
    });
    return `{${parts.join(', ')}}`;
  }
  throw new SchemaDefinitionError(`table option ${name}: unsupported value`);
}

/** Checks option names and values; throws SchemaDefinitionError naming the owner and option. */
export function checkTableOptions(owner: string, options: TableOptions): void {
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!OPTION_NAME.test(name)) {
      throw new SchemaDefinitionError(`${owner}: "${name}" is not a table option name (lowercase letters, digits, _)`);
    }
    try {
      tableOptionValueCql(name, value);
    } catch (error) {
      throw new SchemaDefinitionError(`${owner}: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** `name = value AND ...` for the given options (sorted by name so the text is stable), or '' when none. */
export function tableOptionsCql(options: TableOptions): string {
  return Object.keys(options)
    .filter((name) => options[name] !== undefined)
    .sort()
    .map((name) => `${name} = ${tableOptionValueCql(name, options[name])}`)
    .join(' AND ');
}
