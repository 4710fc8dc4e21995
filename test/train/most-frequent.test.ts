import { describe, expect, it } from "vitest";
import { mostFrequent } from "../../src/train/point-candidates.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

/** mostFrequent as first written: the leader's count looked up in the map at every step. */
function reference(values: readonly string[]): string {
  const counts = new Map<string, number>();
  let best = values[0];
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > (counts.get(best) ?? 0) || (c === counts.get(best) && v < best)) best = v;
  }
  return best;
}

describe("mostFrequent", () => {
  it("picks the value the step-by-step count picks (ties, late leaders, a few levels or many)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const levels = 1 + Math.floor(random() * 6);
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () => `v${Math.floor(random() * levels)}`);
      expect(mostFrequent(values)).toBe(reference(values));
    }
    expect(mostFrequent(["b", "a", "b", "a"])).toBe(reference(["b", "a", "b", "a"]));
    expect(mostFrequent(["b", "a", "a", "b"])).toBe("a");
  });
});
