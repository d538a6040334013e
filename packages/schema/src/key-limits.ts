// Cassandra's limits on primary key values, checked before anything is sent. As Cassandra 5
// enforces them (QueryProcessor.validateKey and the clustering checks; probed on the test
// clusters): a partition key of one column is 1 to 65535 bytes serialized; a composite one is
// serialized with 2 length bytes and 1 end byte per component, all of it at most 65535 bytes;
// the clustering values together are at most 65535 bytes. "Serialized" is the protocol form
// Cassia binds: a varint's two's complement bytes, a frozen collection's counts and lengths, a
// tuple's or UDT's element lengths. An empty frozen list or set is bound as null, which no key
// column takes, so empty frozen collections are refused in every key column.
import type { CqlType } from './cql-type';
import type { Duration } from './duration';
import { parseDecimal } from './decimal-text';

/** Cassandra's largest serialized key (a 16-bit length). */
export const MAX_KEY_BYTES = 65_535;
/** What a composite partition key adds per component (2 length bytes, 1 end-of-component byte). */
export const COMPOSITE_COMPONENT_OVERHEAD = 3;

// Serialized sizes of the fixed-size native types.
const FIXED_SIZES: Readonly<Record<string, number>> = {
  int: 4, bigint: 8, counter: 8, smallint: 2, tinyint: 1, float: 4, double: 8, boolean: 1, uuid: 16, timeuuid: 16,
  timestamp: 8, date: 4, time: 8,
};

/** The fixed serialized size of a type, or undefined when it depends on the value. */
export function fixedSize(type: CqlType): number | undefined {
  return type.kind === 'native' ? FIXED_SIZES[type.name] : undefined;
}

/** The bytes the protocol form of a valid, non-null JS value of `type` takes (no length prefix of its own). */
export function serializedSize(type: CqlType, value: unknown): number {
  switch (type.kind) {
    case 'native':
      return nativeSize(type.name, value);
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

function nativeSize(name: string, value: unknown): number {
  const fixed = FIXED_SIZES[name];
  if (fixed !== undefined) return fixed;
  switch (name) {
    case 'ascii':
      return (value as string).length;
    case 'text':
    case 'varchar':
      return Buffer.byteLength(value as string, 'utf8');
    case 'blob':
      return (value as Buffer).length;
    case 'varint':
      return varintSize(value as bigint);
    case 'decimal':
      return 4 + varintSize(parseDecimal(value as string).unscaled);
    case 'inet':
      return (value as string).includes(':') ? 16 : 4;
    case 'duration': {
      const { months, days, nanoseconds } = value as Duration;
      return signedVintSize(BigInt(months)) + signedVintSize(BigInt(days)) + signedVintSize(nanoseconds);
    }
    default:
      return 0;
  }
}

/** Bytes of the shortest two's complement form of `value` (the driver's varint encoding). */
export function varintSize(value: bigint): number {
  const magnitude = value < 0n ? -value - 1n : value;
  return Math.floor(bitLength(magnitude) / 8) + 1;
}

function bitLength(value: bigint): number {
  if (value === 0n) return 0;
  const hex = value.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

// Cassandra's VIntCoding sizes: 7 bits in the first byte, 8 per extra byte, up to 9 bytes.
function unsignedVintSize(value: number): number {
  const bits = value === 0 ? 1 : 32 - Math.clz32(value);
  return Math.min(9, Math.ceil(bits / 7));
}

function signedVintSize(value: bigint): number {
  const zigzag = value < 0n ? (-value << 1n) - 1n : value << 1n;
  const bits = Math.max(1, bitLength(zigzag));
  return Math.min(9, Math.ceil(bits / 7));
}

/** True for an empty frozen list, set or map (which a key column cannot take). */
export function isEmptyCollection(type: CqlType, value: unknown): boolean {
  if (type.kind === 'list') return (value as readonly unknown[]).length === 0;
  if (type.kind === 'set' || type.kind === 'map') return (value as ReadonlySet<unknown>).size === 0;
  return false;
}
