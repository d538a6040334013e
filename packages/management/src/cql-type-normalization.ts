// One spelling for a CQL type so the model's type text and system_schema's can be compared:
// bare names lowercased, keyspace qualifiers dropped, names and aliases spelled as
// @cassia/schema spells system_schema's text (quotes only where needed, varchar → text), and
// `frozen<>` kept only at the top level (everything nested is frozen anyway).
import { reportedNativeName, reportedTypeName } from '@cassia/schema/internal';

type TypeNode = { readonly name: string; readonly quoted: boolean; readonly args: readonly (TypeNode | number)[] };

const TOKEN = /\s*(?:("(?:[^"]|"")*")|([A-Za-z_][A-Za-z0-9_]*)|(\d+)|([<>,.]))/y;

// The comparable forms already worked out: a plan compares every column's type, and the texts of a
// schema repeat (a pure function of the text, so an entry never goes stale; started over when full).
const NORMALIZED_LIMIT = 2_000;
const normalized = new Map<string, string>();

/** The comparable form of a CQL type text, e.g. `list<FROZEN<"ks"."Addr">>` → `list<"Addr">`. */
export function normalizeCqlType(text: string): string {
  const known = normalized.get(text);
  if (known !== undefined) return known;
  const node = parse(text);
  // Unparseable text (a custom 'java.class' type) is compared as written, minus spacing.
  const form = node === undefined ? text.replace(/\s+/g, '') : print(node, false);
  if (normalized.size >= NORMALIZED_LIMIT) normalized.clear();
  normalized.set(text, form);
  return form;
}

/** The user type names a CQL type text refers to, e.g. `map<text, frozen<"ks"."Addr">>` → `Addr`. */
export function referencedTypeNames(text: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: TypeNode): void => {
    const leaf = node.args.length === 0;
    if (leaf && (node.quoted || !NATIVE_TYPES.has(node.name.toLowerCase()))) names.add(node.quoted ? node.name : node.name.toLowerCase());
    for (const arg of node.args) if (typeof arg !== 'number') visit(arg);
  };
  const node = parse(text);
  if (node !== undefined) visit(node);
  return names;
}

const NATIVE_TYPES = new Set([
  'ascii', 'bigint', 'blob', 'boolean', 'counter', 'date', 'decimal', 'double', 'duration', 'float', 'inet', 'int',
  'smallint', 'text', 'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varchar', 'varint', 'empty',
]);

/** Whether two CQL type texts name the same type. */
export function sameCqlType(a: string, b: string): boolean {
  return a === b || normalizeCqlType(a) === normalizeCqlType(b);
}

function tokenize(text: string): string[] | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(text);
    if (match === null) return undefined;
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]);
  }
  return tokens;
}

function parse(text: string): TypeNode | undefined {
  const tokens = tokenize(text);
  if (tokens === undefined) return undefined;
  let at = 0;
  const name = (): { name: string; quoted: boolean } => {
    const token = tokens[at++];
    if (token === undefined || /^[<>,.\d]/.test(token)) throw new SyntaxError(text);
    return token.startsWith('"') ? { name: token.slice(1, -1).replace(/""/g, '"'), quoted: true } : { name: token, quoted: false };
  };
  const type = (): TypeNode => {
    let id = name();
    // `ks.type`: the keyspace part says nothing about the type (a column's UDT lives in its table's keyspace).
    while (tokens[at] === '.') {
      at++;
      id = name();
    }
    const args: (TypeNode | number)[] = [];
    if (tokens[at] === '<') {
      at++;
      for (;;) {
        const token = tokens[at];
        if (token !== undefined && /^\d+$/.test(token)) {
          args.push(Number(token));
          at++;
        } else {
          args.push(type());
        }
        const separator = tokens[at++];
        if (separator === '>') break;
        if (separator !== ',') throw new SyntaxError(text);
      }
    }
    return { ...id, args };
  };
  try {
    const node = type();
    return at === tokens.length ? node : undefined;
  } catch {
    return undefined;
  }
}

function print(node: TypeNode, nested: boolean): string {
  const name = node.quoted ? node.name : node.name.toLowerCase();
  if (!node.quoted && name === 'frozen' && node.args.length === 1 && typeof node.args[0] !== 'number') {
    const inner = print(node.args[0], true);
    return nested ? inner : `frozen<${inner}>`;
  }
  const base = node.quoted ? reportedTypeName(name) : reportedNativeName(name);
  if (node.args.length === 0) return base;
  const text = `${base}<${node.args.map((arg) => (typeof arg === 'number' ? String(arg) : print(arg, true))).join(', ')}>`;
  // Tuples are always frozen; Cassandra spells that out at the top level.
  return !nested && !node.quoted && base === 'tuple' ? `frozen<${text}>` : text;
}
