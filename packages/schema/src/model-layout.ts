// A model's layout: what every package needs to know of its columns, worked out once when the
// model is defined (models are frozen, so it never goes stale). Validation, the row mapper and
// the query builders' column lookups and INSERT column lists all read it; nothing recomputes a
// column's position, role, validator or codec per statement.
import { SchemaDefinitionError, UnreadableValueError } from '@cassia/core';
import { BoundedCache, quoteIdentifier, quoteQualified } from '@cassia/core/internal';
import { fastCheckOf, type AnyColumn } from './column';
import { decoderOf, encoderOf, type ValueDecoder, type ValueEncoder } from './codec';
import { passesColumnFastCheck, validateColumn, type ColumnValidator } from './column-validation';
import { isCollection, type CqlType } from './cql-type';
import type { FastCheck } from './fast-check';
import { COMPOSITE_COMPONENT_OVERHEAD, keyLimitsOf, MAX_KEY_BYTES, type KeyLimits } from './key-limits';
import type { AnyModel } from './model';
import { rowMapperOf, type RowMapper } from './row-mapper';
import { shareNameList, type SharedNameList } from './shared-name-list';

/** What a column is in its table. */
export type ColumnRole = 'partitionKey' | 'clusteringKey' | 'static' | 'counter' | 'regular';

/** One column of a model, as every package reads it. */
export interface LayoutColumn {
  /** Position in the model's column order (`Object.keys(model.columns)`). */
  readonly index: number;
  readonly property: string;
  /** The column's name in the database. */
  readonly dbName: string;
  /** dbName as CQL text (double-quoted by quoteIdentifier). */
  readonly quotedName: string;
  readonly column: AnyColumn;
  readonly cql: CqlType;
  readonly role: ColumnRole;
  /** The role is partitionKey or clusteringKey. */
  readonly isKey: boolean;
  /** The role is counter. */
  readonly isCounter: boolean;
  /** Made `.required()`: writes never leave it null, and a null read is an UnreadableValueError. */
  readonly isRequired: boolean;
  /** Cassandra's limit on this key column's serialized value alone (0 for a non-key column). */
  readonly maxKeyBytes: number;
  /** The only partition key column: its serialized value may not be empty. */
  readonly isSolePartitionKey: boolean;
  /** The column's fast check (fast-check.ts); undefined: zod checks every value. */
  readonly fastCheck: FastCheck | undefined;
  /** Validates one value (null allowed for a non-key column): the parsed value, or ValidationError. */
  readonly validate: ColumnValidator;
  /** Makes the driver's value of a valid, non-null value; undefined: values are bound as they are. */
  readonly encode: ValueEncoder | undefined;
  /**
   * Makes the JS value of a driver value; undefined: the driver's value is the JS value (null for
   * absent). A required non-collection column always has one: it refuses null.
   */
  readonly decode: ValueDecoder | undefined;
}

/** Models with more insertable columns than this list an INSERT's names per statement (no shared list per set). */
export const MAX_INSERT_BITS = 30;

/** Keyed SELECT texts a layout keeps (each generation of its BoundedCache: at most twice this many). */
export const KEYED_SELECTS_PER_MODEL = 4_096;

/** The layout of one model (see the file's header). */
export class ModelLayout {
  /** Every column, in the model's column order. */
  readonly columns: readonly LayoutColumn[];
  readonly byProperty: ReadonlyMap<string, LayoutColumn>;
  /** The whole-key sums a write is checked against; undefined when no values can exceed them. */
  readonly keyLimits: KeyLimits | undefined;
  /** The columns an INSERT can write (every non-counter column), in the model's column order. */
  readonly insertable: readonly LayoutColumn[];
  /** Every column is insertable and has no encoder, so insertable[i] is column i and binds as it is. */
  readonly insertNeedsNoEncoder: boolean;
  /** The database names of the non-frozen list columns (a write of a whole one is not idempotent). */
  readonly listColumns: ReadonlySet<string>;
  /** The bits (as insertNames reads them) of the insertable non-frozen list columns. */
  readonly listBits: number;
  /** The primary key columns, partition key first, then clustering columns in order. */
  readonly primaryKey: readonly LayoutColumn[];
  readonly #table: string;
  readonly #insertNames = new Map<number, SharedNameList>();
  // The keyed SELECT per keyspace: one text per (model, keyspace), as gocqlx's table holds its get;
  // bounded, since a tenant fleet reads one model in thousands of keyspaces.
  readonly #keyedSelects = new BoundedCache<string, string>(KEYED_SELECTS_PER_MODEL);
  #rowMapper: RowMapper | undefined;

