import { parseInstant } from "leadlift-runtime/internal";
import { DATE_FORMATS, type DateFormat } from "../config/input-options.js";

export { DATE_FORMATS, type DateFormat };

const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A parser of export dates to epoch milliseconds (UTC), or null when the
 * text is not a date. ISO 8601 (`parseInstant`) is always accepted; with
 * `MM/DD/YYYY` or `DD/MM/YYYY` that layout is accepted too, with `/`, `-`
 * or `.` between the parts and an optional 24-hour `HH:MM[:SS]` time, read
 * as UTC. Impossible dates (02/31/2024) are rejected, not rolled over.
 * @example createDateParser("MM/DD/YYYY")("03/15/2024") // Date.UTC(2024, 2, 15)
 */
export function createDateParser(format: DateFormat): (text: string) => number | null {
  if (format === "iso") return parseInstant;
  const monthFirst = format === "MM/DD/YYYY";
  return (text) => {
    const iso = parseInstant(text);
    if (iso !== null) return iso;
    const match = SLASHED.exec(text.trim());
    if (!match) return null;
    const [, a, b, y, h = "0", mi = "0", s = "0"] = match;
    const month = Number(monthFirst ? a : b);
    const day = Number(monthFirst ? b : a);
    const pad = (n: string | number, width = 2) => String(n).padStart(width, "0");
    return parseInstant(`${y}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(mi)}:${pad(s)}Z`);
  };
}

/** What a date cell is expected to look like, for messages. */
export function expectedDateText(format: DateFormat): string {
  return format === "iso" ? "an ISO date" : `a date like ${format} or ISO 8601`;
}

/**
 * The `input.dateFormat` that would read these unreadable date texts, or
 * null when none would. Day-first is told from month-first by a part above 12.
 */
export function suggestDateFormat(samples: readonly (string | null)[]): DateFormat | null {
  let dayFirst = false;
  let monthFirst = false;
  let slashed = false;
  for (const text of samples) {
    const match = text === null ? null : SLASHED.exec(text.trim());
    if (!match) continue;
    slashed = true;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[2]) > 12) monthFirst = true;
  }
  if (!slashed || (dayFirst && monthFirst)) return null;
  return dayFirst ? "DD/MM/YYYY" : "MM/DD/YYYY";
}
