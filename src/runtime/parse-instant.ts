/* Shared with training: zero dependencies, so it ships inside `leadlift/runtime`. */
/**
 * Epoch milliseconds (UTC) for an ISO 8601 date or date-time, or `null` when
 * the text is not one. Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]`
 * with `Z` or `±HH:MM`, and the space-separated form many CRM exports use
 * (`2018-02-03 14:05:00`). A time without zone is read as UTC. Impossible
 * calendar dates (`2024-02-31`) are rejected rather than rolled over.
 *
 * The scorer parses every event's date, so the layouts clients and exports
 * send most (`YYYY-MM-DD`, and `YYYY-MM-DD(T| )HH:MM:SS` with an optional
 * `.sss` and an optional `Z`, `±HHMM` or `±HH:MM`) are read character by
 * character, about six times faster than the pattern; any other text goes
 * through the pattern, whose results the fast path reproduces (a property
 * test compares the two).
 * @example parseInstant("2024-03-01T12:00:00Z") // 1709294400000
 */
export function parseInstant(text: string): number | null {
  const common = parseCommonLayout(text);
  if (common === common) return common;
  const match = ISO_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone = "Z"] = match;
  const at = instantOf(+year, +month, +day, +hour, +minute, +second, fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0);
  if (at !== at) return null;
  return zone === "Z" || zone === "z" ? at : at - zoneOffset(zone, 0, zone.length);
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The common layouts, in straight-line code with no allocation:
 * `YYYY-MM-DD`, or `YYYY-MM-DD(T| )HH:MM:SS[.sss][Z|z|±HHMM|±HH:MM]`.
 * NaN for any other text and for invalid values (a non-digit makes a NaN,
 * which fails every check), which the pattern then reads or refuses.
 */
function parseCommonLayout(text: string): number {
  const length = text.length;
  if ((length !== 10 && length < 19) || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return NaN;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (!(year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return NaN;
  const dayStart = daysFromCivil(year, month, day) * 86_400_000;
  if (length === 10) return dayStart;
  const separator = text.charCodeAt(10);
  if ((separator !== UPPER_T && separator !== SPACE) || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return NaN;
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  let at = dayStart + hour * 3_600_000 + minute * 60_000 + second * 1000;
  let zoneAt = 19;
  if (text.charCodeAt(19) === DOT) {
    const last = text.charCodeAt(22) - ZERO;
    if (!(last >= 0 && last <= 9)) return NaN;
    at += twoDigits(text, 20) * 10 + last;
    zoneAt = 23;
  }
  if (zoneAt === length) return at;
  const zone = text.charCodeAt(zoneAt);
  if (zone === 90 || zone === 122) return zoneAt + 1 === length ? at : NaN;
  return at - zoneOffset(text, zoneAt, length);
}

/** Epoch milliseconds of a UTC date and time, or NaN when a field is out of range (no rolling over). */
function instantOf(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): number {
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59
    ? daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis
    : NaN;
}

/** Milliseconds to subtract for a zone `±HH:MM` or `±HHMM` spanning text[from, end); NaN for anything else. */
function zoneOffset(text: string, from: number, end: number): number {
  const sign = text.charCodeAt(from);
  const minutesAt = text.charCodeAt(from + 3) === COLON ? from + 4 : from + 3;
  if ((sign !== PLUS && sign !== DASH) || minutesAt + 2 !== end) return NaN;
  const offset = (twoDigits(text, from + 1) * 60 + twoDigits(text, minutesAt)) * 60_000;
  return sign === DASH ? -offset : offset;
}

const ZERO = 48;
const DASH = 45;
const PLUS = 43;
const DOT = 46;
const COLON = 58;
const SPACE = 32;
const UPPER_T = 84;

/** Two ASCII digits at `at` as a number; NaN if either is not one (or is past the end). */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const ones = text.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : NaN;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (years 0–9999), by
 * Howard Hinnant's `days_from_civil` (https://howardhinnant.github.io/date_algorithms.html).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian month length, by table (no Date object: this runs for every event parsed). */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** ISO 8601 text (UTC, `Z`) for epoch milliseconds. */
export function formatInstant(at: number): string {
  return new Date(at).toISOString();
}
