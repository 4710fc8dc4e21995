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
