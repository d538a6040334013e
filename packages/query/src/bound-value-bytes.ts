// An estimate of how many bytes a write's bound values add to a batch, for keeping batches under
// a byte budget. It errs high: strings are counted in UTF-8, fixed-size types at their size, and
// every cell adds the timestamp Cassandra stores with it.

// A cell's overhead beyond its value: the write timestamp (8 bytes) Cassandra keeps per cell.
const CELL_OVERHEAD = 8;
// A row's overhead beyond its cells (liveness info, clustering prefix header).
const ROW_OVERHEAD = 16;
// A value of a type this estimate does not know (a driver type without a buffer).
const UNKNOWN_VALUE_BYTES = 16;

/** Estimated bytes of one row written with `values` (already encoded for the driver). */
export function estimateRowBytes(values: readonly unknown[]): number {
  let total = ROW_OVERHEAD;
  for (let i = 0; i < values.length; i++) total += CELL_OVERHEAD + estimateValueBytes(values[i]);
  return total;
}

/** Estimated serialized bytes of one bound value. */
export function estimateValueBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return Buffer.byteLength(value, 'utf8');
    case 'number':
    case 'bigint':
      return 8;
    case 'boolean':
      return 1;
    case 'undefined':
      return 0;
    case 'object':
      return value === null ? 0 : estimateObjectBytes(value);
    default:
      return UNKNOWN_VALUE_BYTES;
  }
}

function estimateObjectBytes(value: object): number {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Date) return 8;
  if (Array.isArray(value) || value instanceof Set) {
    let total = 4;
    for (const element of value) total += 4 + estimateValueBytes(element);
    return total;
  }
  if (value instanceof Map) {
    let total = 4;
    for (const [key, element] of value) total += 8 + estimateValueBytes(key) + estimateValueBytes(element);
    return total;
  }
  // Driver types that hold their bytes (Uuid, TimeUuid, InetAddress) or elements (Tuple).
  const buffer = (value as { buffer?: unknown }).buffer;
  if (Buffer.isBuffer(buffer)) return buffer.byteLength;
  const elements = (value as { elements?: unknown }).elements;
  if (Array.isArray(elements)) return estimateObjectBytes(elements);
  if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
    // A user type's fields.
    let total = 0;
    for (const key of Object.keys(value)) total += 4 + estimateValueBytes((value as Record<string, unknown>)[key]);
    return total;
  }
  return UNKNOWN_VALUE_BYTES;
}
