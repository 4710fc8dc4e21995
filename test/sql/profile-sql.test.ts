import { describe, expect, it } from "vitest";
import { SENIORITY_LEVELS, SENIORITY_PATTERNS, titleSeniority } from "../../src/runtime/derive-profile.js";
import { SENIORITY_PATTERN_SOURCES } from "../../src/sql/profile-sql.js";

describe("SENIORITY_PATTERN_SOURCES", () => {
  it("are the runtime's own title patterns, in order, each yielding its level", () => {
    expect(SENIORITY_PATTERN_SOURCES).toEqual(SENIORITY_PATTERNS.map(([level, pattern]) => [level, pattern.source]));
    expect(SENIORITY_PATTERNS.every(([, pattern]) => pattern.flags === "i")).toBe(true);
    // The first word of each alternative list is enough to tell the level.
    for (const [level, source] of SENIORITY_PATTERN_SOURCES) expect(titleSeniority(/\(([^|)]+)/.exec(source)![1])).toBe(level);
  });

  it("are ASCII and lowercase, so lowercasing titles with asciiLowerSql is exactly the runtime's /i", () => {
    for (const [level, source] of SENIORITY_PATTERN_SOURCES) {
      expect(/^[\x00-\x7f]*$/.test(source), level).toBe(true);
      expect(source, level).toBe(source.toLowerCase());
    }
    expect(new Set(SENIORITY_PATTERN_SOURCES.map(([level]) => level))).toEqual(new Set(SENIORITY_LEVELS.filter((level) => level !== "individual")));
  });
});
