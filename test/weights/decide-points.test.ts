import { describe, expect, it } from "vitest";
import type { LiftStats } from "../../src/stats/lift.js";
import { decidePoints, roundPoints, type PointRules } from "../../src/weights/decide-points.js";

const RULES: PointRules = { minLiftPoints: 5, significanceLevel: 0.05, minLeads: 10, maxKept: 2 };

function stats(adjustedLift: number | null, pValue: number | null, leadsWith = 100, leadsWithout = 100): LiftStats {
  return {
    comparedLeadsWith: leadsWith, comparedLeadsWithout: leadsWithout,
    leadsWith, wonWith: 10, leadsWithout: 100, wonWithout: 10, closeRateWith: 0.1, closeRateWithout: 0.1,
    closeRateWithInterval: null, lift: adjustedLift, liftInterval: null, adjustedLift, adjustedLiftInterval: null,
    strataUsed: 1, pValue, test: "fisher-exact", shareOfWon: 0.5, degenerate: adjustedLift === null ? "every training lead has it" : null,
  };
}

describe("decidePoints", () => {
  it("turns a 25-point lift into 25 points and a negative lift into negative points", () => {
    const decisions = decidePoints(
      [{ key: "demo", stats: stats(0.25, 0.001), vanity: false }, { key: "unsub", stats: stats(-0.06, 0.01), vanity: false }],
      RULES,
    );
    expect(decisions.map((d) => [d.key, d.points, d.kept])).toEqual([["demo", 25, true], ["unsub", -6, true]]);
  });

  it.each([
    ["degenerate", stats(null, null), false, /no lift: every training lead has it/],
    ["too-few-leads", stats(0.3, 0.001, 9), false, /9 leads have it; need at least 10 on each side/],
    ["too-few-leads", stats(-0.76, 0.001, 300, 2), false, /2 leads do not; need at least 10 on each side/],
    ["vanity", stats(0.2, 0.001), true, /vanity signal/],
    ["below-min-lift", stats(0.044, 0.001), false, /\|lift\| of 4 points is under the minimum of 5/],
    ["not-significant", stats(0.2, 0.2), false, /not significant: p = 0\.200, Holm-adjusted 0\.200 > 0\.05/],
  ])("drops for %s and records why", (code, s, vanity, reason) => {
    const [decision] = decidePoints([{ key: "x", stats: s, vanity }], RULES);
    expect(decision).toMatchObject({ kept: false, points: 0, dropCode: code });
    expect(decision.dropReason).toMatch(reason);
  });

  it("keeps at most maxKept by |points| and says the rest were over the cap", () => {
    const decisions = decidePoints(
      [
        { key: "a", stats: stats(0.1, 0.001), vanity: false },
        { key: "b", stats: stats(-0.3, 0.001), vanity: false },
        { key: "c", stats: stats(0.2, 0.001), vanity: false },
      ],
      RULES,
    );
    expect(decisions.map((d) => [d.key, d.kept, d.dropCode])).toEqual([["a", false, "over-cap"], ["b", true, null], ["c", true, null]]);
    expect(decisions[0].liftPoints).toBe(10);
  });
});

describe("roundPoints", () => {
  it.each([[2.5, 3], [-2.5, -3], [0.4, 0], [-0.4, 0], [24.6, 25]])("rounds %d half away from zero to %d", (value, expected) => {
    expect(roundPoints(value)).toBe(expected);
  });
});
