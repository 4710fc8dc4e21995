import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { pruningSteps } from "../../src/train/choose-pruning.js";

describe("pruningSteps", () => {
  it("tries the configured rules first, then no 5-point minimum, then profile features tested as wholes, then no significance test", () => {
    const steps = pruningSteps(parseConfig({}).training);
    expect(steps.map((s) => [s.minLiftPoints, s.significanceLevel, s.profileSignificance ?? "value"])).toEqual([
      [5, 0.05, "value"],
      [1, 0.05, "value"],
      [1, 0.05, "feature"],
      [1, 1, "value"],
    ]);
    for (const s of steps) expect([s.minLeads, s.maxKept]).toEqual([10, 20]);
  });

  it("applies the configured rules only, with pruning: fixed", () => {
    expect(pruningSteps(parseConfig({ training: { pruning: "fixed", minLiftPoints: 3 } }).training)).toEqual([
      { minLeads: 10, maxKept: 20, minLiftPoints: 3, significanceLevel: 0.05 },
    ]);
  });
});
