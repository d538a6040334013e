// Caller input shown in error messages: never String() of an arbitrary object (a null-prototype
// object has no toString, a hostile one may have any), cut to a bounded length, control
// characters escaped, so a message can neither throw nor forge log lines.

// Longer input is cut: a message names the problem, it does not carry the request.
const MAX_SHOWN = 60;

/** A short, safe description of `value` for an error message. */
export function describeInput(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      return quoted(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return 'an array';
      if (value instanceof Date) return 'a Date';
      return Object.getPrototypeOf(value) === null ? 'an object without prototype' : 'an object';
  }
}

// What JSON.stringify leaves as it is but a terminal or log viewer acts on: C1 controls, line and
// paragraph separators, and bidirectional overrides.
const UNSAFE_FOR_LOGS = /[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

// JSON.stringify escapes quotes, backslashes, C0 control characters and lone surrogates.
function quoted(text: string): string {
  const cut = text.length > MAX_SHOWN;
  const json = JSON.stringify(cut ? text.slice(0, MAX_SHOWN) : text).replace(
    UNSAFE_FOR_LOGS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return cut ? `${json.slice(0, -1)}..."` : json;
}
