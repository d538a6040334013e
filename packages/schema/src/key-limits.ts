// Cassandra's limits on primary key values, checked before anything is sent. As Cassandra 5
// enforces them (QueryProcessor.validateKey and the clustering checks; probed on the test
// clusters): a partition key of one column is 1 to 65535 bytes serialized; a composite one is
// serialized with 2 length bytes and 1 end byte per component, all of it at most 65535 bytes;
// the clustering values together are at most 65535 bytes. "Serialized" is the protocol form
// Cassia binds: a varint's two's complement bytes, a frozen collection's counts and lengths, a
// tuple's or UDT's element lengths. An empty frozen list or set is bound as null, which no key
// column takes, so empty frozen collections are refused in every key column.
import type { CqlType } from './cql-type';
import { NATIVE_TYPES } from './native-types';
import { unsignedVintSize } from './protocol-sizes';
import type { AnyModel } from './model';
import type { LayoutColumn } from './model-layout';

/** Cassandra's largest serialized key (a 16-bit length). */
export const MAX_KEY_BYTES = 65_535;
/** What a composite partition key adds per component (2 length bytes, 1 end-of-component byte). */
export const COMPOSITE_COMPONENT_OVERHEAD = 3;

/** The fixed serialized size of a type, or undefined when it depends on the value. */
export function fixedSize(type: CqlType): number | undefined {
  if (type.kind !== 'native') return undefined;
  const size = NATIVE_TYPES[type.name].size;
  return typeof size === 'number' ? size : undefined;
}

/** The bytes the protocol form of a valid, non-null JS value of `type` takes (no length prefix of its own). */
export function serializedSize(type: CqlType, value: unknown): number {
  switch (type.kind) {
    case 'native': {
      const size = NATIVE_TYPES[type.name].size;
      return typeof size === 'number' ? size : size(value);
    }
    case 'list':
    case 'set': {
      let size = 4;
      for (const element of value as Iterable<unknown>) size += 4 + serializedSize(type.element, element);
      return size;
    }
    case 'map': {
      let size = 4;
      for (const [key, entry] of value as ReadonlyMap<unknown, unknown>) size += 8 + serializedSize(type.key, key) + serializedSize(type.value, entry);
      return size;
    }
    case 'tuple':
      return type.elements.reduce((size, element, i) => size + 4 + nullableSize(element, (value as readonly unknown[])[i]), 0);
    case 'udt': {
      const object = value as Readonly<Record<string, unknown>>;
      return type.type.fieldList.reduce((size, field) => size + 4 + nullableSize(field.cql, Object.hasOwn(object, field.property) ? object[field.property] : null), 0);
    }
    case 'vector': {
      const fixed = fixedSize(type.element);
      let size = 0;
      for (const element of value as readonly unknown[]) {
        const bytes = fixed ?? serializedSize(type.element, element);
        size += fixed === undefined ? unsignedVintSize(bytes) + bytes : bytes;
      }
      return size;
    }
  }
}

function nullableSize(type: CqlType, value: unknown): number {
  return value === null || value === undefined ? 0 : serializedSize(type, value);
}

/** True for an empty frozen list, set or map (which a key column cannot take). */
export function isEmptyCollection(type: CqlType, value: unknown): boolean {
  if (type.kind === 'list') return (value as readonly unknown[]).length === 0;
  if (type.kind === 'set' || type.kind === 'map') return (value as ReadonlySet<unknown>).size === 0;
  return false;
}

/** Key columns whose serialized sizes are limited together (checked over a whole write). */
export interface KeyLimits {
  /** A composite partition key's columns (each adds COMPOSITE_COMPONENT_OVERHEAD); empty when not checked. */
  readonly partition: readonly LayoutColumn[];
  /** The clustering columns; empty when not checked. */
  readonly clustering: readonly LayoutColumn[];
  /** How issues name the two groups (made once, not per write). */
  readonly partitionLabel: string;
  readonly clusteringLabel: string;
}

/**
 * The whole-key sums a model's writes must be checked against; undefined when no values can exceed
 * them. Needed only when a key has more than one column of a variable size (a single one is held
 * to its own limit, which equals the sum's).
 */
export function keyLimitsOf(model: AnyModel, columns: readonly LayoutColumn[]): KeyLimits | undefined {
  const entries = (names: readonly string[]) => columns.filter((column) => names.includes(column.property));
  const partition = model.partitionKey.length > 1 ? entries(model.partitionKey) : [];
  const clustering = entries(model.clusteringKey.map((c) => c.column));
  const variable = (group: readonly LayoutColumn[]) => group.filter((column) => fixedSize(column.cql) === undefined).length;
  const fixedTotal = (group: readonly LayoutColumn[], overhead: number) =>
    group.reduce((sum, column) => sum + (fixedSize(column.cql) ?? 0) + overhead, 0);
  const partitionNeeded = variable(partition) > 1 || (variable(partition) === 1 && fixedTotal(partition, COMPOSITE_COMPONENT_OVERHEAD) > COMPOSITE_COMPONENT_OVERHEAD);
  const clusteringNeeded = variable(clustering) > 1 || (variable(clustering) === 1 && fixedTotal(clustering, 0) > 0);
  if (!partitionNeeded && !clusteringNeeded) return undefined;
  const names = (group: readonly LayoutColumn[]) => group.map((column) => column.property).join(', ');
  return {
    partition: partitionNeeded ? partition : [],
    clustering: clusteringNeeded ? clustering : [],
    partitionLabel: `composite partition key (${names(partition)})`,
    clusteringLabel: `clustering key (${names(clustering)}) together`,
  };
}
