import { describe, expect, it } from "vitest";
import { chooseCalibratedThreshold } from "../../src/calibrate/choose-calibrated-threshold.js";
import type { ReplayPoint } from "../../src/calibrate/replay-curve.js";

const point = (threshold: number, successes: number, failures: number, reached = successes + failures): ReplayPoint => ({
  threshold, reached, successes, failures, censored: reached - successes - failures,
  closeRate: successes / (successes + failures), closeRateInterval: null, wonCaptured: 0, perDay: reached / 100, perWeek: (7 * reached) / 100,
});

describe("chooseCalibratedThreshold", () => {
  it("picks, among equally measured in-band thresholds, the one closest to the band's middle", () => {
    const curve = [point(10, 20, 380), point(20, 22, 178), point(30, 25, 175), point(40, 20, 80)];
    // rates: 5%, 11%, 12.5%, 20% → 12.5% is the middle of 10–15%
    expect(chooseCalibratedThreshold(curve, { min: 0.1, max: 0.15 }).threshold).toBe(30);
  });

  it("among thresholds all but sure to be in the band, picks the one closest to the middle, not the one with most leads", () => {
    // 1: 491 of 4089 = 12.0%; 2: 300 of 2400 = 12.5%; both in the band with probability ≈ 1.
    const curve = [point(0, 842, 7158), point(1, 491, 3598), point(2, 300, 2100)];
    expect(chooseCalibratedThreshold(curve, { min: 0.1, max: 0.15 }).threshold).toBe(2);
  });

  it("prefers the threshold measured on more leads when two are equally close", () => {
    const curve = [point(20, 12, 88), point(30, 6, 44, 60)];
    expect(chooseCalibratedThreshold(curve, { min: 0.1, max: 0.15 }).threshold).toBe(20);
  });

  it("does not let a threshold reached by a few dozen leads beat one measured on hundreds just because its rate sits nearer the middle", () => {
    // 15: 49 of 399 = 12.3%; 21: 4 of 32 = 12.5%, exactly the middle but with a 95% interval of about 5–28%.
    const curve = [point(10, 30, 370), point(15, 49, 350), point(21, 4, 28)];
    const choice = chooseCalibratedThreshold(curve, { min: 0.1, max: 0.15 });
    expect(choice.threshold).toBe(15);
    // P(10% ≤ p ≤ 15%) for 12.28% on 399 leads, normal approximation: Φ(1.6565) − Φ(−1.3856) ≈ 0.868.
    expect(choice.explanation).toMatch(/most likely to stay in the 10\.0%–15\.0% band \(about 87% given its 399 decided leads\)/);
  });

  it("works for an aggressive 8–10% band and a conservative 15–20% band", () => {
    const curve = [point(10, 9, 91), point(20, 18, 102), point(30, 35, 165), point(40, 30, 70)];
    expect(chooseCalibratedThreshold(curve, { min: 0.08, max: 0.1 }).threshold).toBe(10);
    expect(chooseCalibratedThreshold(curve, { min: 0.15, max: 0.2 }).threshold).toBe(30);
  });

  it("ignores thresholds with fewer decided leads than the minimum", () => {
    const curve = [point(10, 5, 95), point(50, 3, 17)];
    const choice = chooseCalibratedThreshold(curve, { min: 0.1, max: 0.2 });
    expect(choice.status).toBe("no-threshold");
    expect(choice.explanation).toMatch(/too weak/);
  });

  it("explains a base rate above the band", () => {
    const curve = [point(0, 385, 615), point(10, 300, 300)];
    const choice = chooseCalibratedThreshold(curve, { min: 0.1, max: 0.15 });
    expect(choice).toMatchObject({ status: "no-threshold", threshold: null });
    expect(choice.explanation).toMatch(/base close rate is 38\.5% .*already above the 10\.0%–15\.0% band/);
  });
});
