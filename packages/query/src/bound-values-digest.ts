// A canonical byte form of a statement's bound values, fed into a hash: page cursors are bound
// to the values their statement ran with. Every value is written with a type tag and a length,
// so two different value lists never write the same bytes (a string "1" is not a number 1, a
// tuple (1,'a') is not (1,'a,')), and the same values write the same bytes in every process.
import type { Hash, Hmac } from 'node:crypto';

type Sink = Hash | Hmac;

const LENGTH = Buffer.alloc(4);

/** Writes `text` as its UTF-8 length (4 bytes) and bytes. */
export function writeText(sink: Sink, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  writeBytes(sink, bytes);
}

/** Writes `bytes` as its length (4 bytes) and bytes. */
export function writeBytes(sink: Sink, bytes: Uint8Array): void {
  LENGTH.writeUInt32BE(bytes.length, 0);
  sink.update(LENGTH);
  sink.update(bytes);
}

/** Writes one bound value (as the codec made it for the driver) in its canonical form. */
export function writeBoundValue(sink: Sink, value: unknown): void {
  switch (typeof value) {
    case 'string':
      sink.update('s');
      return writeText(sink, value);
    case 'number':
      sink.update('n');
      // Object.is tells -0 from 0; String gives every other double exactly (shortest round trip).
      return writeText(sink, Object.is(value, -0) ? '-0' : String(value));
    case 'bigint':
      sink.update('b');
      return writeText(sink, value.toString());
    case 'boolean':
      sink.update(value ? 'T' : 'F');
      return;
    case 'undefined':
      sink.update('u');
      return;
    case 'object':
      return writeObject(sink, value);
    default:
      // Functions and symbols are never bound; their kind is still written, so they differ from the rest.
      sink.update('?');
      return writeText(sink, typeof value);
  }
}

function writeObject(sink: Sink, value: object | null): void {
  if (value === null) {
    sink.update('0');
    return;
  }
  if (value instanceof Uint8Array) {
    sink.update('B');
    return writeBytes(sink, value);
  }
  if (value instanceof Date) {
    sink.update('D');
    return writeText(sink, String(value.getTime()));
  }
  if (Array.isArray(value)) return writeList(sink, 'A', value);
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === null || prototype === Object.prototype) {
    // A UDT value: fields by name, in name order (the driver encodes them by name).
    const keys = Object.keys(value).sort();
    sink.update('O');
    writeCount(sink, keys.length);
    for (const key of keys) {
      writeText(sink, key);
      writeBoundValue(sink, (value as Record<string, unknown>)[key]);
    }
    return;
  }
  // Driver values (Uuid, Long, LocalDate, InetAddress, Duration, Tuple, Vector, Map, Set, ...):
  // the class name, then the elements of a collection or the canonical text of a scalar.
  sink.update('C');
  writeText(sink, typeof prototype.constructor === 'function' ? prototype.constructor.name : '');
  const elements = (value as { elements?: unknown }).elements;
  if (Array.isArray(elements)) return writeList(sink, 'E', elements);
  if (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') return writeList(sink, 'I', [...(value as Iterable<unknown>)]);
  sink.update('S');
  writeText(sink, String(value));
}

function writeList(sink: Sink, tag: string, values: readonly unknown[]): void {
  sink.update(tag);
  writeCount(sink, values.length);
  for (const element of values) writeBoundValue(sink, element);
}

function writeCount(sink: Sink, count: number): void {
  LENGTH.writeUInt32BE(count, 0);
  sink.update(LENGTH);
}
