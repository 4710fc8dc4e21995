import { describe, expect, it } from "vitest";
import { cochranMantelHaenszelTest, mantelHaenszelRiskDifference } from "../../src/stats/mantel-haenszel.js";
import { normalQuantile } from "../../src/stats/normal-quantile.js";
import { mulberry32 } from "../helpers/temp-files.js";
import { REFERENCE } from "./reference.js";

describe("mantelHaenszelRiskDifference", () => {
  it("equals the crude difference with the Wald standard error for one stratum (hand formula)", () => {
    const result = mantelHaenszelRiskDifference([{ exposedWon: 30, exposedTotal: 100, unexposedWon: 10, unexposedTotal: 200 }]);
    expect(result.estimate).toBeCloseTo(0.3 - 0.05, 12);
    expect(result.standardError).toBeCloseTo(Math.sqrt((0.3 * 0.7) / 100 + (0.05 * 0.95) / 200), 12);
    expect(result.lower).toBeCloseTo(0.25 - normalQuantile(0.975) * result.standardError, 12);
  });

  it("weights strata by n1·n0/N (hand-computed two-stratum example)", () => {
    // Stratum 1: 20/40 vs 10/60 → RD 1/3, weight 24; stratum 2: 5/50 vs 5/50 → RD 0, weight 25.
    const result = mantelHaenszelRiskDifference([
      { exposedWon: 20, exposedTotal: 40, unexposedWon: 10, unexposedTotal: 60 },
      { exposedWon: 5, exposedTotal: 50, unexposedWon: 5, unexposedTotal: 50 },
    ]);
    expect(result.estimate).toBeCloseTo((24 * (1 / 3) + 25 * 0) / 49, 12);
    // Greenland–Robins: Σ(a·b·n0³ + c·d·n1³)/(n1·n0·N²) / (Σw)²
    const v1 = (20 * 20 * 60 ** 3 + 10 * 50 * 40 ** 3) / (40 * 60 * 100 ** 2);
    const v2 = (5 * 45 * 50 ** 3 + 5 * 45 * 50 ** 3) / (50 * 50 * 100 ** 2);
    expect(result.standardError).toBeCloseTo(Math.sqrt(v1 + v2) / 49, 12);
  });

  it("skips strata with an empty arm and counts the ones used", () => {
    const result = mantelHaenszelRiskDifference([
      { exposedWon: 0, exposedTotal: 0, unexposedWon: 3, unexposedTotal: 10 },
      { exposedWon: 4, exposedTotal: 10, unexposedWon: 2, unexposedTotal: 10 },
    ]);
    expect(result.strataUsed).toBe(1);
    expect(result.estimate).toBeCloseTo(0.2, 12);
    expect(() => mantelHaenszelRiskDifference([{ exposedWon: 0, exposedTotal: 0, unexposedWon: 1, unexposedTotal: 5 }])).toThrowError(/no stratum has both/);
  });

  it("covers a common true risk difference about 95% of the time (seeded simulation)", () => {
    const random = mulberry32(99);
    let covered = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const strata = [0.05, 0.15, 0.3].map((base) => {
        const n1 = 80;
        const n0 = 120;
        let a = 0;
        let c = 0;
        for (let i = 0; i < n1; i++) if (random() < base + 0.1) a++;
        for (let i = 0; i < n0; i++) if (random() < base) c++;
        return { exposedWon: a, exposedTotal: n1, unexposedWon: c, unexposedTotal: n0 };
      });
      const ci = mantelHaenszelRiskDifference(strata);
      if (ci.lower <= 0.1 && ci.upper >= 0.1) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.91);
    expect(covered / trials).toBeLessThan(0.99);
  });
});

describe("cochranMantelHaenszelTest", () => {
  it("matches statsmodels StratifiedTable.test_null_odds(correction=False)", () => {
    const { strata, statistic, p } = REFERENCE.cmh as { strata: number[][][]; statistic: number; p: number };
    const result = cochranMantelHaenszelTest(
      strata.map(([[a, b], [c, d]]) => ({ exposedWon: a, exposedTotal: a + b, unexposedWon: c, unexposedTotal: c + d })),
    );
    expect(result.statistic).toBeCloseTo(statistic, 9);
    expect(result.pValue).toBeCloseTo(p, 9);
  });

  it("returns p = 1 when no stratum varies", () => {
    expect(cochranMantelHaenszelTest([{ exposedWon: 0, exposedTotal: 5, unexposedWon: 0, unexposedTotal: 5 }])).toEqual({ statistic: 0, pValue: 1 });
  });
});
