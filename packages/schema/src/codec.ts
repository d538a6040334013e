// The one JS ↔ CQL value mapping (see README): `toDatabase` makes cassandra-driver bound
// parameters from JS values, `fromDatabase` makes JS values from what the driver returns.
import { types } from 'cassandra-driver';
import type { AnyColumn } from './column';
import type { CqlType } from './cql-type';
import type { Duration } from './duration';
import type { AnyModel } from './model';

/** Converts a JS value of `column` to the value cassandra-driver binds; null and undefined pass through. */
export function toDatabase(column: AnyColumn, value: unknown): unknown {
  return encode(column.cql, value);
}

/** Converts a driver value of `column` to its JS value; null means absent, and empty collections come back empty. */
export function fromDatabase(column: AnyColumn, value: unknown): unknown {
  return decode(column.cql, value);
}

/** Maps JS values by property name to driver values by database name (undefined entries dropped). */
export function rowToDatabase(model: AnyModel, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const column = model.columns[property];
    if (column === undefined) continue;
    out[model.dbNames[property]] = encode(column.cql, value);
  }
  return out;
}

// Native types whose JS value is what the driver binds (see encodeNative's default case).
const PASS_THROUGH = new Set(['ascii', 'text', 'varchar', 'int', 'bigint', 'smallint', 'tinyint', 'varint', 'float', 'double', 'boolean', 'timestamp', 'blob', 'counter']);

/** Whether values of `type` are bound as they are (`encode` returns them unchanged), so callers may skip it. */
export function isPassThrough(type: CqlType): boolean {
  return type.kind === 'native' && PASS_THROUGH.has(type.name);
}

/** Converts a JS value of a CQL type to the driver's value (exported for nested use by query). */
export function encode(type: CqlType, value: unknown): unknown {
  return encodeValue(type, value, false);
}

// An empty collection serialized by hand: a 4-byte element count of 0 (protocol v3+). The driver
// would send an empty list as null, which Cassandra rejects inside a collection (and a null
// element is not allowed there), so nested empty collections are sent as these bytes.
const EMPTY_COLLECTION = Buffer.alloc(4);

function encodeValue(type: CqlType, value: unknown, nested: boolean): unknown {
  if (value === null || value === undefined) return value;
  // Natives first and without the helper below: they are nearly every value written.
  if (type.kind === 'native') return encodeNative(type.name, value);
  const inner = (elementType: CqlType, element: unknown) => encodeValue(elementType, element, true);
  switch (type.kind) {
    case 'list':
    case 'set': {
      // Arrays for sets work whatever the client's `encoding.set` is.
      const elements = Array.from(value as Iterable<unknown>, (element) => inner(type.element, element));
      return nested && elements.length === 0 ? EMPTY_COLLECTION : elements;
    }
    case 'map': {
      const map = value as ReadonlyMap<unknown, unknown>;
      return nested && map.size === 0 ? EMPTY_COLLECTION : encodeMap(type.key, type.value, map);
    }
    case 'tuple':
      return types.Tuple.fromArray(type.elements.map((element, i) => inner(element, (value as readonly unknown[])[i] ?? null)));
    case 'udt': {
      const object = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      // Every field is sent, missing ones as null, so a write replaces the whole value.
      for (const field of type.type.fieldList) out[field.dbName] = inner(field.cql, object[field.property] ?? null);
      return out;
    }
    case 'vector': {
      const elements = (value as readonly unknown[]).map((element) => inner(type.element, element));
      const subtype = type.element.kind === 'native' ? type.element.name : undefined;
      return new types.Vector(elements, subtype);
    }
  }
}

/** Converts a driver value of a CQL type to its JS value. */
export function decode(type: CqlType, value: unknown): unknown {
  if (value === null || value === undefined) {
    // Cassandra does not tell an empty collection from a missing one; Cassia reads both as empty.
    if (type.kind === 'list') return [];
    if (type.kind === 'set') return new Set();
    if (type.kind === 'map') return new Map();
    return null;
  }
  switch (type.kind) {
    case 'native':
      return decodeNative(type.name, value);
    case 'list':
      return Array.from(value as Iterable<unknown>, (element) => decode(type.element, element));
    case 'set':
      return new Set(Array.from(value as Iterable<unknown>, (element) => decode(type.element, element)));
    case 'map':
      return decodeMap(type.key, type.value, value);
    case 'tuple': {
      const tuple = value as types.Tuple | readonly unknown[];
      const elements: readonly unknown[] = Array.isArray(tuple) ? tuple : (tuple as types.Tuple).values();
      return type.elements.map((element, i) => decode(element, elements[i] ?? null));
    }
    case 'udt': {
      const object = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const field of type.type.fieldList) out[field.property] = decode(field.cql, object[field.dbName] ?? null);
      return out;
    }
    case 'vector':
      return Array.from(value as Iterable<unknown>, (element) => decode(type.element, element));
  }
}

