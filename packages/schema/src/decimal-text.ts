// decimal values: an exact decimal is an unscaled integer and a 32-bit scale (value =
// unscaled × 10^-scale). Its text is plain ('-12.3400', scale kept) when the scale is 0 to
// MAX_PLAIN_SCALE, and `<unscaled>E<-scale>` otherwise ('1E+3' for scale -3, as Java's
// BigDecimal writes it), so no stored value, however large its scale, becomes a huge string.

/** The largest scale written in plain form; larger ones and negative ones use an exponent. */
export const MAX_PLAIN_SCALE = 1000;

/** The form of a decimal text: digits, an optional fraction, an optional exponent. */
export const DECIMAL_TEXT = /^[+-]?\d+(\.\d+)?([eE][+-]?\d{1,10})?$/;

/**
 * A subset of DECIMAL_TEXT whose scale always fits in 32 bits (an exponent of at most 9 digits,
 * and no JS string holds 2^31 fraction digits), so no range check is needed: the fast check.
 */
export const SHORT_DECIMAL_TEXT = /^[+-]?\d+(\.\d+)?([eE][+-]?\d{1,9})?$/;

/** Whether a decimal column accepts `text`: DECIMAL_TEXT's form with a scale that fits in 32 bits. */
export function isDecimalText(text: string): boolean {
  if (!DECIMAL_TEXT.test(text)) return false;
  const exponentAt = text.search(/[eE]/);
  if (exponentAt < 0) return true;
  const point = text.indexOf('.');
  const scale = (point < 0 ? 0 : exponentAt - point - 1) - Number(text.slice(exponentAt + 1));
  return scale >= -(2 ** 31) && scale <= 2 ** 31 - 1;
}

/** An exact decimal: value = unscaled × 10^-scale. */
export interface DecimalParts {
  readonly unscaled: bigint;
  readonly scale: number;
}

/** The parts of a text DECIMAL_TEXT accepts ('1.50' → 150, scale 2; '1E+3' → 1, scale -3). */
export function parseDecimal(text: string): DecimalParts {
  const exponentAt = text.search(/[eE]/);
  const mantissa = exponentAt < 0 ? text : text.slice(0, exponentAt);
  const exponent = exponentAt < 0 ? 0 : Number(text.slice(exponentAt + 1));
  const point = mantissa.indexOf('.');
  const fraction = point < 0 ? 0 : mantissa.length - point - 1;
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  // `|| 0`: an exponent of '-0' would make the scale -0.
  return { unscaled: BigInt(digits), scale: fraction - exponent || 0 };
}

/** The text of a decimal (see the file's header); parseDecimal gives the same parts back. */
export function formatDecimal({ unscaled, scale }: DecimalParts): string {
  const digits = unscaled < 0n ? (-unscaled).toString() : unscaled.toString();
  const sign = unscaled < 0n ? '-' : '';
  if (scale === 0) return sign + digits;
  if (scale < 0 || scale > MAX_PLAIN_SCALE) return `${sign}${digits}E${scale < 0 ? '+' : '-'}${Math.abs(scale)}`;
  const padded = digits.padStart(scale + 1, '0');
  return `${sign}${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
}
