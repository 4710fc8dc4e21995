import { describe, expect, it } from "vitest";
import { populationStabilityIndex, psiBand } from "../../src/stats/population-stability-index.js";

describe("populationStabilityIndex", () => {
  // numpy: ((a − e)·ln(a/e)).sum() on the normalised shares (command in the commit adding this test).
  it.each([
    [[0.5, 0.5], [0.6, 0.4], 0.04054651081081642],
    [[10, 20, 30, 40], [12, 18, 35, 35], 0.020137745071624677],
  ])("matches the numpy computation for %j vs %j", (expected, actual, psi) => {
    expect(populationStabilityIndex(expected, actual)).toBeCloseTo(psi, 12);
  });

  it("is 0 for identical distributions and finite with an empty bin", () => {
    expect(populationStabilityIndex([1, 2, 3], [2, 4, 6])).toBe(0);
    expect(Number.isFinite(populationStabilityIndex([0, 5, 5], [3, 3, 4]))).toBe(true);
  });

  it.each([[0.05, "stable"], [0.1, "some shift"], [0.25, "some shift"], [0.3, "major shift"]] as const)("reads %d as %s", (psi, band) => {
    expect(psiBand(psi)).toBe(band);
  });
});
