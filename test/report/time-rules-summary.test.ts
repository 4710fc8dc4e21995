import { describe, expect, it } from "vitest";
import type { ModelV1 } from "../../src/model/types.js";
import { timeRulesLines, velocityLine } from "../../src/report/report-sentences.js";
import { groupRate, summariseTimeRules, summariseVelocity } from "../../src/report/time-rules-summary.js";
import { handModel } from "../helpers/model-fixture.js";

const stats = {
  leadsWith: 40, wonWith: 1, leadsWithout: 960, wonWithout: 119, closeRateWith: 0.025, closeRateWithout: 119 / 960,
  closeRateWithInterval: null, lift: -0.099, liftInterval: null, adjustedLift: -0.09, adjustedLiftInterval: null,
  strataUsed: 4, pValue: 0.004, test: "cochran-mantel-haenszel" as const, shareOfWon: 1 / 120, degenerate: null,
};

/** The hand model with every time rule set, and the evidence behind each. */
function timedModel(): ModelV1 {
  const model = handModel();
  const velocity = {
    atThreshold: 30, medianPointsPerDay: 1.5, fast: { leads: 100, won: 30, closeRate: 0.3 }, slow: { leads: 10, won: 2, closeRate: 0.2 },
    liftPoints: 8, pValue: 0.01, rule: { minPointsPerDay: 1.5, points: 8 }, conclusion: "Velocity earns 8 points.",
  };
  return {
    ...model,
    velocity: { minPointsPerDay: 1.5, points: 8 },
    profile: { ...model.profile, fitCap: 20 },
    decay: {
      halfLifeDays: { demo_request: 30 },
      exitAfterDays: 120,
      inactivity: { days: 60, points: -9 },
      inactivityEvidence: { days: 60, stats, liftPoints: -9, kept: true, conclusion: "Quiet leads close worse: -9 points while a lead has been inactive for 60 days." },
      evidence: [
        {
          action: "demo_request", recent: { leads: 100, won: 30, closeRate: 0.3 }, old: { leads: 10, won: 2, closeRate: 0.2 },
          medianAgeRecentDays: 5, medianAgeOldDays: 40, closeRateWithout: 0.08, pValue: 0.02, halfLifeDays: 30, source: "data", conclusion: "Fades.",
        },
        {
          action: "pricing_page_view", recent: { leads: 0, won: 0, closeRate: null }, old: { leads: 10, won: 2, closeRate: 0.2 },
          medianAgeRecentDays: 0, medianAgeOldDays: 40, closeRateWithout: 0.08, pValue: null, halfLifeDays: null, source: "none", conclusion: "No reliable fading.",
        },
      ],
    },
    calibration: {
      method: "replay", salesCycle: null, windowDays: 20, windowSource: "measured-mean", maturityDays: 50, dataEndAt: null, replayedLeads: 1000, notReplayable: 0,
      curve: [], capacity: null, quadrants: null, velocity, inSampleQuality: null, warnings: [],
      profileOnly: { leads: 10, share: 0.01, withinLimit: true, shareBeforeCap: 0.2, fitCap: 20, note: "So FIT is capped at 20 points." },
    },
  };
}

describe("groupRate", () => {
  it("adds the Wilson 95% interval (2 of 10: 0.0567–0.5098, python statsmodels proportion_confint method='wilson')", () => {
    const rate = groupRate(10, 2);
    expect(rate).toMatchObject({ leads: 10, won: 2, closeRate: 0.2 });
    expect(rate.lower).toBeCloseTo(0.05668215145437519, 10);
    expect(rate.upper).toBeCloseTo(0.5098375284633583, 10);
  });

  it("has no rate or interval for an empty group", () => {
    expect(groupRate(0, 0)).toEqual({ leads: 0, won: 0, closeRate: null, lower: null, upper: null });
  });
});

describe("summariseTimeRules", () => {
  const model = timedModel();
  const summary = summariseTimeRules(model, null);

  it("shows each kept action's half-life beside the evidence for it", () => {
    expect(summary.decay.map((d) => [d.action, d.halfLifeDays, d.source, d.recent.closeRate, d.old.closeRate, d.closeRateWithout])).toEqual([
      ["demo_request", 30, "data", 0.3, 0.2, 0.08],
      ["pricing_page_view", null, "none", null, 0.2, 0.08],
    ]);
    expect(summary.decay[0].recent.lower).toBeCloseTo(0.2189488529493276, 10);
    expect(summary.decay[0].recent.upper).toBeCloseTo(0.3958485463334666, 10);
  });

  it("shows the inactivity penalty with the close rates of quiet and active leads, the exit and the FIT cap", () => {
    expect(summary.inactivity).toMatchObject({
      rule: { days: 60, points: -9 }, days: 60, liftPoints: -9, pValue: 0.004,
      inactive: { leads: 40, won: 1, closeRate: 0.025 }, active: { leads: 960, won: 119, closeRate: 119 / 960 },
    });
    expect(summary.exitAfterDays).toBe(120);
    expect(summary.fitCap).toEqual({ cap: 20, share: 0.01, shareBeforeCap: 0.2, note: "So FIT is capped at 20 points." });
    expect(summary.maturity).toBeNull();
  });

  it("summarises velocity evidence with intervals", () => {
    const velocity = summariseVelocity(model.calibration!.velocity);
    expect(velocity).toMatchObject({ atThreshold: 30, medianPointsPerDay: 1.5, liftPoints: 8, pValue: 0.01, fast: { leads: 100, won: 30, closeRate: 0.3 } });
    expect(velocity!.slow.lower).toBeCloseTo(0.05668215145437519, 10);
    expect(summariseVelocity(null)).toBeNull();
  });

  it("is empty for a model without time rules", () => {
    expect(summariseTimeRules(handModel(), null)).toEqual({ decay: [], inactivity: null, exitAfterDays: null, fitCap: null, maturity: null });
  });
});

describe("time-rule sentences", () => {
  const model = timedModel();
  it("names the rules the model applies, with their figures", () => {
    const lines = timeRulesLines(summariseTimeRules(model, null));
    expect(lines).toEqual([
      "Decay: points fade for demo_request (half-life 30 days, learned); the other kept actions keep full points.",
      "Inactivity: Quiet leads close worse: -9 points while a lead has been inactive for 60 days (p = 0.004).",
      "Exit: after more than 120 days without any activity, behaviour points earned before the gap stop counting.",
      "FIT cap: FIT counts at most 20 points. So FIT is capped at 20 points.",
    ]);
    expect(velocityLine({ rule: model.velocity, atTraining: summariseVelocity(model.calibration!.velocity), onData: null })).toBe(
      "The model adds 8 velocity points while a lead gains at least 1.50 action points a day. At training: Velocity earns 8 points. On this data, too few leads with a known outcome reached the threshold to compare fast and slow ones.",
    );
  });
});
