import { describe, expect, it } from "vitest";
import { normalCdf } from "../../src/stats/normal-cdf.js";
import { normalQuantile } from "../../src/stats/normal-quantile.js";
import { REFERENCE } from "./reference.js";

describe("normalCdf", () => {
  it.each(REFERENCE.normal_cdf as Array<[number, number]>)("Φ(%d) matches scipy.stats.norm.cdf to 5e-14 relative", (z, expected) => {
    expect(Math.abs(normalCdf(z) - expected)).toBeLessThanOrEqual(5e-14 * Math.max(expected, 1e-300) + 1e-300);
  });
});

describe("normalQuantile", () => {
  it.each(REFERENCE.normal_quantile as Array<[number, number]>)("Φ⁻¹(%d) matches scipy.stats.norm.ppf", (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 9);
  });

  it("inverts normalCdf (property)", () => {
    // Above z ≈ 3, 1 − Φ(z) loses digits in double precision, so the round trip is checked where it is well conditioned.
    for (let z = -8; z <= 3; z += 0.37) expect(normalQuantile(normalCdf(z))).toBeCloseTo(z, 7);
  });

  it.each([0, 1, -0.1, Number.NaN])("rejects p = %d with the argument's name", (p) => {
    expect(() => normalQuantile(p)).toThrowError(/Argument "p" must be a number in \(0, 1\)/);
  });
});
