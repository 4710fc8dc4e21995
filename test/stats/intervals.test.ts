import { describe, expect, it } from "vitest";
import { newcombeDifferenceInterval } from "../../src/stats/newcombe-interval.js";
import { wilsonInterval } from "../../src/stats/wilson-interval.js";
import { REFERENCE } from "./reference.js";

describe("wilsonInterval", () => {
  it.each(REFERENCE.wilson as Array<{ successes: number; trials: number; confidence: number; lower: number; upper: number }>)(
    "matches scipy binomtest(...).proportion_ci(method='wilson') for $successes/$trials at $confidence",
    ({ successes, trials, confidence, lower, upper }) => {
      const ci = wilsonInterval(successes, trials, confidence);
      expect(ci.lower).toBeCloseTo(lower, 10);
      expect(ci.upper).toBeCloseTo(upper, 10);
    },
  );

  it("contains the estimate and stays in [0, 1] (property)", () => {
    for (let n = 1; n <= 60; n += 7) {
      for (let s = 0; s <= n; s++) {
        const ci = wilsonInterval(s, n);
        expect(ci.lower).toBeGreaterThanOrEqual(0);
        expect(ci.upper).toBeLessThanOrEqual(1);
        expect(ci.lower).toBeLessThanOrEqual(ci.estimate);
        expect(ci.upper).toBeGreaterThanOrEqual(ci.estimate);
      }
    }
  });

  it.each([
    [() => wilsonInterval(1, 0), /Argument "trials" must be a whole number above 0\. Got 0\./],
    [() => wilsonInterval(5, 3), /Argument "successes" must be a whole number in \[0, 3\]\. Got 5\./],
    [() => wilsonInterval(1, 3, 1.5), /Option "confidence" must be a number in \(0, 1\)\. Got 1\.5\./],
  ])("rejects bad input with the documented message", (call, message) => {
    expect(call).toThrowError(message);
  });
});

describe("newcombeDifferenceInterval", () => {
  it("reproduces Newcombe (1998) Table II, 56/70 − 48/80, method 10: 0.0524 to 0.3339", () => {
    const ci = newcombeDifferenceInterval(56, 70, 48, 80);
    expect(ci.lower).toBeCloseTo(0.0524, 4);
    expect(ci.upper).toBeCloseTo(0.3339, 4);
  });

  it.each(REFERENCE.newcombe as Array<{ args: [number, number, number, number]; lower: number; upper: number }>)(
    "matches the formula on scipy's Wilson limits for $args",
    ({ args, lower, upper }) => {
      const ci = newcombeDifferenceInterval(...args);
      expect(ci.lower).toBeCloseTo(lower, 10);
      expect(ci.upper).toBeCloseTo(upper, 10);
    },
  );
});
