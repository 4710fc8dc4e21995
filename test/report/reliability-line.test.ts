import { describe, expect, it } from "vitest";
import { reliabilityLine } from "../../src/report/report-sentences.js";

const reliability = { leads: 1200, won: 110, auc: 0.72, brier: 0.0812, logLoss: 0.29, ece: 0.0000, bins: [] };

describe("reliabilityLine", () => {
  it("says figures on the training period flatter the map and gives the held-out ones beside them", () => {
    const line = reliabilityLine({ reliability, heldOutReliability: { leads: 969, brier: 0.084, ece: 0.0125 }, data: { trainingOverlap: 1 } as never });
    expect(line).toBe(
      "On these 1,200 closed leads: Brier score 0.0812, expected calibration error 0.0000 (lower is better for both). " +
        "100.0% of these leads were created during the model's training period, where the score → probability map was fitted, so these figures flatter it. " +
        "On the 969 leads held out at training, which it was not fitted on: Brier 0.0840, ECE 0.0125.",
    );
  });

  it("gives the figures plainly on data the model was not trained on", () => {
    expect(reliabilityLine({ reliability, heldOutReliability: null, data: { trainingOverlap: 0 } as never })).toBe(
      "On these 1,200 closed leads: Brier score 0.0812, expected calibration error 0.0000 (lower is better for both).",
    );
  });

  it("says when there is nothing to check", () => {
    expect(reliabilityLine({ reliability: null, heldOutReliability: null, data: { trainingOverlap: 0 } as never })).toMatch(/^The model has no close probability to check/);
  });
});
