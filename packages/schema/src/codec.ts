// The one JS ↔ CQL value mapping (see README): `toDatabase` makes cassandra-driver bound
// parameters from JS values, `fromDatabase` makes JS values from what the driver returns.
import { types } from 'cassandra-driver';
import { UnreadableValueError } from '@cassia/core';
import type { AnyColumn } from './column';
import type { CqlType } from './cql-type';
import { formatCqlDate, parseCqlDate } from './cql-date';
import { formatDecimal, parseDecimal } from './decimal-text';
import type { Duration } from './duration';
import { formatInet, parseInet } from './inet-address';
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
      // Every field is sent, missing ones as null, so a write replaces the whole value. Own
      // properties only: a field named `toString` that is left out is null, not Object's method.
      for (const field of type.type.fieldList) {
        out[field.dbName] = Object.hasOwn(object, field.property) ? inner(field.cql, object[field.property] ?? null) : null;
      }
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
      // A value stored before the type gained a field lacks it: null, also for a field named like
      // an Object.prototype member (`toString`), which the driver's object would otherwise lend.
      for (const field of type.type.fieldList) {
        out[field.property] = decode(field.cql, Object.hasOwn(object, field.dbName) ? object[field.dbName] : null);
      }
      return out;
    }
    case 'vector':
      return Array.from(value as Iterable<unknown>, (element) => decode(type.element, element));
  }
}

function encodeNative(name: string, value: unknown): unknown {
  switch (name) {
    case 'decimal': {
      const { unscaled, scale } = parseDecimal(value as string);
      // The typings say number; the driver takes its Integer (exact at any size).
      return new types.BigDecimal(types.Integer.fromString(unscaled.toString()) as unknown as number, scale);
    }
    case 'uuid':
      return types.Uuid.fromString(value as string);
    case 'timeuuid':
      return types.TimeUuid.fromString(value as string);
    case 'date':
      // By day count: the driver's own parser handles only years JS Date can hold.
      return new (types.LocalDate as unknown as new (days: number) => types.LocalDate)(parseCqlDate(value as string) as number);
    case 'time':
      return types.LocalTime.fromString(value as string);
    case 'duration': {
      const duration = value as Duration;
      return new types.Duration(duration.months, duration.days, types.Long.fromString(duration.nanoseconds.toString()));
    }
    case 'inet':
      // Parsed here: the driver's parser throws a TypeError on an embedded IPv4 ('::1.2.3.4').
      return new types.InetAddress(parseInet(value as string) as Buffer);
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
      return decodeDecimal(value);
    case 'date':
      return decodeDate(value);
    case 'inet':
      return decodeInet(value);
    case 'timestamp':
      return decodeTimestamp(value);
    case 'uuid':
    case 'timeuuid':
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

// The driver reads a decimal's scale and unscaled value exactly; its own toString misplaces the
// point for a negative scale ('1E+3' as '1.'), so the text is made from the serialized parts.
function decodeDecimal(value: unknown): string {
  if (!(value instanceof types.BigDecimal)) return formatDecimal(parseDecimal(String(value)));
  const bytes = types.BigDecimal.toBuffer(value);
  return formatDecimal({ scale: bytes.readInt32BE(0), unscaled: bigintFromTwosComplement(bytes.subarray(4)) });
}

function bigintFromTwosComplement(bytes: Buffer): bigint {
  if (bytes.length === 0) return 0n;
  const magnitude = BigInt(`0x${bytes.toString('hex')}`);
  return (bytes[0] & 0x80) === 0 ? magnitude : magnitude - (1n << BigInt(bytes.length * 8));
}

// The driver's InetAddress prints IPv6 in its own way ('2001:0:0:1::' for 2001:0:0:1:0:1:0:0's
// neighbour); Cassia prints the bytes in RFC 5952 form, whichever client wrote them.
function decodeInet(value: unknown): string {
  if (value instanceof types.InetAddress) return formatInet(value.getBuffer());
  if (Buffer.isBuffer(value)) return formatInet(value);
  const bytes = parseInet(String(value));
  return bytes === undefined ? String(value) : formatInet(bytes);
}

// A LocalDate outside JS Date's range keeps only its day count (and prints that bare).
function decodeDate(value: unknown): string {
  if (!(value instanceof types.LocalDate)) return String(value);
  const raw = value as unknown as { _value: number | null; date: Date };
  return formatCqlDate(raw._value ?? Math.floor(raw.date.getTime() / 86_400_000));
}

// The driver turns a timestamp beyond JS Date's range (±8.64e15 ms) into an Invalid Date and
// drops the number; refusing it beats handing out a Date that is no time at all.
function decodeTimestamp(value: unknown): unknown {
  if (value instanceof Date && Number.isNaN(value.getTime())) {
    throw new UnreadableValueError(
      'A timestamp read from the database is outside the range a JS Date holds (±8.64e15 ms around 1970); ' +
        'read that column with a raw driver client (e.g. toUnixTimestamp/CAST in CQL) or store timestamps within that range.',
    );
  }
  return value;
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

// Every map goes to the driver as a Map (the registry's clients have `encoding: { map: Map }`):
// as a plain object, the driver would call `value.hasOwnProperty(key)`, which a key named
// "hasOwnProperty" replaces, and string keys would lose what their type cannot say as text.
function encodeMap(keyType: CqlType, valueType: CqlType, map: ReadonlyMap<unknown, unknown>): unknown {
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
