import { describe, expect, it } from "vitest";
import { areaUnderRoc } from "../../src/stats/auc.js";
import { brierScore } from "../../src/stats/brier-score.js";
import { expectedCalibrationError } from "../../src/stats/expected-calibration-error.js";
import { logLoss } from "../../src/stats/log-loss.js";
import { mulberry32 } from "../helpers/temp-files.js";
import { REFERENCE } from "./reference.js";

describe("areaUnderRoc", () => {
  it("matches the Mann–Whitney U from scipy on data with ties", () => {
    const { scores, labels, auc } = REFERENCE.auc as { scores: number[]; labels: number[]; auc: number };
    expect(areaUnderRoc(Object.freeze(scores), Object.freeze(labels))).toBeCloseTo(auc, 12);
  });

  it("is unchanged by shuffling rows and by monotone transforms (property)", () => {
    const { scores, labels } = REFERENCE.auc as { scores: number[]; labels: number[] };
    const base = areaUnderRoc(scores, labels);
    const random = mulberry32(3);
    const order = scores.map((_, i) => i).sort(() => random() - 0.5);
    expect(areaUnderRoc(order.map((i) => scores[i]), order.map((i) => labels[i]))).toBeCloseTo(base, 12);
    expect(areaUnderRoc(scores.map((s) => Math.exp(3 * s)), labels)).toBeCloseTo(base, 12);
  });

  it("is 0.5 for all-tied scores and refuses a single class", () => {
    expect(areaUnderRoc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    expect(() => areaUnderRoc([0.1, 0.2], [1, 1])).toThrowError(/needs both won and lost leads\. Got 2 won and 0 lost/);
  });
});

describe("brierScore and logLoss", () => {
  it("compute hand-checked values", () => {
    expect(brierScore([0.1, 0.9, 0.5], [0, 1, 1])).toBeCloseTo((0.01 + 0.01 + 0.25) / 3, 12);
    expect(logLoss([0.5, 0.5], [0, 1])).toBeCloseTo(Math.log(2), 12);
    // Clipped at 1e-15 and 1 − 1e-15 (which rounds to 1 − 1.11e-15 in double precision).
    expect(logLoss([0, 1], [1, 0])).toBeCloseTo((-Math.log(1e-15) - Math.log(1 - (1 - 1e-15))) / 2, 9);
  });

  it("refuse mismatched lengths", () => {
    expect(() => brierScore([0.1], [0, 1])).toThrowError(/same length\. Got 1 and 2/);
  });
});

describe("expectedCalibrationError", () => {
  it("weights each bin's gap by its share and returns empty bins marked null", () => {
    const result = expectedCalibrationError([0.1, 0.1, 0.9, 0.9], [0, 0, 1, 1], 10);
    expect(result.ece).toBeCloseTo(0.1, 12);
    expect(result.bins).toHaveLength(10);
    expect(result.bins[5]).toEqual({ lower: 0.5, upper: 0.6, count: 0, meanPredicted: null, observedRate: null });
    expect(result.bins[1]).toMatchObject({ count: 2, observedRate: 0 });
  });
});
