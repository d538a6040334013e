// The one JS ↔ CQL value mapping (see README): `toDatabase` makes cassandra-driver bound
// parameters from JS values, `fromDatabase` makes JS values from what the driver returns. Native
// values convert through their entry in native-types.ts; this file walks the composite types.
import { types } from 'cassandra-driver';
import type { AnyColumn } from './column';
import type { CqlType } from './cql-type';
import { NATIVE_TYPES } from './native-types';

/** Turns a valid, non-null JS value into the value cassandra-driver binds. */
export type ValueEncoder = (value: unknown) => unknown;

/** Turns a driver value as read (null and undefined included) into the JS value. */
export type ValueDecoder = (value: unknown) => unknown;

/** Converts a JS value of `column` to the value cassandra-driver binds; null and undefined pass through. */
export function toDatabase(column: AnyColumn, value: unknown): unknown {
  return encode(column.cql, value);
}

/** Converts a driver value of `column` to its JS value; null means absent, and empty collections come back empty. */
export function fromDatabase(column: AnyColumn, value: unknown): unknown {
  return decode(column.cql, value);
}

/** The encoder of values of `type`; undefined when the driver binds the JS value itself. */
export function encoderOf(type: CqlType): ValueEncoder | undefined {
  if (type.kind === 'native') return NATIVE_TYPES[type.name].encode;
  return (value) => encodeValue(type, value, false);
}

/** The decoder of driver values of `type`; undefined when the driver's value (null for absent) is the JS value. */
export function decoderOf(type: CqlType): ValueDecoder | undefined {
  if (type.kind !== 'native') return (value) => decode(type, value);
  const decodeNative = NATIVE_TYPES[type.name].decode;
  if (decodeNative === undefined) return undefined;
  return (value) => (value === null || value === undefined ? null : decodeNative(value));
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
  if (type.kind === 'native') {
    const encodeNative = NATIVE_TYPES[type.name].encode;
    return encodeNative === undefined ? value : encodeNative(value);
  }
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
      const element = type.element;
      // Elements that bind as they are are copied in one slice (the bound vector must not change
      // with the caller's array); others are encoded one by one.
      const elements =
        element.kind === 'native' && NATIVE_TYPES[element.name].encode === undefined
          ? Array.prototype.slice.call(value as readonly unknown[])
          : (value as readonly unknown[]).map((item) => inner(element, item));
      return new types.Vector(elements, element.kind === 'native' ? element.name : undefined);
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
    case 'native': {
      const decodeNative = NATIVE_TYPES[type.name].decode;
      return decodeNative === undefined ? value : decodeNative(value);
    }
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
      return decodeVector(type.element, value);
  }
}

// A driver Vector is a Proxy over its `elements` array: they are read from that array (an
// element read through the Proxy runs its trap), into a new array of JS values.
function decodeVector(elementType: CqlType, value: unknown): unknown[] {
  const held = (value as { readonly elements?: unknown }).elements;
  const elements = Array.isArray(held) ? held : Array.from(value as Iterable<unknown>);
  const decodeNative = elementType.kind === 'native' ? NATIVE_TYPES[elementType.name].decode : undefined;
  const out = new Array<unknown>(elements.length);
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    out[i] = element === null || element === undefined ? null : elementType.kind !== 'native' ? decode(elementType, element) : decodeNative === undefined ? element : decodeNative(element);
  }
  return out;
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
  const parseKey = keyType.kind === 'native' ? NATIVE_TYPES[keyType.name].parseMapKey : undefined;
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    out.set(decode(keyType, parseKey === undefined ? key : parseKey(key)), decode(valueType, entry));
  }
  return out;
}
