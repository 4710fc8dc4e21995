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
  return _instantInto(text, PARSED, 0) ? PARSED[0] : null;
}

const PARSED = new Float64Array(1);

/**
 * parseInstant for hot loops: writes the instant to `into[index]` and
 * returns true, or returns false where parseInstant returns null. Writing
 * into a Float64Array spares the caller a boxed number per date (an instant
 * is too large for a small integer, so returning one allocates).
 */
export function _instantInto(text: string, into: Float64Array, index: number): boolean {
  if (readCommonLayout(text, into, index)) return true;
  const match = ISO_PATTERN.exec(text.trim());
  if (!match) return false;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone = "Z"] = match;
  const at = instantOf(+year, +month, +day, +hour, +minute, +second, fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0);
  const instant = zone === "Z" || zone === "z" ? at : at - zoneOffset(zone, 0, zone.length);
  if (instant !== instant) return false;
  into[index] = instant;
  return true;
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The common layouts, in straight-line code with no allocation and no
 * floating-point division:
 * `YYYY-MM-DD`, or `YYYY-MM-DD(T| )HH:MM:SS[.sss][Z|z|±HHMM|±HH:MM]`,
 * written to `into[index]`; false for any other text and for invalid values,
 * which the pattern then reads or refuses.
 */
function readCommonLayout(text: string, into: Float64Array, index: number): boolean {
  const length = text.length;
  if ((length !== 10 && length < 19) || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return false;
  const y0 = text.charCodeAt(0) - ZERO;
  const y1 = text.charCodeAt(1) - ZERO;
  const y2 = text.charCodeAt(2) - ZERO;
  const y3 = text.charCodeAt(3) - ZERO;
  const m0 = text.charCodeAt(5) - ZERO;
  const m1 = text.charCodeAt(6) - ZERO;
  const d0 = text.charCodeAt(8) - ZERO;
  const d1 = text.charCodeAt(9) - ZERO;
  // A digit minus ZERO is 0–9: as an unsigned 32-bit number, any other character is above 9.
  if (!(isDigit(y0) && isDigit(y1) && isDigit(y2) && isDigit(y3) && isDigit(m0) && isDigit(m1) && isDigit(d0) && isDigit(d1))) return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const dayStart = epochDay(year, m0 * 10 + m1, d0 * 10 + d1) * 86_400_000;
  if (dayStart !== dayStart) return false;
  let at = dayStart;
  if (length > 10) {
    const separator = text.charCodeAt(10);
    if ((separator !== UPPER_T && separator !== SPACE) || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return false;
    const h0 = text.charCodeAt(11) - ZERO;
    const h1 = text.charCodeAt(12) - ZERO;
    const n0 = text.charCodeAt(14) - ZERO;
    const n1 = text.charCodeAt(15) - ZERO;
    const s0 = text.charCodeAt(17) - ZERO;
    const s1 = text.charCodeAt(18) - ZERO;
    if (!(isDigit(h0) && isDigit(h1) && isDigit(n0) && isDigit(n1) && isDigit(s0) && isDigit(s1))) return false;
    const hour = h0 * 10 + h1;
    const minute = n0 * 10 + n1;
    const second = s0 * 10 + s1;
    if (hour > 23 || minute > 59 || second > 59) return false;
    at += (hour * 3600 + minute * 60 + second) * 1000;
    let zoneAt = 19;
    if (length > 19 && text.charCodeAt(19) === DOT) {
      if (length < 23) return false;
      const f0 = text.charCodeAt(20) - ZERO;
      const f1 = text.charCodeAt(21) - ZERO;
      const f2 = text.charCodeAt(22) - ZERO;
      if (!(isDigit(f0) && isDigit(f1) && isDigit(f2))) return false;
      at += f0 * 100 + f1 * 10 + f2;
      zoneAt = 23;
    }
    if (zoneAt < length) {
      const zone = text.charCodeAt(zoneAt);
      if (zone === 90 || zone === 122) {
        if (zoneAt + 1 !== length) return false;
      } else {
        at -= zoneOffset(text, zoneAt, length);
        if (at !== at) return false;
      }
    }
  }
  into[index] = at;
  return true;
}

/** Whether `code` (a char code minus ZERO) was a digit: 0–9, read unsigned so that negatives fail too. */
function isDigit(code: number): boolean {
  return code >>> 0 <= 9;
}

/** Epoch milliseconds of a UTC date and time, or NaN when a field is out of range (no rolling over). */
function instantOf(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): number {
  return hour <= 23 && minute <= 59 && second <= 59 ? epochDay(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis : NaN;
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
 * Days from 1970-01-01 to a proleptic Gregorian date (years 0–9999; year 0
 * is a leap year), or NaN for a date that does not exist (2023-02-29): whole
 * years since 0000-01-01 with their leap days, counted on year + 399 (one
 * 400-year cycle ahead, so every quotient is of a positive integer and
 * needs no floor), then days before the month and in it. Integer arithmetic
 * only: this runs for every event parsed. 1970-01-01 is day 0.
 */
function epochDay(year: number, month: number, day: number): number {
  if (!(year >= 0 && month >= 1 && month <= 12 && day >= 1)) return NaN;
  const leap = (year & 3) === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1])) return NaN;
  const shifted = year + 399;
  return year * 365 + (shifted >> 2) - ((shifted / 100) | 0) + ((shifted / 400) | 0) - 96 + DAYS_BEFORE_MONTH[month - 1] + (leap && month > 2 ? 1 : 0) + day - 1 - DAYS_0000_TO_1970;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days before each month's first in a common year. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
/** Days from 0000-01-01 to 1970-01-01. */
const DAYS_0000_TO_1970 = 719_528;

/** ISO 8601 text (UTC, `Z`) for epoch milliseconds. */
export function formatInstant(at: number): string {
  return new Date(at).toISOString();
}
