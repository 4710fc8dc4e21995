import { describe, expect, it } from "vitest";
import { TrajectoryBuilder, TrajectoryStore, type Trajectory } from "../../src/calibrate/trajectory-store.js";
import { mulberry32 } from "../helpers/temp-files.js";

/** Random trajectories with strictly increasing levels; some many levels long, to make the builder grow. */
function randomTrajectories(seed: number, count: number): Trajectory[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(random() * (random() < 0.05 ? 200 : 4));
    const t: Trajectory = { levels: [], reachedAt: [], fitAt: [], painAt: [], actionAt: [] };
    let level = Math.round((random() - 0.5) * 40);
    for (let j = 0; j < n; j++) {
      t.levels.push(level);
      t.reachedAt.push(j * 1000 + Math.floor(random() * 999));
      t.fitAt.push(Math.round(random() * 30));
      t.painAt.push(level - t.fitAt[j]);
      t.actionAt.push(Math.round(random() * 20));
      level += 0.5 + Math.round(random() * 10);
    }
    return t;
  });
}

describe("TrajectoryStore (replayed trajectories in shared columns)", () => {
  const trajectories = randomTrajectories(7, 500);
  const store = TrajectoryStore.from(trajectories);

  it("gives back every trajectory exactly, in order", () => {
    expect(store.size).toBe(500);
    trajectories.forEach((t, i) => expect(store.trajectory(i)).toEqual(t));
    expect(store.end(499)).toBe(store.levels.length);
  });

  it("finds the first level at or above a threshold as a linear scan does", () => {
    const random = mulberry32(11);
    for (let k = 0; k < 2000; k++) {
      const i = Math.floor(random() * store.size);
      const threshold = Math.round((random() - 0.3) * 120);
      const j = trajectories[i].levels.findIndex((level) => level >= threshold);
      expect(store.firstReaching(i, threshold)).toBe(j < 0 ? -1 : store.start(i) + j);
    }
  });

  it("shifts one lead's levels and FIT and leaves the others' untouched", () => {
    const shifted = store.shifted((level) => level - 3, (i) => (i === 2 ? -3 : 0));
    expect(shifted.trajectory(2).levels).toEqual(trajectories[2].levels.map((l) => l - 3));
    expect(shifted.trajectory(2).fitAt).toEqual(trajectories[2].fitAt.map((f) => f - 3));
    expect(shifted.trajectory(3)).toEqual(trajectories[3]);
    expect(store.trajectory(2)).toEqual(trajectories[2]);
  });

  it("builds trajectories one after another and refuses to finish with one left open", () => {
    const builder = new TrajectoryBuilder();
    builder.add(1, 0, 0, 1, 1);
    builder.end();
    builder.add(2, 5, 1, 1, 0);
    builder.add(4, 6, 1, 3, 2);
    expect(builder.lastLevel).toBe(4);
    builder.end();
    const built = builder.finish();
    expect(built.size).toBe(2);
    expect(built.trajectory(1).levels).toEqual([2, 4]);
    expect([built.initialFit(0), built.initialFit(1)]).toEqual([0, 1]);
    builder.add(3, 0, 0, 0, 0);
    expect(() => builder.finish()).toThrow(/not ended/);
  });
});
