/* Shared with training: zero dependencies, so it ships inside `leadlift/runtime`. */
/**
 * Epoch milliseconds (UTC) for an ISO 8601 date or date-time, or `null` when
 * the text is not one. Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]`
 * with `Z` or `±HH:MM`, and the space-separated form many CRM exports use
 * (`2018-02-03 14:05:00`). A time without zone is read as UTC. Impossible
 * calendar dates (`2024-02-31`) are rejected rather than rolled over.
 * @example parseInstant("2024-03-01T12:00:00Z") // 1709294400000
 */
export function parseInstant(text: string): number | null {
  const match = ISO_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  // Date.UTC reads years 0–99 as 1900–1999; shift by one 400-year Gregorian cycle (146,097 days) and back.
  let at = year < 100 ? Date.UTC(year + 400, month - 1, day, hour, minute, second, millis) - 146_097 * 86_400_000 : Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (zone && zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const zoneMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    at -= sign * zoneMinutes * 60_000;
  }
  return at;
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$/;

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
