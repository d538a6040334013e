// Conversions of single native values between Cassia's JS values and cassandra-driver's types,
// for the entries of native-types.ts that need more than one expression. Each takes a non-null
// value (null and undefined never reach them).
import { types } from 'cassandra-driver';
import { UnreadableValueError } from '@cassia/core';
import { formatCqlDate, parseCqlDate } from './cql-date';
import { formatDecimal, parseDecimal } from './decimal-text';
import type { Duration } from './duration';
import { formatInet, parseInet } from './inet-address';

/** A decimal text → the driver's BigDecimal (its unscaled value as an Integer, exact at any size). */
export function encodeDecimal(value: unknown): unknown {
  const { unscaled, scale } = parseDecimal(value as string);
  // The typings say number; the driver takes its Integer.
  return new types.BigDecimal(types.Integer.fromString(unscaled.toString()) as unknown as number, scale);
}

/** A date text → the driver's LocalDate, by day count: the driver's own parser handles only years JS Date can hold. */
export function encodeDate(value: unknown): unknown {
  return new (types.LocalDate as unknown as new (days: number) => types.LocalDate)(parseCqlDate(value as string) as number);
}

/** A Duration → the driver's Duration. */
export function encodeDuration(value: unknown): unknown {
  const duration = value as Duration;
  return new types.Duration(duration.months, duration.days, types.Long.fromString(duration.nanoseconds.toString()));
}

/** An address text → the driver's InetAddress, parsed here: the driver's parser throws a TypeError on an embedded IPv4 ('::1.2.3.4'). */
export function encodeInet(value: unknown): unknown {
  return new types.InetAddress(parseInet(value as string) as Buffer);
}

// The driver reads a decimal's scale and unscaled value exactly; its own toString misplaces the
// point for a negative scale ('1E+3' as '1.'), so the text is made from the serialized parts.
/** The driver's BigDecimal (or its text) → Cassia's decimal text. */
export function decodeDecimal(value: unknown): string {
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
/** The driver's InetAddress (or bytes, or text) → the address in RFC 5952 form. */
export function decodeInet(value: unknown): string {
  if (value instanceof types.InetAddress) return formatInet(value.getBuffer());
  if (Buffer.isBuffer(value)) return formatInet(value);
  const bytes = parseInet(String(value));
  return bytes === undefined ? String(value) : formatInet(bytes);
}

/** The driver's LocalDate → a date text; one outside JS Date's range keeps only its day count (and prints that bare). */
export function decodeDate(value: unknown): string {
  if (!(value instanceof types.LocalDate)) return String(value);
  const raw = value as unknown as { _value: number | null; date: Date };
  return formatCqlDate(raw._value ?? Math.floor(raw.date.getTime() / 86_400_000));
}

// The driver turns a timestamp beyond JS Date's range (±8.64e15 ms) into an Invalid Date and
// drops the number; refusing it beats handing out a Date that is no time at all.
/** The driver's Date, refused when it is an Invalid Date. */
export function decodeTimestamp(value: unknown): unknown {
  if (value instanceof Date && Number.isNaN(value.getTime())) {
    throw new UnreadableValueError(
      'A timestamp read from the database is outside the range a JS Date holds (±8.64e15 ms around 1970); ' +
        'read that column with a raw driver client (e.g. toUnixTimestamp/CAST in CQL) or store timestamps within that range.',
    );
  }
  return value;
}

/** The driver's LocalTime (or its text) → the canonical time text. */
export function decodeTime(value: unknown): string {
  return formatTime(toBigInt(value instanceof types.LocalTime ? value.getTotalNanoseconds() : types.LocalTime.fromString(String(value)).getTotalNanoseconds()));
}

/** The driver's Duration (or its text) → a Duration. */
export function decodeDuration(value: unknown): Duration {
  const duration = value instanceof types.Duration ? value : types.Duration.fromString(String(value));
  const raw = duration as unknown as { months: number; days: number; nanoseconds: unknown };
  return { months: raw.months, days: raw.days, nanoseconds: toBigInt(raw.nanoseconds) };
}

/** A bigint, also from the Long or Integer a caller-owned client without useBigIntAsLong/Varint returns. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  return BigInt(String(value));
}

/** A number, whatever the driver handed over. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
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
