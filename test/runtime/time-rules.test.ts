import { describe, expect, it } from "vitest";
import { createScorer } from "../../src/runtime/index.js";
import { addActivity, decayedPoints, decayFactor, episodeStartOf, roundScore } from "../../src/runtime/time-rules.js";
import { actionsModel, decayRules, handModel } from "../helpers/model-fixture.js";
import { mulberry32 } from "../helpers/temp-files.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
const at = (day: number) => T0 + day * DAY;

describe("decay", () => {
  const scorer = createScorer(actionsModel({ demo: 20, unsubscribe: -10 }, { decay: decayRules({ halfLifeDays: { demo: 10, unsubscribe: 10 } }) }));

  it("halves an action's points every half-life from its latest occurrence (hand-computed)", () => {
    const events = [{ action: "demo", occurredAt: at(0) }, { action: "demo", occurredAt: at(5) }];
    expect(scorer.score({}, events, at(5) + 1).pain).toBe(20);
    expect(scorer.score({}, events, at(15)).pain).toBe(10); // 20 · 0.5^(10/10)
    expect(scorer.score({}, events, at(25)).pain).toBe(5);
    expect(scorer.score({}, events, at(10)).pain).toBe(14.1); // 20 · 0.5^(5/10) = 14.142…, one decimal
  });

  it("never fades a negative signal", () => {
    expect(scorer.score({}, [{ action: "unsubscribe", occurredAt: at(0) }], at(100)).pain).toBe(-10);
  });

  it("never counts an older occurrence more than a newer one (property)", () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 300; trial++) {
      const halfLife = 1 + random() * 90;
      const age = random() * 400 * DAY;
      const older = age + random() * 50 * DAY;
      expect(decayFactor(halfLife, older)).toBeLessThanOrEqual(decayFactor(halfLife, age));
      expect(decayFactor(halfLife, age)).toBeLessThanOrEqual(1);
      const newer = scorer.score({}, [{ action: "demo", occurredAt: at(100) - age }], at(100)).pain;
      const old = scorer.score({}, [{ action: "demo", occurredAt: at(100) - older }], at(100)).pain;
      expect(old).toBeLessThanOrEqual(newer);
    }
    expect(decayFactor(undefined, 400 * DAY)).toBe(1);
  });
});

/** The formula decayedPoints must reproduce bit for bit: 0.5^(age / half-life) by Math.pow, then one decimal. */
const decayedByPow = (points: number, halfLifeDays: number, ageMs: number) => roundScore(points * Math.pow(0.5, ageMs / (halfLifeDays * DAY)));
/** The same with Math.exp and no guard: what decayedPoints would give without its fallback near rounding edges. */
const decayedByExpUnguarded = (points: number, halfLifeDays: number, ageMs: number) => roundScore(points * Math.exp(-Math.LN2 * (ageMs / (halfLifeDays * DAY))));

/** The neighbouring double `steps` representable values away from `value` (positive values). */
function nextDouble(value: number, steps: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigInt64(0, view.getBigInt64(0) + BigInt(steps));
  return view.getFloat64(0);
}

