import { describe, expect, it } from "vitest";
import { candidateThresholds, classifyOutcome, replayCurve } from "../../src/calibrate/replay-curve.js";
import { firstReaching, replayTrajectory, type ReplayLead } from "../../src/calibrate/replay-leads.js";
import { decayFactor } from "../../src/runtime/decay.js";

const DAY = 86_400_000;

const lead = (partial: Partial<ReplayLead>): ReplayLead => ({
  createdAt: 0, baseScore: 0, fit: 0, steps: [], status: "lost", closedAt: 50 * DAY, handoffAt: null, ...partial,
});

describe("replayTrajectory", () => {
  it("records the first moment each new running-maximum score is reached", () => {
    const trajectory = replayTrajectory(
      lead({ baseScore: 10, fit: 8, steps: [{ at: 2 * DAY, action: "a", points: 20 }, { at: 3 * DAY, action: "b", points: -15 }, { at: 4 * DAY, action: "c", points: 10 }, { at: 5 * DAY, action: "d", points: 10 }] }),
    );
    // scores over time: 10 → 30 → 15 → 25 → 35
    expect(trajectory.levels).toEqual([10, 30, 35]);
    expect(trajectory.reachedAt).toEqual([0, 2 * DAY, 5 * DAY]);
    expect(trajectory.fitAt).toEqual([8, 8, 8]);
    expect(trajectory.painAt).toEqual([2, 22, 27]);
    expect(firstReaching(trajectory, 30)).toBe(1);
    expect(firstReaching(trajectory, 31)).toBe(2);
    expect(firstReaching(trajectory, 5)).toBe(0);
    expect(firstReaching(trajectory, 36)).toBe(-1);
  });
});

describe("replayTrajectory with decay", () => {
  it("fades points from the latest occurrence and counts a repeat once (hand-computed)", () => {
    const steps = [
      { at: 0, action: "demo", points: 20 },
      { at: 10 * DAY, action: "pricing", points: 10 },
      { at: 20 * DAY, action: "demo", points: 20 },
    ];
    const t = replayTrajectory(lead({ steps }), { halfLifeDays: { demo: 10 }, exitAfterDays: null });
    // just after day 0: 20; day 10: demo 20·½ = 10, + pricing 10 = 20 (no new max); day 20: demo refreshed 20 + pricing 10 = 30.
    expect(t.levels).toEqual([0, 20, 30]);
    expect(t.reachedAt).toEqual([0, 0, 20 * DAY]);
  });

  it("never counts an older occurrence more than a newer one (property)", () => {
    for (let age = 0; age < 200; age += 7) {
      expect(decayFactor(30, (age + 1) * DAY)).toBeLessThanOrEqual(decayFactor(30, age * DAY));
      expect(decayFactor(30, age * DAY)).toBeLessThanOrEqual(1);
    }
    expect(decayFactor(undefined, 400 * DAY)).toBe(1);
  });
});

describe("classifyOutcome", () => {
  const window = 30 * DAY;
  it.each([
    ["won inside the window", lead({ status: "won", closedAt: 40 * DAY }), 20 * DAY, "success"],
    ["won after the window", lead({ status: "won", closedAt: 60 * DAY }), 20 * DAY, "failure"],
    ["lost", lead({ status: "lost", closedAt: 25 * DAY }), 20 * DAY, "failure"],
    ["open with the window over", lead({ status: "open", closedAt: null }), 20 * DAY, "failure"],
    ["open with the window still running", lead({ status: "open", closedAt: null }), 90 * DAY, "censored"],
    ["won within the window counted from a later hand-off", lead({ status: "won", handoffAt: 40 * DAY, closedAt: 65 * DAY }), 20 * DAY, "success"],
    ["won after the window counted from a later hand-off", lead({ status: "won", handoffAt: 40 * DAY, closedAt: 75 * DAY }), 20 * DAY, "failure"],
  ] as const)("counts a lead %s as %s", (_name, l, reachedAt, expected) => {
    expect(classifyOutcome(l, reachedAt, window, 100 * DAY)).toBe(expected);
  });
});

describe("replayCurve", () => {
  it("counts reached, successes, failures and censored per threshold (hand-computed)", () => {
    const leads = [
      lead({ baseScore: 0, steps: [{ at: 10 * DAY, action: "demo", points: 40 }], status: "won", closedAt: 30 * DAY }), // reaches 40 at day 10, won day 30: success
      lead({ baseScore: 0, steps: [{ at: 5 * DAY, action: "pricing", points: 20 }], status: "won", closedAt: 100 * DAY }), // reaches 20 at day 5, won day 100: failure (window 30)
      lead({ baseScore: 20, steps: [], status: "lost", closedAt: 9 * DAY }), // 20 from creation: failure
      lead({ createdAt: 90 * DAY, baseScore: 40, steps: [], status: "open", closedAt: null }), // reaches 40 at day 90, window ends 120 > 100: censored
      lead({ baseScore: 0, steps: [], status: "lost", closedAt: 9 * DAY }),
    ];
    const trajectories = leads.map((l) => replayTrajectory(l));
    expect(candidateThresholds(trajectories)).toEqual([0, 20, 40]);
    const curve = replayCurve(leads, trajectories, [20, 40], { windowDays: 30, dataEndAt: 100 * DAY, spanDays: 90 });
    expect(curve[0]).toMatchObject({ threshold: 20, reached: 4, successes: 1, failures: 2, censored: 1, wonCaptured: 1 });
    expect(curve[0].closeRate).toBeCloseTo(1 / 3, 12);
    expect(curve[0].perDay).toBeCloseTo(4 / 90, 12);
    expect(curve[1]).toMatchObject({ threshold: 40, reached: 2, successes: 1, failures: 0, censored: 1, closeRate: 1, wonCaptured: 0.5 });
  });
});
