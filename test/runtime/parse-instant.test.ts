import { describe, expect, it } from "vitest";
import { parseInstant } from "../../src/runtime/parse-instant.js";

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
