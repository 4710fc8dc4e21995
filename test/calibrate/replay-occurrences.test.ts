import { describe, expect, it } from "vitest";
import { occurrenceFlags, replayEvents } from "../../src/calibrate/replay-leads.js";
import { TrajectoryBuilder } from "../../src/calibrate/trajectory-store.js";
import { createTimelineScorer } from "../../src/runtime/internal.js";
import { actionsModel, decayRules } from "../helpers/model-fixture.js";

const DAY = 86_400_000;

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const points = { demo: 20, pricing: 8, unsubscribe: -8, webinar: 2, other: 0 };
const models = {
  "no time rules": actionsModel(points),
  inactivity: actionsModel(points, { decay: decayRules({ inactivity: { days: 30, points: -4 } }) }),
  "positive inactivity": actionsModel(points, { decay: decayRules({ inactivity: { days: 5, points: 3 } }) }),
  "fading action": actionsModel(points, { decay: decayRules({ halfLifeDays: { demo: 10 } }) }),
  exit: actionsModel(points, { decay: decayRules({ exitAfterDays: 20, inactivity: { days: 10, points: -4 } }) }),
  velocity: actionsModel(points, { velocity: { minPointsPerDay: 5, points: 6, evidence: null } as never }),
};

/** Replays random histories with and without skipping moments that add no new action. */
function replayBoth(name: keyof typeof models, seed: number) {
  const timeline = createTimelineScorer(models[name]);
  const random = seeded(seed);
  const names = Object.keys(points);
  const slotOfAction = Int32Array.from(names, (action) => timeline.slotOf(action));
  const skipping = new TrajectoryBuilder();
  const every = new TrajectoryBuilder();
  for (let lead = 0; lead < 200; lead++) {
    const count = Math.floor(random() * 12);
    // Whole days, some events on the same day or before creation (day 0).
    const times = Float64Array.from({ length: count }, () => Math.floor(random() * 80 - 10) * DAY).sort();
    const actionIds = Int32Array.from({ length: count }, () => Math.floor(random() * names.length));
    const cutoffAt = (20 + Math.floor(random() * 70)) * DAY;
    for (const [builder, occurred] of [[skipping, occurrenceFlags(timeline)], [every, null]] as const) {
      timeline.beginProfile(0, 0, 0);
      replayEvents(timeline, builder, 0, cutoffAt, { times, actionIds, slotOfAction, occurred }, 0, count);
      builder.end();
    }
  }
  return { skipping: skipping.finish(), every: every.finish() };
}

describe("replay measuring only moments that add an action", () => {
  it("skips only where the model scores by the actions that occurred", () => {
    const skips = (name: keyof typeof models) => occurrenceFlags(createTimelineScorer(models[name])) !== null;
    expect(skips("no time rules")).toBe(true);
    expect(skips("inactivity")).toBe(true);
    expect(skips("positive inactivity")).toBe(true);
    expect(skips("fading action")).toBe(false);
    expect(skips("exit")).toBe(false);
    expect(skips("velocity")).toBe(false);
  });

  it.each(Object.keys(models) as Array<keyof typeof models>)("gives the trajectories of measuring every moment (%s)", (name) => {
    for (const seed of [1, 2, 3]) {
      const { skipping, every } = replayBoth(name, seed);
      expect(skipping.size).toBe(every.size);
      for (let i = 0; i < every.size; i++) expect(skipping.trajectory(i)).toEqual(every.trajectory(i));
    }
  });
});
