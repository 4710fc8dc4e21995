import { describe, expect, it } from "vitest";
import { candidateThresholds, classifyOutcome, replayCurve } from "../../src/calibrate/replay-curve.js";
import { replayTrajectory, type ReplayLead, type Trajectory } from "../../src/calibrate/replay-leads.js";
import { TrajectoryStore } from "../../src/calibrate/trajectory-store.js";
import { createTimelineScorer as createScorer } from "../../src/runtime/internal.js";
import { actionsModel, decayRules } from "../helpers/model-fixture.js";

const DAY = 86_400_000;

const lead = (partial: Partial<ReplayLead>): ReplayLead => ({
  createdAt: 0, status: "lost", closedAt: 50 * DAY, handoffAt: null, ...partial,
});

const history = (events: Array<[number, string]>, overrides: { lead?: Record<string, unknown>; createdAt?: number; cutoffAt?: number } = {}) => ({
  lead: overrides.lead ?? {},
  createdAt: overrides.createdAt ?? 0,
  cutoffAt: overrides.cutoffAt ?? 100 * DAY,
  events: events.map(([day, action]) => ({ at: day * DAY, action })),
});

describe("replayTrajectory", () => {
  it("records the first moment each new running-maximum score is reached (hand-computed)", () => {
    const scorer = createScorer(actionsModel({ a: 20, b: -15, c: 10, d: 10 }));
    const trajectory = replayTrajectory(scorer, history([[2, "a"], [3, "b"], [4, "c"], [5, "d"]]));
    // scores over time: 0 → 20 → 5 → 15 → 25
    expect(trajectory.levels).toEqual([0, 20, 25]);
    expect(trajectory.reachedAt).toEqual([0, 2 * DAY + 1, 5 * DAY + 1]);
    expect(trajectory.actionAt).toEqual([0, 20, 25]);
    // In a store, rows count from the trajectory's start: here the second one, after a one-level trajectory.
    const store = TrajectoryStore.from([{ levels: [5], reachedAt: [0], fitAt: [0], painAt: [5], actionAt: [5] }, trajectory]);
    expect(store.firstReaching(1, 20)).toBe(store.start(1) + 1);
    expect(store.firstReaching(1, 21)).toBe(store.start(1) + 2);
    expect(store.firstReaching(1, 0)).toBe(store.start(1));
    expect(store.firstReaching(1, 26)).toBe(-1);
    expect(store.firstReaching(0, 6)).toBe(-1);
  });

  it("ignores events at or after the cut-off, and counts events before creation from creation", () => {
    const scorer = createScorer(actionsModel({ a: 20, c: 10 }));
    const trajectory = replayTrajectory(scorer, history([[-3, "c"], [2, "a"]], { createdAt: 0, cutoffAt: 2 * DAY }));
    expect(trajectory.levels).toEqual([10]);
    expect(trajectory.reachedAt).toEqual([0]);
  });

  it("fades points from the latest occurrence and counts a repeat once (hand-computed)", () => {
    const scorer = createScorer(actionsModel({ demo: 20, pricing: 10 }, { decay: decayRules({ halfLifeDays: { demo: 10 } }) }));
    const t = replayTrajectory(scorer, history([[0, "demo"], [10, "pricing"], [20, "demo"]]));
    // just after day 0: 20; day 10: demo 20·½ = 10, + pricing 10 = 20 (no new max); day 20: demo refreshed 20 + pricing 10 = 30.
    expect(t.levels).toEqual([0, 20, 30]);
    expect(t.reachedAt).toEqual([0, 1, 20 * DAY + 1]);
  });

  it("evaluates the exit moment, when wiping a negative signal lifts the score", () => {
    const scorer = createScorer(actionsModel({ unsubscribe: -10 }, { decay: decayRules({ exitAfterDays: 30 }) }));
    const t = replayTrajectory(scorer, history([[5, "unsubscribe"]], { lead: { created_at: 0 } }));
    // 0 at creation, −10 after day 5, back to 0 more than 30 days after the last activity: no new maximum above 0.
    expect(t.levels).toEqual([0]);
    const withProfile = createScorer(actionsModel({ unsubscribe: -10, demo: 25 }, { decay: decayRules({ exitAfterDays: 30 }) }));
    const u = replayTrajectory(withProfile, history([[1, "demo"], [5, "unsubscribe"], [50, "demo"]]));
    // day 1: 25; day 5: 15; exit at day 35 wipes both (0); day 50: a new episode with demo alone: 25, not a new maximum.
    expect(u.levels).toEqual([0, 25]);
  });
});

