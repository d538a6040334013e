// inet values: the one parser of address text (what validation accepts is exactly what can be
// encoded) and the one canonical text an address reads back as (RFC 5952), whoever wrote it.

// Octets without leading zeros: '1.2.3.04' is ambiguous (octal in some parsers) and refused.
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const GROUP = /^[0-9a-fA-F]{1,4}$/;
// The longest IPv6 text: eight groups of four and seven colons, or six groups and an IPv4 tail.
const MAX_TEXT = 45;

/** The address bytes of an IPv4 (4 bytes) or IPv6 (16 bytes, embedded IPv4 tail allowed) text; undefined if it is neither. */
export function parseInet(text: string): Buffer | undefined {
  if (text.length > MAX_TEXT) return undefined;
  const v4 = IPV4.exec(text);
  if (v4 !== null) return Buffer.from([Number(v4[1]), Number(v4[2]), Number(v4[3]), Number(v4[4])]);
  return parseIpv6(text);
}

function parseIpv6(text: string): Buffer | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1], true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const given = head.length + tail.length;
  // Without '::' all eight groups are written; with it, it stands for at least one zero group.
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  const bytes = Buffer.alloc(16);
  const groups = [...head, ...new Array<number>(8 - given).fill(0), ...tail];
  groups.forEach((group, i) => bytes.writeUInt16BE(group, i * 2));
  return bytes;
}

// The groups of one side of '::' (16-bit numbers); an IPv4 tail counts as two groups and may
// only end the address.
function parseGroups(part: string, mayEndWithIpv4: boolean): number[] | undefined {
  if (part === '') return [];
  const pieces = part.split(':');
  const groups: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
      continue;
    }
    const v4 = i === pieces.length - 1 && mayEndWithIpv4 ? IPV4.exec(piece) : null;
    if (v4 === null) return undefined;
    groups.push(Number(v4[1]) * 256 + Number(v4[2]), Number(v4[3]) * 256 + Number(v4[4]));
  }
  return groups;
}

/**
 * The canonical text of 4 or 16 address bytes: dotted IPv4; IPv6 as RFC 5952 says (lowercase,
 * no leading zeros, the first longest run of two or more zero groups as '::'), and an
 * IPv4-mapped address (::ffff:0:0/96) in mixed notation, '::ffff:192.0.2.1'.
 */
export function formatInet(bytes: Uint8Array): string {
  if (bytes.length === 4) return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes[i] * 256 + bytes[i + 1]);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  const hex = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}
