import { describe, expect, it } from "vitest";
import { parseInstant } from "../../src/runtime/parse-instant.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

describe("parseInstant", () => {
  it.each([
    ["2024-03-01", Date.UTC(2024, 2, 1)],
    ["2024-03-01T12:00:00Z", Date.UTC(2024, 2, 1, 12)],
    ["2024-03-01T12:00:00.250Z", Date.UTC(2024, 2, 1, 12, 0, 0, 250)],
    ["2024-03-01 12:00:00", Date.UTC(2024, 2, 1, 12)],
    ["2024-03-01T12:00", Date.UTC(2024, 2, 1, 12)],
    ["2024-03-01T12:00:00+02:00", Date.UTC(2024, 2, 1, 10)],
    ["2024-03-01T12:00:00-0530", Date.UTC(2024, 2, 1, 17, 30)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
  ])("reads %s as UTC epoch milliseconds", (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each(["31/02/2024", "2024-02-31", "2023-02-29", "2024-13-01", "yesterday", "", "2024-03-01T25:00:00Z"])(
    "rejects %j instead of rolling it over",
    (text) => {
      expect(parseInstant(text)).toBeNull();
    },
  );
});

describe("parseInstant in the first century", () => {
  it.each([
    ["0048-02-29", -60_647_356_800_000], // reference: new Date(0).setUTCFullYear(48, 1, 29)
    ["0099-12-31T23:59:59Z", -59_011_459_201_000], // setUTCFullYear(99, 11, 31), setUTCHours(23, 59, 59)
  ])("reads %s in its own year, as ISO 8601 does", (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
    expect(new Date(expected).toISOString().slice(0, 10)).toBe(text.slice(0, 10));
  });

  it("refuses 29 February of a year that is not a leap year", () => {
    expect(parseInstant("0049-02-29")).toBeNull();
  });
});

/**
 * The parser leadlift used before the character-by-character fast path: the
 * ISO pattern, then `Date.UTC` (years 0–99 shifted by one 400-year cycle).
 * Kept here, unchanged, as the oracle the fast path must reproduce.
 */
function parseInstantByPatternAndDateUtc(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const monthDays = [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > monthDays[month - 1]) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let at = year < 100 ? Date.UTC(year + 400, month - 1, day, hour, minute, second, millis) - 146_097 * 86_400_000 : Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (zone && zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    at -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return at;
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** ISO-like text from seeded random parts: mostly the layouts clients send, with out-of-range fields, odd zones, white space and stray characters mixed in. */
function randomInstantText(random: () => number): string {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const year = pick([() => Math.floor(random() * 100), () => 1900 + Math.floor(random() * 250), () => Math.floor(random() * 10_000), () => pick([0, 4, 100, 400, 1900, 2000, 2024, 9999])])();
  let text = `${pad(year, 4)}-${pad(Math.floor(random() * 14), 2)}-${pad(Math.floor(random() * 33), 2)}`;
  if (random() < 0.85) {
    text += pick(["T", "T", " ", "t", "_"]);
    text += `${pad(Math.floor(random() * 26), 2)}:${pad(Math.floor(random() * 61), 2)}`;
    if (random() < 0.9) text += `:${pad(Math.floor(random() * 61), 2)}`;
    if (random() < 0.5) text += `.${Array.from({ length: pick([1, 2, 3, 3, 3, 4, 6, 9, 10]) }, () => Math.floor(random() * 10)).join("")}`;
    if (random() < 0.1) text += pick([" ", "  ", "\t", "\u00a0"]);
    text += pick(["", "Z", "Z", "z", "+02:00", "-05:30", "+0530", "-0000", "+00:00", "+14:00", "+99:99", "+2:00", "+02:0", "+02::00", "Z ", "ZZ", "GMT"]);
  }
  if (random() < 0.05) text = `${pick([" ", "\n", "\u2003"])}${text}${pick(["", " ", "\r\n"])}`;
  if (random() < 0.1) {
    const at = Math.floor(random() * text.length);
    text = text.slice(0, at) + pick(["0", "9", "-", ":", "T", " ", "Z", "+", ".", "x", "٣"]) + text.slice(at + 1);
  }
  if (random() < 0.03) text = text.slice(0, Math.floor(random() * text.length));
  return text;
}

describe("parseInstant against the pattern-and-Date.UTC parser it replaced", () => {
  it("gives the same instant or null for 200,000 seeded random texts, valid and not", () => {
    const random = mulberry32(20_250_601);
    const differences: string[] = [];
    let valid = 0;
    for (let i = 0; i < 200_000; i++) {
      const text = randomInstantText(random);
      const expected = parseInstantByPatternAndDateUtc(text);
      if (expected !== null) valid += 1;
      if (!Object.is(parseInstant(text), expected)) differences.push(`${JSON.stringify(text)}: ${parseInstant(text)} instead of ${expected}`);
    }
    expect(differences.slice(0, 5)).toEqual([]);
    // Both kinds are well represented, so the comparison covers acceptance and refusal.
    expect(valid).toBeGreaterThan(40_000);
    expect(200_000 - valid).toBeGreaterThan(40_000);
  });

  it("gives the same instant for every day of the years at the calendar's edges, in each common layout", () => {
    const differences: string[] = [];
    for (const year of [0, 1, 3, 4, 99, 100, 399, 400, 1899, 1900, 1969, 1970, 1999, 2000, 2024, 2100, 9999]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          for (const text of [date, `${date}T23:59:59Z`, `${date} 00:00:01`, `${date}T12:34:56.789Z`, `${date}T12:34:56.001+01:00`, `${date}T00:00:00.000-0930`]) {
            if (!Object.is(parseInstant(text), parseInstantByPatternAndDateUtc(text))) differences.push(text);
          }
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it("reads every fraction of one to four digits as the pattern rounds it", () => {
    const differences: string[] = [];
    for (const digits of [1, 2, 3, 4]) {
      for (let value = 0; value < 10 ** digits; value++) {
        const text = `2024-03-01T12:00:00.${pad(value, digits)}Z`;
        if (!Object.is(parseInstant(text), parseInstantByPatternAndDateUtc(text))) differences.push(text);
      }
    }
    expect(differences).toEqual([]);
  });

  it("agrees with Date.parse on toISOString's own layout (an independent reference)", () => {
    const random = mulberry32(7);
    for (let i = 0; i < 20_000; i++) {
      const text = new Date(Math.floor((random() - 0.3) * 4e12)).toISOString();
      expect(parseInstant(text)).toBe(Date.parse(text));
    }
  });
});

/**
 * Valid ISO text in the layouts Date.parse reads the same way by the
 * ECMAScript date-time format (explicit `Z` or `±HH:MM`, or a date alone,
 * all UTC; fractions of at most three digits, which V8 does not round):
 * years around 1970 and 2100, leap days, month ends and zone offsets.
 */
function randomValidIsoText(random: () => number): string {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const year = pick([
    () => 1960 + Math.floor(random() * 20),
    () => 2090 + Math.floor(random() * 20),
    () => 1600 + Math.floor(random() * 800),
    () => pick([1900, 1968, 1969, 1970, 1971, 1972, 2000, 2024, 2099, 2100, 2104, 2400]),
  ])();
  const month = 1 + Math.floor(random() * 12);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  // One in three at the month's last day or the day before, where calendars go wrong.
  const day = random() < 0.33 ? monthDays - Math.floor(random() * 2) : 1 + Math.floor(random() * monthDays);
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (random() < 0.15) return date;
  const edgeHour = random() < 0.2;
  let text = `${date}T${pad(edgeHour ? pick([0, 23]) : Math.floor(random() * 24), 2)}:${pad(Math.floor(random() * 60), 2)}:${pad(edgeHour ? pick([0, 59]) : Math.floor(random() * 60), 2)}`;
  if (random() < 0.5) text += `.${Array.from({ length: pick([1, 2, 3, 3, 3]) }, () => Math.floor(random() * 10)).join("")}`;
  const offsetMinutes = random() < 0.4 ? null : Math.round((random() * 28 - 14) * 4) * 15;
  if (offsetMinutes === null) return `${text}${random() < 0.9 ? "Z" : "z"}`;
  const size = Math.abs(offsetMinutes);
  return `${text}${offsetMinutes < 0 ? "-" : "+"}${pad(Math.floor(size / 60), 2)}:${pad(size % 60, 2)}`;
}

describe("parseInstant against Date.parse (an independent reference)", () => {
  it("gives Date.parse's instant for 100,000 seeded random valid texts: leap days, month ends, offsets, fractions, years near 1970 and 2100", () => {
    const random = mulberry32(14);
    const differences: string[] = [];
    let withOffset = 0;
    let withFraction = 0;
    for (let i = 0; i < 100_000; i++) {
      const text = randomValidIsoText(random);
      if (/[+-]\d\d:\d\d$/.test(text)) withOffset += 1;
      if (text.includes(".")) withFraction += 1;
      if (parseInstant(text) !== Date.parse(text)) differences.push(`${text}: ${parseInstant(text)} instead of ${Date.parse(text)}`);
    }
    expect(differences.slice(0, 5)).toEqual([]);
    expect(withOffset).toBeGreaterThan(40_000);
    expect(withFraction).toBeGreaterThan(30_000);
  });

  it("reads the space-separated CRM layout as the same instant as the T layout", () => {
    const random = mulberry32(15);
    for (let i = 0; i < 10_000; i++) {
      const text = randomValidIsoText(random);
      if (text.length < 19) continue;
      expect(parseInstant(`${text.slice(0, 10)} ${text.slice(11)}`)).toBe(Date.parse(text));
    }
  });

  // Date.parse rolls these over (2024-02-30 is read as 1 March); parseInstant refuses them.
  it.each([
    "2024-02-30",
    "2024-02-30T00:00:00Z",
    "2024-04-31",
    "2024-06-31 10:00:00",
    "2023-02-29T12:00:00.000Z",
    "1900-02-29",
    "2100-02-29T00:00:00+01:00",
    "2024-00-10",
    "2024-01-00",
    "2024-01-01T24:00:00Z",
    "2024-01-01T23:60:00Z",
    "2024-01-01T23:59:60Z",
  ])("still rejects the impossible %j", (text) => {
    expect(parseInstant(text)).toBeNull();
  });

  it.each([
    ["2000-02-29", Date.UTC(2000, 1, 29)],
    ["2400-02-29T00:00:00Z", Date.UTC(2400, 1, 29)],
    ["1969-12-31T23:59:59.999Z", -1],
    ["1970-01-01T00:00:00+00:01", -60_000],
  ])("accepts the leap day or edge instant %s", (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });
});

describe("parseInstant's character-by-character path against the pattern-and-Date.UTC parser", () => {
  it("reads every YYYY-MM-DD from 0000 to 9999 as the day after the one before, and refuses months 00 and 13 and days past the month's end", () => {
    // Independent of the parser's arithmetic: days counted one by one from 0000-01-01 (719,528 days
    // before 1970, by Date.UTC), month lengths from Date.UTC (years below 100 moved by 400 years, the same calendar).
    const dayMs = 86_400_000;
    let expected = (Date.UTC(2000, 0, 1) - 5 * 146_097 * dayMs);
    expect(expected).toBe(-719_528 * dayMs);
    const differences: string[] = [];
    let valid = 0;
    for (let year = 0; year <= 9999; year++) {
      for (let month = 0; month <= 13; month++) {
        const calendarYear = year < 100 ? year + 400 : year;
        const monthDays = month >= 1 && month <= 12 ? (Date.UTC(calendarYear, month, 1) - Date.UTC(calendarYear, month - 1, 1)) / dayMs : 0;
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          const isDay = day >= 1 && day <= monthDays;
          const got = parseInstant(text);
          if (!Object.is(got, isDay ? expected : null) && differences.length < 5) differences.push(`${text}: ${got} instead of ${isDay ? expected : null}`);
          if (isDay) {
            expected += dayMs;
            valid += 1;
          }
        }
      }
    }
    expect(differences).toEqual([]);
    expect(valid).toBe(3_652_425); // the days in 10,000 Gregorian years: 25 × 146,097
  });

  // Every single-character change of texts in the layouts the fast path reads: each position replaced by,
  // deleted or preceded by characters that are digits, separators, zone letters, white space or non-ASCII.
  const bases = [
    "2024-02-29",
    "2023-12-31T23:59:59Z",
    "2024-02-29T00:00:00.000Z",
    "1999-03-01 12:34:56",
    "2000-02-29T12:34:56.789+05:30",
    "2100-02-28T00:00:01-0930",
    "0000-02-29T23:59:59.999z",
    "1970-01-01T00:00:00+00:00",
  ];
  const alphabet = ["0", "1", "2", "3", "5", "9", "/", ":", ";", "-", "+", ".", ",", "T", "t", "Z", "z", " ", "\t", "\u00a0", "x", "٣", "０"];
  it.each(bases)("gives the oracle's answer for every one-character change of %j", (base) => {
    const differences: string[] = [];
    const texts = [base];
    for (let at = 0; at <= base.length; at++) {
      if (at < base.length) texts.push(base.slice(0, at) + base.slice(at + 1));
      for (const character of alphabet) {
        if (at < base.length) texts.push(base.slice(0, at) + character + base.slice(at + 1));
        texts.push(base.slice(0, at) + character + base.slice(at));
      }
    }
    let valid = 0;
    for (const text of texts) {
      const expected = parseInstantByPatternAndDateUtc(text);
      if (expected !== null) valid += 1;
      if (!Object.is(parseInstant(text), expected)) differences.push(`${JSON.stringify(text)}: ${parseInstant(text)} instead of ${expected}`);
    }
    expect(differences).toEqual([]);
    expect(valid).toBeGreaterThan(base.length);
  });
});
