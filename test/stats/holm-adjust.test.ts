import { describe, expect, it } from "vitest";
import { holmAdjust } from "../../src/stats/holm-adjust.js";

describe("holmAdjust", () => {
  // statsmodels.stats.multitest.multipletests(p, method="holm")[1], statsmodels 0.13.5 (Debian python3-statsmodels).
  it.each([
    [[0.01, 0.04, 0.03], [0.03, 0.06, 0.06]],
    [[0.001, 0.2, 0.03, 0.04, 0.5, 0.0001], [0.005, 0.4, 0.12, 0.12, 0.5, 0.0006]],
  ])("matches statsmodels for %j", (p, expected) => {
    holmAdjust(Object.freeze(p)).forEach((value, i) => expect(value).toBeCloseTo(expected[i], 12));
  });

  it("leaves untestable entries null and out of the family size", () => {
    expect(holmAdjust([0.02, null, 0.01])).toEqual([0.02, null, 0.02]);
  });
});
