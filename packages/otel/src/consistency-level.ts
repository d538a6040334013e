// `cassandra.consistency.level` values of the conventions (lower snake case), from a consistency
// given by name ('localQuorum') or by its native protocol code.

// Indexed by the protocol's code (ANY = 0x0000 ... LOCAL_ONE = 0x000A), which names map to as well.
const BY_CODE: readonly string[] = ['any', 'one', 'two', 'three', 'quorum', 'all', 'local_quorum', 'each_quorum', 'serial', 'local_serial', 'local_one'];
const CODE_BY_NAME: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, {
    any: 0, one: 1, two: 2, three: 3, quorum: 4, all: 5, localQuorum: 6, eachQuorum: 7, serial: 8, localSerial: 9, localOne: 10,
  }),
);

/** The conventions' name of a consistency level, or undefined when it is not one. */
export function consistencyLevelName(level: unknown): string | undefined {
  const code = typeof level === 'number' ? level : typeof level === 'string' ? CODE_BY_NAME[level] : undefined;
  return code === undefined ? undefined : BY_CODE[code];
}
