// date values: days since 1970-01-01 (what Cassandra stores, a 32-bit range of about ±5.8
// million years) ↔ the date text Cassia reads and writes, in the proleptic Gregorian calendar.
// Computed here rather than through JS Date, whose range (±100,000,000 days) is narrower.

/** The smallest and largest day Cassandra's date type holds, as days since the epoch. */
export const MIN_DAY = -(2 ** 31);
export const MAX_DAY = 2 ** 31 - 1;

// 'YYYY-MM-DD' for years 0000–9999, or a signed year of 4 to 7 digits (ISO 8601 expanded years).
const DATE = /^([+-]\d{4,7}|\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch of a date text, or undefined when it is not a valid date in Cassandra's range. */
export function parseCqlDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const days = daysFromCivil(year, month, day);
  return days < MIN_DAY || days > MAX_DAY ? undefined : days;
}

/**
 * The text of a day: 'YYYY-MM-DD' for years 0000–9999, otherwise a sign and at least six year
 * digits, as `Date.prototype.toISOString` writes them ('+275760-09-13', '-5877641-06-23').
 */
export function formatCqlDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  const yearText = year >= 0 && year <= 9999
    ? String(year).padStart(4, '0')
    : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  return `${yearText}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for any year in a double's integer range.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
