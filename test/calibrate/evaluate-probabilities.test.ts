import { describe, expect, it } from "vitest";
import { fitCloseProbability, probabilityAt } from "../../src/calibrate/close-probability.js";
import { evaluateProbabilities, evaluateProbabilitiesRankedBy } from "../../src/calibrate/evaluate-probabilities.js";
import { areaUnderRoc } from "../../src/stats/auc.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";
import { probabilityQuality } from "../../src/train/calibrate-trained.js";

function sample(seed: number, size: number): { scores: Float64Array; won: Uint8Array } {
  const random = mulberry32(seed);
  const scores = Float64Array.from({ length: size }, () => Math.round(random() * 60 - 10));
  const won = Uint8Array.from(scores, (s) => (random() < 0.1 + s / 100 ? 1 : 0));
  return { scores, won };
}

describe("evaluateProbabilitiesRankedBy", () => {
  it("is evaluateProbabilities with the ranking's AUC in the probabilities' place (same fields, same order)", () => {
    const { scores, won } = sample(1, 3000);
    const map = fitCloseProbability(scores, won);
    const probabilities = Array.from(scores, (s) => probabilityAt(map, s));
    const expected = { ...evaluateProbabilities(probabilities, Array.from(won)), auc: areaUnderRoc(scores, Array.from(won)) };
    const ranked = evaluateProbabilitiesRankedBy(Float64Array.from(probabilities), won, scores);
    expect(JSON.stringify(ranked)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(probabilityQuality(scores, map, won))).toBe(JSON.stringify(expected));
  });

  it("has no AUC with one class only", () => {
    const { scores } = sample(2, 100);
    const none = new Uint8Array(100);
    expect(evaluateProbabilitiesRankedBy(new Float64Array(100).fill(0.2), none, scores).auc).toBeNull();
    expect(evaluateProbabilitiesRankedBy(new Float64Array(100).fill(0.2), none, scores).won).toBe(0);
  });
});
