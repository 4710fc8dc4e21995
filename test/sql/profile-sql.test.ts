import { afterEach, describe, expect, it, vi } from "vitest";
import { SENIORITY_LEVELS, titleSeniority } from "../../src/runtime/derive-profile.js";
import { SENIORITY_PATTERN_SOURCES } from "../../src/sql/profile-sql.js";

afterEach(() => vi.restoreAllMocks());

describe("SENIORITY_PATTERN_SOURCES", () => {
  it("are the runtime's own title patterns, in the runtime's order", () => {
    // The runtime keeps its patterns private; a title matching none makes it try every one of them.
    const seen: RegExp[] = [];
    const test = RegExp.prototype.test;
    vi.spyOn(RegExp.prototype, "test").mockImplementation(function (this: RegExp, text: string) {
      seen.push(this);
      return test.call(this, text);
    });
    expect(titleSeniority("zzz")).toBe("individual");
    vi.restoreAllMocks();
    expect(seen.map((pattern) => [pattern.source, pattern.flags])).toEqual(SENIORITY_PATTERN_SOURCES.map(([, source]) => [source, "i"]));
    // …and each pattern yields its level: the first word of each alternative list is enough to tell.
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
