import { describe, expect, it } from "vitest";
import { chooseThreshold, thresholdCurve } from "../../src/calibrate/choose-threshold.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

/** Builds parallel score/won arrays from [score, leads, won] groups. */
function groups(spec: Array<[number, number, number]>) {
  const scores: number[] = [];
  const won: number[] = [];
  for (const [score, leads, wonCount] of spec) {
    for (let i = 0; i < leads; i++) {
      scores.push(score);
      won.push(i < wonCount ? 1 : 0);
    }
  }
  return { scores: Object.freeze(scores), won: Object.freeze(won) };
}

describe("thresholdCurve", () => {
  it("accumulates leads and wins from the highest score down (hand-computed)", () => {
    const { scores, won } = groups([[50, 10, 5], [20, 40, 3], [0, 150, 2]]);
    expect(thresholdCurve(scores, won)).toEqual([
      { score: 50, leads: 10, won: 5, closeRate: 0.5 },
      { score: 20, leads: 50, won: 8, closeRate: 0.16 },
      { score: 0, leads: 200, won: 10, closeRate: 0.05 },
    ]);
  });
});

describe("chooseThreshold", () => {
  it("picks the in-band score whose close rate is closest to the band's middle, as the README says", () => {
    // ≥40: 12/60 = 20%; ≥30: 16/120 = 13.3% (0.8 points from 12.5%); ≥20: 18/160 = 11.25% (1.25 points); ≥0: 20/400 = 5%.
    const { scores, won } = groups([[40, 60, 12], [30, 60, 4], [20, 40, 2], [0, 240, 2]]);
    const choice = chooseThreshold(scores, won, { min: 0.1, max: 0.15 });
    expect(choice.status).toBe("in-band");
    expect(choice.score).toBe(30);
    expect(choice.closeRate).toBeCloseTo(16 / 120, 12);
    expect(choice.leadsAtOrAbove).toBe(120);
    expect(choice.explanation).toMatch(/closest to the middle of the 10\.0%–15\.0% band\.$/);
  });

  it("gives the Wilson interval of the chosen close rate (scipy reference)", () => {
    // ≥20: 18/160 = 11.25%, the only in-band score.
    const { scores, won } = groups([[40, 60, 12], [20, 100, 6], [0, 240, 2]]);
    const choice = chooseThreshold(scores, won, { min: 0.1, max: 0.15 });
    expect(choice.score).toBe(20);
    // Wilson 95% for 18/160, scipy.stats.binomtest(18, 160).proportion_ci(method="wilson") = (0.0723563, 0.1708145)
    expect(choice.closeRateInterval?.lower).toBeCloseTo(0.0723563, 6);
    expect(choice.closeRateInterval?.upper).toBeCloseTo(0.1708145, 6);
  });

  it("says a threshold that passes a third of the leads or more barely gates", () => {
    // ≥0 passes everyone at 12%: in the band, but no gate at all.
    const { scores, won } = groups([[5, 100, 12], [0, 100, 12]]);
    const choice = chooseThreshold(scores, won, { min: 0.1, max: 0.15 });
    expect(choice.score).toBe(0);
    expect(choice.explanation).toMatch(/passes 100\.0% of the leads, so it barely gates/);
  });

  it("honours a different target band (aggressive 8–10%)", () => {
    const { scores, won } = groups([[40, 60, 12], [30, 60, 4], [20, 40, 2], [10, 100, 4], [0, 140, 0]]);
    // ≥10: 22/260 = 8.46%
    const choice = chooseThreshold(scores, won, { min: 0.08, max: 0.1 });
    expect(choice.score).toBe(10);
  });

  it("explains a base rate above the band instead of returning a threshold", () => {
    const { scores, won } = groups([[10, 100, 50], [0, 100, 30]]);
    const choice = chooseThreshold(scores, won, { min: 0.1, max: 0.15 });
    expect(choice.status).toBe("no-threshold");
    expect(choice.score).toBeNull();
    expect(choice.explanation).toMatch(/base close rate is 40\.0% .* already above the 10\.0%–15\.0% band/);
  });

  it("explains a signal too weak to reach the band", () => {
    const { scores, won } = groups([[10, 100, 6], [0, 300, 6]]);
    const choice = chooseThreshold(scores, won, { min: 0.1, max: 0.15 });
    expect(choice.status).toBe("no-threshold");
    expect(choice.explanation).toMatch(/too weak .* best close rate any threshold reaches is 6\.0% \(score 10, 100 leads\)/);
  });

  it("says no lead was counted as won, rather than suggesting a band of 0.00-0.00", () => {
    const { scores, won } = groups([[10, 100, 0], [0, 300, 0]]);
    const choice = chooseThreshold(scores, won, { min: 0.1, max: 0.15 });
    expect(choice.status).toBe("no-threshold");
    expect(choice.explanation).toMatch(/^No lead was counted as won at any threshold \(400 decided leads at the lowest score/);
    expect(choice.explanation).not.toMatch(/target-close-rate/);
  });

  it("ignores thresholds with fewer leads than the minimum", () => {
    const { scores, won } = groups([[90, 5, 1], [0, 300, 9]]);
    const choice = chooseThreshold(scores, won, { min: 0.1, max: 0.25 });
    expect(choice.status).toBe("no-threshold");
  });
});

describe("thresholdCurve by counting", () => {
  it("gives the curve of a comparator sort of the indices, with ties, negative and fractional scores, and NaN", () => {
    const random = mulberry32(17);
    const scores = Float64Array.from({ length: 4000 }, () => (random() < 0.5 ? Math.round(random() * 40 - 10) : Math.round(random() * 300) / 8));
    const won = Uint8Array.from(scores, () => (random() < 0.3 ? 1 : 0));
    const byComparator = (values: ArrayLike<number>) => {
      const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[b] - values[a]);
      const curve: Array<{ score: number; leads: number; won: number; closeRate: number }> = [];
      let wonCount = 0;
      order.forEach((i, k) => {
        wonCount += won[i] ? 1 : 0;
        if (k + 1 === order.length || values[order[k + 1]] !== values[i]) curve.push({ score: values[i], leads: k + 1, won: wonCount, closeRate: wonCount / (k + 1) });
      });
      return curve;
    };
    expect(thresholdCurve(scores, won)).toEqual(byComparator(scores));
    const withNaN = Float64Array.from(scores, (s, i) => (i % 97 === 0 ? Number.NaN : s));
    expect(thresholdCurve(withNaN, won)).toEqual(byComparator(withNaN));
  });
});
