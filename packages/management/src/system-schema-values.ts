// Values read from system_schema rows, whichever way the client decodes collections.

// Clients built by core decode maps as Map and sets as Set; a caller's client may use objects and arrays.
export function plain(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

/** A map column as a record of strings (empty when absent). */
export function stringRecord(value: unknown): Record<string, string> {
  const record = plain(value);
  if (typeof record !== 'object' || record === null) return {};
  return Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, String(entry)]));
}

/** A list or set column as a list of strings (empty when absent). */
export function listOf(value: unknown): string[] {
  const list = plain(value);
  return Array.isArray(list) ? list.map(String) : [];
}
