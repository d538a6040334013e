// The form Cassandra 5 stores each table option in (what system_schema.tables reads back after a
// CREATE or ALTER, checked on a 5.0 node), so a model's value and the stored value compare equal
// exactly when the ALTER would change nothing. Every rewrite the server makes is listed here.

/** A map-valued option's entries as plain text (Cassandra keeps map option values as text). */
type StoredMap = Readonly<Record<string, unknown>>;

// Options the server keeps as an upper-case keyword, whatever case it was given in.
const KEYWORD_OPTIONS = new Set(['read_repair']);
// Retry policies: 'NONE' → 'NEVER', '99PERCENTILE' → '99p', 'min(50ms,99p)' → 'MIN(99p,50ms)'.
const RETRY_POLICY_OPTIONS = new Set(['speculative_retry', 'additional_write_policy']);
// Booleans the server records only when they are off (an unset value reads as null and means true).
const RECORDED_WHEN_OFF = new Set(['allow_auto_snapshot', 'incremental_backups']);

/** Whether the model's value of a scalar option is what the server stores as `actual`. */
export function sameScalarOption(name: string, wanted: string | number | boolean, actual: unknown): boolean {
  if (typeof wanted === 'boolean') {
    // cdc reads as null when unset; the two off-by-default-true options read as null when on.
    const stored = actual === null || actual === undefined ? RECORDED_WHEN_OFF.has(name) : actual;
    return stored === wanted;
  }
  if (actual === null || actual === undefined) {
    // `memtable = 'default'` is stored as null.
    return name === 'memtable' && wanted === 'default';
  }
  // Numbers may come back as numbers or as driver objects (Long, BigDecimal) that print as one.
  if (typeof actual !== 'string' || typeof wanted === 'number') return Number(wanted) === Number(String(actual));
  const stored = String(actual);
  // Free text is compared exactly: a comment with quotes must round-trip unchanged.
  if (name === 'comment' || name === 'memtable') return stored === wanted;
  if (RETRY_POLICY_OPTIONS.has(name)) return retryPolicyForm(stored) === retryPolicyForm(wanted);
  if (KEYWORD_OPTIONS.has(name)) return stored.toUpperCase() === wanted.toUpperCase();
  // An option this table does not know: its text, ignoring case and retry-policy spellings.
  return retryPolicyForm(stored) === retryPolicyForm(wanted);
}

/**
 * Whether every entry the model sets in a map option (caching, compaction, compression) is what the
 * server stores. Entries the model leaves out are not compared: the server fills in defaults.
 */
export function sameMapOption(name: string, wanted: Readonly<Record<string, unknown>>, actual: StoredMap): boolean {
  return Object.entries(wanted).every(([key, value]) => {
    if (value === undefined) return true;
    return mapEntryForm(name, key, value) === mapEntryForm(name, key, actual[key]);
  });
}

/** The comparable form of one entry of a map option; `undefined` stands for an entry that is absent. */
function mapEntryForm(option: string, key: string, value: unknown): string | undefined {
  if (value === undefined || value === null) {
    // compression leaves out `enabled: true` and a zero `min_compress_ratio` (the defaults it stands for).
    if (option === 'compression' && key === 'enabled') return 'true';
    if (option === 'compression' && key === 'min_compress_ratio') return '0';
    return undefined;
  }
  const text = String(value);
  // Strategy and compressor classes are stored fully qualified; models usually give the short name.
  if (key === 'class') return text.slice(text.lastIndexOf('.') + 1);
  if (option === 'caching') return /^\d+$/.test(text) ? String(Number(text)) : text.toUpperCase();
  if (option === 'compression') {
    if (key === 'enabled') return text.toLowerCase() === 'true' ? 'true' : 'false';
    if (key === 'chunk_length_in_kb' && /^\d+$/.test(text)) return String(Number(text));
    if (key === 'min_compress_ratio' && text.trim() !== '' && Number.isFinite(Number(text))) return String(Number(text));
  }
  // compaction's sub-options (and any other map's) are stored as given.
  return text;
}

/**
 * A retry policy (speculative_retry, additional_write_policy) as the server prints it: keywords
 * upper-case, `NONE` as `NEVER`, percentiles as `<n>p` with at most 4 decimals (half-even),
 * fixed delays as whole `<n>ms`, and MIN/MAX with the percentile first and no spaces.
 */
export function retryPolicyForm(text: string): string {
  const upper = text.toUpperCase();
  if (upper === 'NONE' || upper === 'NEVER') return 'NEVER';
  const hybrid = /^(MIN|MAX)\((.*),(.*)\)$/.exec(upper);
  if (hybrid !== null) {
    const first = simpleRetryPolicy(hybrid[2].trim());
    const second = simpleRetryPolicy(hybrid[3].trim());
    if (first === undefined || second === undefined || first.kind === second.kind) return upper;
    const [percentile, fixed] = first.kind === 'percentile' ? [first, second] : [second, first];
    return `${hybrid[1]}(${percentile.text},${fixed.text})`;
  }
  return simpleRetryPolicy(upper)?.text ?? upper;
}

function simpleRetryPolicy(upper: string): { kind: 'percentile' | 'fixed'; text: string } | undefined {
  const percentile = /^(\d+(?:\.\d*)?|\.\d+)(?:P|PERCENTILE)$/.exec(upper);
  if (percentile !== null) return { kind: 'percentile', text: `${fourDecimalsHalfEven(Number(percentile[1]))}p` };
  // The server parses the delay as a decimal and keeps whole milliseconds ('10.9ms' → '10ms').
  const fixed = /^(\d+(?:\.\d*)?|\.\d+)MS$/.exec(upper);
  if (fixed !== null) return { kind: 'fixed', text: `${Math.trunc(Number(fixed[1]))}ms` };
  return undefined;
}

// Java's DecimalFormat("#.####") with HALF_EVEN, which the server prints percentiles with.
function fourDecimalsHalfEven(value: number): string {
  // toFixed(100) is the double's exact decimal expansion, so a tie is seen only when it is one.
  const [whole, fraction = ''] = value.toFixed(100).split('.');
  if (/^50*$/.test(fraction.slice(4))) {
    let scaled = Number(`${whole}${fraction.slice(0, 4)}`);
    if (scaled % 2 === 1) scaled += 1;
    return String(scaled / 10_000);
  }
  return String(Number(value.toFixed(4)));
}
