import { describe, expect, it } from "vitest";
import { cumulativeGains } from "../../src/report/cumulative-gains.js";
import { mulberry32 } from "../helpers/temp-files.js";

describe("cumulativeGains", () => {
  it("splits tied leads pro rata (hand-computed: scores 3, 2, 2, 1; won 1, 0, 1, 0; quarters)", () => {
    // Top 1 lead: the 3 (won) → 1 of 2 won. Top 2: the 3 plus half of the tied 2s (one won of two) → 1.5 of 2.
    const gains = cumulativeGains(Object.freeze([3, 2, 2, 1]), Object.freeze([1, 0, 1, 0]), 4);
    expect(gains).toEqual([
      { shareOfLeads: 0, shareOfWon: 0, lift: null },
      { shareOfLeads: 0.25, shareOfWon: 0.5, lift: 2 },
      { shareOfLeads: 0.5, shareOfWon: 0.75, lift: 1.5 },
      { shareOfLeads: 0.75, shareOfWon: 1, lift: 4 / 3 },
      { shareOfLeads: 1, shareOfWon: 1, lift: 1 },
    ]);
  });

  it("gives each share of leads once and ends at (100%, 100%) whatever the number of leads", () => {
    for (const n of [7, 20, 5464, 5465]) {
      const random = mulberry32(n);
      const scores = Array.from({ length: n }, () => Math.floor(random() * 30));
      const won = scores.map((s) => (random() < s / 40 ? 1 : 0));
      won[0] = 1;
      const gains = cumulativeGains(scores, won);
      expect(gains).toHaveLength(21);
      expect(new Set(gains.map((g) => g.shareOfLeads)).size).toBe(21);
      expect(gains.map((g) => g.shareOfLeads)).toEqual(Array.from({ length: 21 }, (_, k) => k / 20));
      expect(gains[20]).toEqual({ shareOfLeads: 1, shareOfWon: 1, lift: 1 });
      for (let k = 1; k < gains.length; k++) expect(gains[k].shareOfWon).toBeGreaterThanOrEqual(gains[k - 1].shareOfWon);
    }
  });

  it("does not depend on row order (ties are split, not broken by position)", () => {
    const random = mulberry32(11);
    const scores = Array.from({ length: 300 }, () => Math.floor(random() * 6));
    const won = scores.map((s) => (random() < s / 8 ? 1 : 0));
    const order = scores.map((_, i) => i).sort(() => random() - 0.5);
    const shuffled = cumulativeGains(order.map((i) => scores[i]), order.map((i) => won[i]));
    const original = cumulativeGains(scores, won);
    shuffled.forEach((g, k) => expect(g.shareOfWon).toBeCloseTo(original[k].shareOfWon, 12));
  });

  it("is only the origin when no lead was won", () => {
    expect(cumulativeGains([1, 2, 3], [0, 0, 0])).toEqual([{ shareOfLeads: 0, shareOfWon: 0, lift: null }]);
  });
});
