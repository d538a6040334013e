// What timestamps() and versioned() check of their options and of the model they are used on:
// option bags read by own properties, and columns that exist with the CQL type they need.
import { ConfigurationError } from '@cassia/core';
import { assertKnownOptions } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { layoutOf, type LayoutColumn } from '@cassia/schema/internal';
import { describeInput } from './describe-input';
import { isOptionBag, ownCopy } from './own-properties';

/** The own properties of an options bag (undefined: none), after its keys are checked. */
export function middlewareOptions<T extends object>(given: T | undefined, keys: readonly string[], what: string): Partial<T> {
  if (given === undefined) return Object.create(null) as Partial<T>;
  if (!isOptionBag(given)) throw new ConfigurationError(`${what} takes an options object { ${keys.join(', ')} }, got ${describeInput(given)}.`);
  assertKnownOptions(given, new Set(keys), what);
  return ownCopy(given) as Partial<T>;
}

/** A column name option: a non-empty string (or the default). */
export function columnOption(value: unknown, fallback: string, what: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0) throw new ConfigurationError(`${what} must be a column name, got ${describeInput(value)}.`);
  return value;
}

/** The non-key column `property` of `model` whose native type is one of `types`; ConfigurationError otherwise. */
export function typedColumn(model: AnyModel, property: string, types: readonly string[], what: string): LayoutColumn {
  const column = layoutOf(model).byProperty.get(property);
  if (column === undefined) {
    throw new ConfigurationError(`${what}: "${model.table}" has no column ${describeInput(property)}; add it as t.${types[0]}() or name another.`);
  }
  const type = column.cql;
  if (type.kind !== 'native' || !types.includes(type.name)) {
    throw new ConfigurationError(`${what}: column "${property}" of "${model.table}" must be ${types.join(' or ')}, not ${type.kind === 'native' ? type.name : type.kind}.`);
  }
  if (column.isKey) throw new ConfigurationError(`${what}: column "${property}" of "${model.table}" is part of the primary key; name a regular column.`);
  return column;
}
