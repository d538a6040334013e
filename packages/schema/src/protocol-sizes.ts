// Byte counts of the protocol's variable-length forms: a varint's two's complement bytes and
// Cassandra's VIntCoding (used inside durations and vectors of variable-size elements).

/** Bytes of the shortest two's complement form of `value` (the driver's varint encoding). */
export function varintSize(value: bigint): number {
  const magnitude = value < 0n ? -value - 1n : value;
  return Math.floor(bitLength(magnitude) / 8) + 1;
}

/** Cassandra's VIntCoding size of an unsigned value: 7 bits in the first byte, 8 per extra byte, up to 9 bytes. */
export function unsignedVintSize(value: number): number {
  const bits = value === 0 ? 1 : 32 - Math.clz32(value);
  return Math.min(9, Math.ceil(bits / 7));
}

/** Cassandra's VIntCoding size of a signed value (zigzag encoded first). */
export function signedVintSize(value: bigint): number {
  const zigzag = value < 0n ? (-value << 1n) - 1n : value << 1n;
  const bits = Math.max(1, bitLength(zigzag));
  return Math.min(9, Math.ceil(bits / 7));
}

function bitLength(value: bigint): number {
  if (value === 0n) return 0;
  const hex = value.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}
