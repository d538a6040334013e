// Safe, bounded text for messages: input echoed back is cut to a bounded length with its control
// characters escaped (no log forging with newlines or ANSI escapes), and no value is ever turned
// into text with String(), which runs user code or throws for a null-prototype object.

/** How many characters of an echoed input a message shows by default. */
export const MAX_ECHOED_LENGTH = 100;

// C0 and C1 controls, DEL, line and paragraph separators, bidirectional and other invisible
// format characters, and lone surrogates: what can break a log line or disguise text.
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeCharacter(character: string): string {
  return SHORT_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

// The first `max` characters of `text` (a surrogate pair is never split), escaped.
function cutAndEscape(text: string, max: number): { shown: string; cut: boolean } {
  if (text.length <= max) return { shown: text.replace(UNSAFE, escapeCharacter), cut: false };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const shown = text.slice(0, end).replace(UNSAFE, escapeCharacter);
  // A slice may keep its whole parent string alive; a copy through a buffer does not.
  return { shown: Buffer.from(shown, 'utf16le').toString('utf16le'), cut: true };
}

/**
 * `text` for a message: at most `max` characters of it (then `…` and its length), with control,
 * format and separator characters and lone surrogates escaped as `\n` or `\uXXXX`. The result
 * never shares memory with a long `text`, so an error does not keep a huge input alive.
 */
export function escapeInput(text: string, max: number = MAX_ECHOED_LENGTH): string {
  const { shown, cut } = cutAndEscape(text, max);
  return cut ? `${shown}… (${text.length} characters)` : shown;
}

/**
 * A short description of any value for a message, e.g. `'abc'`, `42`, `an array of 3 elements`,
 * `an object without a prototype`. Strings are quoted and passed through `escapeInput`; objects
 * are described by their kind, never converted, and nothing the value defines is called.
 */
export function describeValue(value: unknown, max: number = MAX_ECHOED_LENGTH): string {
  switch (typeof value) {
    case 'string':
      return describeString(value, max);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return describeBigInt(value);
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return value === null ? 'null' : describeObject(value as object);
  }
}

function describeString(value: string, max: number): string {
  const { shown, cut } = cutAndEscape(value, max);
  return cut ? `'${shown}…' (${value.length} characters)` : `'${shown}'`;
}

function describeBigInt(value: bigint): string {
  const digits = (value < 0n ? -value : value).toString(16).length;
  // Decimal conversion of a huge bigint is slow; its size says enough.
  return digits > 16 ? `a bigint of about ${digits * 4} bits` : `${value}n`;
}

function describeObject(value: object): string {
  try {
    if (Array.isArray(value)) return `an array of ${value.length} elements`;
    if (ArrayBuffer.isView(value)) return `${Buffer.isBuffer(value) ? 'a Buffer' : 'a typed array'} of ${value.byteLength} bytes`;
    if (value instanceof Date) return 'a Date';
    if (value instanceof Map) return 'a Map';
    if (value instanceof Set) return 'a Set';
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === null) return 'an object without a prototype';
    if (prototype === Object.prototype) return 'an object';
    const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as unknown;
    const name = typeof constructor === 'function' ? Object.getOwnPropertyDescriptor(constructor, 'name')?.value : undefined;
    return typeof name === 'string' && name !== '' ? `an instance of ${escapeInput(name, 40)}` : 'an object';
  } catch {
    // A revoked proxy or a throwing trap: nothing more can be said safely.
    return 'an object';
  }
}