  // The column lists are typed readonly but not frozen: V8 reads a frozen array's elements on a
  // slower path, and validation and every INSERT loop over them.
  constructor(model: AnyModel) {
    const composite = model.partitionKey.length > 1;
    this.columns = Object.keys(model.columns).map((property, index) => {
      const column = model.columns[property];
      const role = roleOf(model, property);
      const isKey = role === 'partitionKey' || role === 'clusteringKey';
      const dbName = model.dbNames[property];
      const isRequired = column.columnOptions.required === true;
      const entry: LayoutColumn = Object.freeze({
        index,
        property,
        dbName,
        quotedName: quoteIdentifier(dbName),
        column,
        cql: column.cql,
        role,
        isKey,
        isCounter: role === 'counter',
        isRequired,
        maxKeyBytes: !isKey ? 0 : role === 'partitionKey' && composite ? MAX_KEY_BYTES - COMPOSITE_COMPONENT_OVERHEAD : MAX_KEY_BYTES,
        isSolePartitionKey: role === 'partitionKey' && !composite,
        fastCheck: fastCheckOf(column),
        validate: (value: unknown) => (passesColumnFastCheck(entry, value) ? value : validateColumn(model, entry, value)),
        encode: encoderOf(column.cql),
        decode: isRequired && !isCollection(column.cql) ? requiredDecoder(model, property, decoderOf(column.cql)) : decoderOf(column.cql),
      });
      return entry;
    });
    this.byProperty = new Map(this.columns.map((column) => [column.property, column]));
    this.keyLimits = keyLimitsOf(model, this.columns);
    this.insertable = this.columns.filter((column) => !column.isCounter);
    this.insertNeedsNoEncoder = this.columns.every((column) => !column.isCounter && column.encode === undefined);
    const isList = (column: LayoutColumn): boolean => column.cql.kind === 'list' && !column.cql.frozen;
    this.listColumns = new Set(this.columns.filter(isList).map((column) => column.dbName));
    this.listBits = this.insertable.length > MAX_INSERT_BITS ? 0 : this.insertable.reduce((bits, column, i) => (isList(column) ? bits | (1 << i) : bits), 0);
    this.primaryKey = model.primaryKey.map((property) => this.byProperty.get(property)!);
    this.#table = model.table;
  }

  /**
   * `SELECT * FROM "keyspace"."table" WHERE "k1" = ? AND "k2" = ? ...` over the whole primary key
   * in `primaryKey` order: the read of one row by its key, made once per keyspace. Its text is the
   * one the query compiler gives a select of that shape.
   */
  keyedSelectCql(keyspace: string): string {
    let cql = this.#keyedSelects.get(keyspace);
    if (cql === undefined) {
      const where = this.primaryKey.map((column) => `${column.quotedName} = ?`).join(' AND ');
      cql = `SELECT * FROM ${quoteQualified(keyspace, this.#table)} WHERE ${where}`;
      this.#keyedSelects.set(keyspace, cql);
    }
    return cql;
  }

  /** How many keyed SELECT texts are held (for tests and diagnostics). */
  get keyedSelectCount(): number {
    return this.#keyedSelects.size;
  }

  /**
   * The database names of the insertable columns whose bits are set in `present` (bit i: the i-th
   * of insertable, for models of at most MAX_INSERT_BITS of them), one shared list per set.
   */
  insertNames(present: number): SharedNameList {
    let names = this.#insertNames.get(present);
    if (names === undefined) {
      names = shareNameList(this.insertable.filter((_, i) => (present & (1 << i)) !== 0).map((column) => column.dbName));
      this.#insertNames.set(present, names);
    }
    return names;
  }

  /** Maps a driver row (database names) to a JS row (property names); made at the first read. */
  get rowMapper(): RowMapper {
    return (this.#rowMapper ??= rowMapperOf(this.columns));
  }
}

// A required column's decoder: a stored null (written by another client, or deleted by hand) has
// no value of the column's read type, so the read fails naming the table and column. Collections
// are not wrapped: Cassandra stores an empty one as null, which reads as empty.
function requiredDecoder(model: AnyModel, property: string, decode: ValueDecoder | undefined): ValueDecoder {
  return (value) => {
    if (value === null || value === undefined) {
      throw new UnreadableValueError(
        `model "${model.table}", column "${property}" is required (.required()), but the database holds null for it ` +
          '(a row written by another client or by hand); fix the row, or drop .required() to read such rows.',
      );
    }
    return decode === undefined ? value : decode(value);
  };
}

function roleOf(model: AnyModel, property: string): ColumnRole {
  if (model.partitionKey.includes(property)) return 'partitionKey';
  if (model.primaryKey.includes(property)) return 'clusteringKey';
  if (model.counterColumns.includes(property)) return 'counter';
  return model.staticColumns.includes(property) ? 'static' : 'regular';
}

// Set by defineModel on the model before it is frozen; not enumerable, so a model still compares
// and prints as the plain object it is.
const LAYOUT = Symbol('layout');

/** Makes `model`'s layout and attaches it; defineModel calls this once, before freezing the model. */
export function attachLayout(model: AnyModel): void {
  Object.defineProperty(model, LAYOUT, { value: new ModelLayout(model), enumerable: false });
}

/** The layout of a model made by defineModel. */
export function layoutOf(model: AnyModel): ModelLayout {
  const layout = (model as unknown as { readonly [LAYOUT]?: ModelLayout })[LAYOUT];
  if (layout === undefined) throw new SchemaDefinitionError(`${describeModel(model)} is not a model made by defineModel`);
  return layout;
}

function describeModel(model: unknown): string {
  const table = typeof model === 'object' && model !== null ? (model as { table?: unknown }).table : undefined;
  return typeof table === 'string' ? `model ${JSON.stringify(table)}` : 'the value';
}