describe("classifyOutcome", () => {
  const window = { windowDays: 30, dataEndAt: 100 * DAY };
  it.each([
    ["won inside the window", lead({ status: "won", closedAt: 40 * DAY }), 20 * DAY, "success"],
    ["won after the window", lead({ status: "won", closedAt: 60 * DAY }), 20 * DAY, "failure"],
    ["lost", lead({ status: "lost", closedAt: 25 * DAY }), 20 * DAY, "failure"],
    ["open, handed off, with the window over", lead({ status: "open", closedAt: null, handoffAt: 10 * DAY }), 20 * DAY, "failure"],
    ["open, handed off, with the window still running", lead({ status: "open", closedAt: null, handoffAt: 10 * DAY }), 90 * DAY, "censored"],
    ["open and not yet handed off, whose hand-off might still come", lead({ status: "open", closedAt: null }), 20 * DAY, "censored"],
    ["won within the window counted from a later hand-off", lead({ status: "won", handoffAt: 40 * DAY, closedAt: 65 * DAY }), 20 * DAY, "success"],
    ["won after the window counted from a later hand-off", lead({ status: "won", handoffAt: 40 * DAY, closedAt: 75 * DAY }), 20 * DAY, "failure"],
    ["won in an export without close dates (when is unknown)", lead({ status: "won", closedAt: null }), 20 * DAY, "success"],
    ["lost in an export without close dates", lead({ status: "lost", closedAt: null }), 20 * DAY, "failure"],
  ] as const)("counts a lead %s as %s", (_name, l, reachedAt, expected) => {
    expect(classifyOutcome(l, reachedAt, window)).toBe(expected);
  });

  it.each([
    ["lost", lead({ createdAt: 80 * DAY, status: "lost", closedAt: 85 * DAY })],
    ["won", lead({ createdAt: 80 * DAY, status: "won", closedAt: 85 * DAY })],
  ] as const)("censors a %s lead created too recently to judge", (_name, l) => {
    expect(classifyOutcome(l, 81 * DAY, { ...window, matureBefore: 80 * DAY })).toBe("censored");
    expect(classifyOutcome(l, 81 * DAY, { ...window, matureBefore: 80 * DAY + 1 })).not.toBe("censored");
  });
});

describe("replayCurve", () => {
  const trajectory = (levels: number[], reachedAt: number[]): Trajectory => ({
    levels, reachedAt, fitAt: levels.map(() => 0), painAt: levels, actionAt: levels,
  });

  it("counts reached, successes, failures and censored per threshold (hand-computed)", () => {
    const leads = [
      lead({ status: "won", closedAt: 30 * DAY }), // reaches 40 at day 10, won day 30: success
      lead({ status: "won", closedAt: 100 * DAY }), // reaches 20 at day 5, won day 100: failure (window 30)
      lead({ status: "lost", closedAt: 9 * DAY }), // 20 from creation: failure
      lead({ createdAt: 90 * DAY, status: "open", closedAt: null, handoffAt: 90 * DAY }), // reaches 40 at day 90, window ends 120 > 100: censored
      lead({ status: "lost", closedAt: 9 * DAY }),
    ];
    const trajectories = TrajectoryStore.from([
      trajectory([0, 40], [0, 10 * DAY]),
      trajectory([0, 20], [0, 5 * DAY]),
      trajectory([20], [0]),
      trajectory([40], [90 * DAY]),
      trajectory([0], [0]),
    ]);
    expect(candidateThresholds(trajectories)).toEqual([0, 20, 40]);
    const curve = replayCurve(leads, trajectories, [20, 40], { windowDays: 30, dataEndAt: 100 * DAY, spanDays: 90 });
    expect(curve[0]).toMatchObject({ threshold: 20, reached: 4, successes: 1, failures: 2, censored: 1, wonCaptured: 1 });
    expect(curve[0].closeRate).toBeCloseTo(1 / 3, 12);
    expect(curve[0].perDay).toBeCloseTo(4 / 90, 12);
    expect(curve[1]).toMatchObject({ threshold: 40, reached: 2, successes: 1, failures: 0, censored: 1, closeRate: 1, wonCaptured: 0.5 });
  });

  it("offers whole-point thresholds even when decay makes levels fractional", () => {
    expect(candidateThresholds(TrajectoryStore.from([trajectory([0, 12.5, 19.9], [0, 1, 2]), trajectory([-3.2], [0])]))).toEqual([-4, 0, 12, 19]);
  });
});