describe("decayedPoints", () => {
  it("equals the Math.pow formula on 1,000,000 seeded random points, half-lives and ages (integer and fractional ms)", () => {
    const random = mulberry32(41);
    const differences: string[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      const points = random() < 0.7 ? 1 + Math.floor(random() * 100) : Math.round(random() * 1000) / 10;
      const halfLife = random() < 0.5 ? 1 + Math.floor(random() * 180) : 0.25 + random() * 400;
      const age = random() < 0.5 ? Math.floor(random() * 3 * 365 * DAY) : random() * random() * 5000 * DAY;
      const got = decayedPoints(points, halfLife, age);
      if (!Object.is(got, decayedByPow(points, halfLife, age))) differences.push(`${points}, ${halfLife}, ${age}: ${got} instead of ${decayedByPow(points, halfLife, age)}`);
    }
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it("equals the Math.pow formula next to every rounding edge (x.x5), where Math.exp alone rounds the other way", () => {
    const differences: string[] = [];
    let nearEdge = 0;
    let expAloneDiffers = 0;
    for (const points of [1, 3, 7, 10, 12, 15, 20, 25, 33, 40, 64, 100]) {
      for (const halfLife of [1, 7, 10, 14, 20, 30, 45, 90, 365]) {
        for (let tenths = 0; tenths < points * 10; tenths += 1 + Math.floor(points / 7)) {
          // The age at which points · 0.5^(age / half-life) is (tenths + ½) / 10 exactly, then the doubles around it.
          const edgeAge = -Math.log2((tenths + 0.5) / (10 * points)) * halfLife * DAY;
          for (let step = -40; step <= 40; step++) {
            const age = nextDouble(edgeAge, step);
            nearEdge += 1;
            const expected = decayedByPow(points, halfLife, age);
            if (decayedByExpUnguarded(points, halfLife, age) !== expected) expAloneDiffers += 1;
            if (!Object.is(decayedPoints(points, halfLife, age), expected)) differences.push(`${points}, ${halfLife}, ${age}`);
          }
        }
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
    // The cases are close enough to the edges to matter: Math.exp without the fallback would change some points.
    expect(expAloneDiffers).toBeGreaterThan(100);
    expect(nearEdge).toBeGreaterThan(400_000);
  });

  it.each([
    [20, 10, 0, 20],
    [20, 10, -5, 20],
    [20, 10, 10 * DAY, 10],
    [20, 10, 5 * DAY, 14.1],
    [20, 10, 2000 * 10 * DAY, 0],
    [-10, 10, 10 * DAY, -5],
    [20, 10, NaN, 20],
  ])("gives the formula's value for points %d, half-life %d days, age %d ms (no age, far past 1000 half-lives, negative points, NaN)", (points, halfLife, age, expected) => {
    expect(decayedPoints(points, halfLife, age)).toBe(expected);
    expect(decayedPoints(points, halfLife, age)).toBe(roundScore(points * decayFactor(halfLife, age)));
  });
});

describe("inactivity penalty", () => {
  const scorer = createScorer(actionsModel({ demo: 20 }, { decay: decayRules({ inactivity: { days: 30, points: -8 } }) }));

  it("applies from the moment the lead has been quiet for the set days, counting any event as activity", () => {
    const lead = { created_at: at(0) };
    const events = [{ action: "demo", occurredAt: at(1) }, { action: "email_open", occurredAt: at(20) }];
    expect(scorer.score(lead, events, at(49)).pain).toBe(20);
    expect(scorer.score(lead, events, at(50)).pain).toBe(12);
    expect(scorer.score(lead, events, at(50)).reasons).toContainEqual({ kind: "inactivity", name: "inactivity", value: null, points: -8, occurredAt: at(20) });
  });

  it("counts creation as activity, and applies nothing when a lead has neither events nor a creation date", () => {
    expect(scorer.score({ created_at: at(0) }, [], at(29)).score).toBe(0);
    expect(scorer.score({ created_at: at(0) }, [], at(30)).score).toBe(-8);
    expect(scorer.score({}, [], at(300)).score).toBe(0);
  });
});

describe("exit", () => {
  const scorer = createScorer(actionsModel({ demo: 20, pricing: 10 }, { decay: decayRules({ exitAfterDays: 30 }) }));

  it("drops behaviour earned before a gap of more than the exit period", () => {
    const events = [{ action: "demo", occurredAt: at(0) }, { action: "pricing", occurredAt: at(40) }];
    expect(scorer.score({}, events, at(41)).pain).toBe(10);
    expect(scorer.score({}, [{ action: "demo", occurredAt: at(0) }, { action: "pricing", occurredAt: at(30) }], at(31)).pain).toBe(30);
  });

  it("resets behaviour points once the lead has been quiet for longer than the exit period", () => {
    const events = [{ action: "demo", occurredAt: at(0) }];
    expect(scorer.score({}, events, at(30)).pain).toBe(20);
    expect(scorer.score({}, events, at(30) + 1).pain).toBe(0);
  });

  it("finds the episode start walking back over gaps no longer than the exit", () => {
    expect(episodeStartOf([0, 5, 100, 103], 4, 10)).toBe(100);
    expect(episodeStartOf([0, 5, 15], 3, 10)).toBe(0);
    expect(episodeStartOf([], 0, 10)).toBe(-Infinity);
  });

  it("gives the same episodes whatever order activities are added in (property)", () => {
    const random = mulberry32(11);
    for (let trial = 0; trial < 200; trial++) {
      const times = Array.from({ length: 1 + Math.floor(random() * 10) }, () => Math.floor(random() * 100));
      const build = (order: number[]) => order.reduce((episodes, t) => addActivity(episodes, t, t % 2 ? "a" : null, 10), [] as ReturnType<typeof addActivity>);
      const shuffled = [...times].sort(() => random() - 0.5);
      expect(build(shuffled)).toEqual(build([...times].sort((a, b) => a - b)));
    }
  });
});

describe("velocity", () => {
  const scorer = createScorer(actionsModel({ demo: 20 }, { velocity: { minPointsPerDay: 2, points: 6 } }));

  it("adds its points while action points per day since creation reach the rule", () => {
    const events = [{ action: "demo", occurredAt: at(1) }];
    expect(scorer.score({ created_at: at(0) }, events, at(10)).pain).toBe(26); // 20 / 10 days = 2 a day
    expect(scorer.score({ created_at: at(0) }, events, at(11)).pain).toBe(20); // 20 / 11 < 2
    expect(scorer.score({ created_at: at(0) }, events, at(1) + 1).reasons).toContainEqual({ kind: "velocity", name: "velocity", value: null, points: 6, occurredAt: null }); // 20 in 1 day
  });

  it("needs a creation date", () => {
    expect(scorer.score({}, [{ action: "demo", occurredAt: at(1) }], at(2)).pain).toBe(20);
  });
});

describe("FIT cap", () => {
  it("caps FIT and says how many points the cap took", () => {
    const scorer = createScorer({ ...handModel(), profile: { ...handModel().profile, fitCap: 10 } });
    const result = scorer.score({ title: "VP Sales", email: "ana@acme.com" }, [], at(0));
    expect(result.fit).toBe(10); // 12 + 5 = 17, capped
    expect(result.reasons).toContainEqual({ kind: "fit-cap", name: "fit_cap", value: null, points: -7, occurredAt: null });
  });
});

describe("action names that are also Object.prototype keys", () => {
  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])("scores %s like any other action, from history and incrementally", (name) => {
    const model = actionsModel({ [name]: 10, demo: 20 }, { decay: decayRules({ halfLifeDays: { demo: 10 }, exitAfterDays: 50 }) });
    const scorer = createScorer(model);
    const events = [{ action: name, occurredAt: at(1) }, { action: name, occurredAt: at(3) }, { action: "demo", occurredAt: at(2) }];
    const expected = scorer.score({}, events, at(12));
    expect(expected.pain).toBe(20); // 10 for the action (no half-life), 20 · 0.5 = 10 for demo
    let state = scorer.initialState({});
    for (const e of events) state = scorer.applyEvent(state, e);
    expect(scorer.scoreAt(JSON.parse(JSON.stringify(state)), at(12))).toEqual(expected);
  });
});
