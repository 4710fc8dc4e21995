import { describe, expect, it } from "vitest";
import { chiSquareIndependence, chiSquareSurvival } from "../../src/stats/chi-square-independence.js";

describe("chiSquareSurvival", () => {
  // Reference: scipy 1.10.1, scipy.stats.chi2.sf(x, k).
  it.each([
    [0.5, 1, 0.47950012218695337],
    [3.84, 1, 0.05004352124870519],
    [10, 3, 0.01856613546304325],
    [7.815, 3, 0.049993902974883875],
    [25, 7, 0.0007588002556582502],
    [0.001, 2, 0.9995001249791693],
  ])("P(χ² ≥ %d | %d df) = %d (scipy)", (x, k, p) => {
    expect(chiSquareSurvival(x, k)).toBeCloseTo(p, 10);
  });

  it.each([
    [100, 20, 1.2596084591660847e-12],
    [50, 2, 1.3887943864964e-11],
  ])("keeps relative precision in the far tail: P(χ² ≥ %d | %d df) (scipy)", (x, k, p) => {
    expect(chiSquareSurvival(x, k) / p).toBeCloseTo(1, 8);
  });

  it("is 1 at 0 and refuses non-positive degrees of freedom", () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(() => chiSquareSurvival(1, 0)).toThrowError(/Degrees of freedom must be positive\. Got 0\./);
  });
});

describe("chiSquareIndependence", () => {
  it("matches scipy's chi2_contingency without correction on a 3 × 2 table", () => {
    // scipy 1.10.1: chi2_contingency([[30, 270], [20, 380], [10, 490]], correction=False) → 25.263157894736842, p 3.2671943203294268e-06, dof 2.
    const result = chiSquareIndependence([[30, 270], [20, 380], [10, 490]])!;
    expect(result.statistic).toBeCloseTo(25.263157894736842, 10);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.pValue / 3.2671943203294268e-6).toBeCloseTo(1, 8);
  });

  it("leaves out empty levels and gives null when fewer than two levels or one outcome remain", () => {
    expect(chiSquareIndependence([[3, 7], [0, 0], [5, 5]])!.degreesOfFreedom).toBe(1);
    expect(chiSquareIndependence([[3, 7], [0, 0]])).toBeNull();
    expect(chiSquareIndependence([[0, 7], [0, 9]])).toBeNull();
  });

  it("refuses negative counts, naming them", () => {
    expect(() => chiSquareIndependence([[-1, 3], [2, 2]])).toThrowError(/Counts must be non-negative\. Got \[-1,3\]\./);
  });
});