function encodeNative(name: string, value: unknown): unknown {
  switch (name) {
    case 'decimal':
      return types.BigDecimal.fromString(value as string);
    case 'uuid':
      return types.Uuid.fromString(value as string);
    case 'timeuuid':
      return types.TimeUuid.fromString(value as string);
    case 'date':
      return types.LocalDate.fromString(value as string);
    case 'time':
      return types.LocalTime.fromString(value as string);
    case 'duration': {
      const duration = value as Duration;
      return new types.Duration(duration.months, duration.days, types.Long.fromString(duration.nanoseconds.toString()));
    }
    case 'inet':
      return types.InetAddress.fromString(value as string);
    default:
      // text types, numbers, booleans, Date, Buffer, and bigint (clients use useBigIntAsLong/Varint).
      return value;
  }
}

function decodeNative(name: string, value: unknown): unknown {
  switch (name) {
    case 'bigint':
    case 'counter':
    case 'varint':
      return toBigInt(value);
    case 'decimal':
    case 'uuid':
    case 'timeuuid':
    case 'date':
    case 'inet':
      return String(value);
    case 'time':
      return formatTime(toBigInt(value instanceof types.LocalTime ? value.getTotalNanoseconds() : types.LocalTime.fromString(String(value)).getTotalNanoseconds()));
    case 'duration': {
      const duration = value instanceof types.Duration ? value : types.Duration.fromString(String(value));
      const raw = duration as unknown as { months: number; days: number; nanoseconds: unknown };
      return { months: raw.months, days: raw.days, nanoseconds: toBigInt(raw.nanoseconds) } satisfies Duration;
    }
    case 'float':
    case 'double':
    case 'int':
    case 'smallint':
    case 'tinyint':
      return typeof value === 'number' ? value : Number(value);
    default:
      return value;
  }
}

// bigint/varint may arrive as Long or Integer when a caller-owned client lacks useBigIntAsLong/Varint.
function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  return BigInt(String(value));
}

/** Canonical `hh:mm:ss[.f]` text of nanoseconds since midnight, trailing fraction zeros dropped. */
export function formatTime(nanos: bigint): string {
  const second = 1_000_000_000n;
  const total = nanos / second;
  const fraction = nanos % second;
  const pad = (n: bigint) => n.toString().padStart(2, '0');
  const text = `${pad(total / 3600n)}:${pad((total / 60n) % 60n)}:${pad(total % 60n)}`;
  return fraction === 0n ? text : `${text}.${fraction.toString().padStart(9, '0').replace(/0+$/, '')}`;
}

// Key types whose string form the driver parses back exactly, so a plain object works with
// any client; other key types need a client created with `encoding: { map: Map }`.
const STRING_KEYS = new Set([
  'ascii', 'text', 'varchar', 'int', 'bigint', 'smallint', 'tinyint', 'varint', 'float', 'double',
  'decimal', 'uuid', 'timeuuid', 'timestamp', 'date', 'time', 'inet',
]);

function encodeMap(keyType: CqlType, valueType: CqlType, map: ReadonlyMap<unknown, unknown>): unknown {
  if (keyType.kind === 'native' && STRING_KEYS.has(keyType.name)) {
    const object: Record<string, unknown> = {};
    for (const [key, value] of map) {
      const text = key instanceof Date ? key.toISOString() : String(key);
      // defineProperty so a key such as "__proto__" is stored as data, not as the prototype.
      Object.defineProperty(object, text, { value: encodeValue(valueType, value, true), enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  const out = new Map<unknown, unknown>();
  for (const [key, value] of map) out.set(encodeValue(keyType, key, true), encodeValue(valueType, value, true));
  return out;
}

function decodeMap(keyType: CqlType, valueType: CqlType, value: unknown): Map<unknown, unknown> {
  const out = new Map<unknown, unknown>();
  if (value instanceof Map) {
    for (const [key, entry] of value) out.set(decode(keyType, key), decode(valueType, entry));
    return out;
  }
  // A client without `encoding.map` returns a plain object whose keys are the keys' strings.
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    out.set(decode(keyType, parseKey(keyType, key)), decode(valueType, entry));
  }
  return out;
}

function parseKey(keyType: CqlType, key: string): unknown {
  if (keyType.kind !== 'native') return key;
  switch (keyType.name) {
    case 'int':
    case 'smallint':
    case 'tinyint':
    case 'float':
    case 'double':
      return Number(key);
    case 'bigint':
    case 'varint':
      return BigInt(key);
    case 'timestamp':
      return new Date(key);
    case 'boolean':
      return key === 'true';
    default:
      return key;
  }
}
