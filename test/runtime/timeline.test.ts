import { describe, expect, it } from "vitest";
import { createScorer, type EventInput } from "../../src/runtime/index.js";
import { createTimelineScorer, type TimelineMeasure } from "../../src/runtime/internal.js";
import { actionsModel, decayRules, handModel } from "../helpers/model-fixture.js";
import { ACTIONS, DAY, T0, TIME_RULE_MODELS, TITLES } from "../helpers/time-rule-models.js";
import { mulberry32 } from "../helpers/temp-files.js";

/** The hand model, plain, with every time rule, and with inactivity alone. */
const MODELS = {
  ...TIME_RULE_MODELS,
  inactivity: { ...handModel(), decay: decayRules({ inactivity: { days: 4, points: -3 } }) },
};

describe.each(Object.entries(MODELS))("createTimelineScorer, %s model", (_name, model) => {
  const scorer = createScorer(model);
  const timeline = createTimelineScorer(model);

  it("measures at every moment exactly what score() gives for the events before it (property)", () => {
    const random = mulberry32(2027);
    const measured: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };
    for (let trial = 0; trial < 300; trial++) {
      const lead = Object.freeze({
        title: TITLES[Math.floor(random() * TITLES.length)],
        email: random() < 0.5 ? "a@acme.com" : "b@gmail.com",
        visits: String(Math.floor(random() * 9)),
        created_at: random() < 0.8 ? T0 - Math.floor(random() * 10) * DAY : undefined,
      });
      const events: EventInput[] = Array.from({ length: Math.floor(random() * 14) }, () => ({
        action: ACTIONS[Math.floor(random() * ACTIONS.length)],
        occurredAt: T0 + Math.floor(random() * 60) * DAY + (random() < 0.3 ? 0 : Math.floor(random() * DAY)),
      })).sort((a, b) => (a.occurredAt as number) - (b.occurredAt as number));
      timeline.begin(lead);
      for (let k = 0; k <= events.length; k++) {
        // Just after the k-th event (or at creation), and some days later.
        const base = k === 0 ? T0 - 20 * DAY : (events[k - 1].occurredAt as number) + 1;
        for (const at of [base, base + Math.floor(random() * 30) * DAY + 1]) {
          if (k < events.length && at > (events[k].occurredAt as number)) continue;
          const expected = scorer.score(lead, events.slice(0, k), at);
          timeline.measureAt(at, measured);
          const actionPoints = expected.reasons.reduce((sum, r) => sum + (r.kind === "action" ? r.points : 0), 0);
          expect(measured).toEqual({ score: expected.score, fit: expected.fit, pain: expected.pain, actionPoints });
        }
        if (k < events.length) timeline.add(timeline.slotOf(events[k].action), events[k].occurredAt as number);
      }
    }
  });
});

describe("createTimelineScorer", () => {
  it("sums action points in the order the reasons list them, as a caller adding them up would", () => {
    // Decayed to 0.1, 0.2 and 0.3 a day after the events: 0.1 + 0.2 + 0.3 differs from 0.3 + 0.2 + 0.1 in binary
    // floating point, and the reasons list 0.3 first.
    const halfLifeDays = { a: 1 / Math.log2(10), b: 1 / Math.log2(5), c: 1 / Math.log2(1 / 0.3) };
    const model = actionsModel({ a: 1, b: 1, c: 1 }, { decay: decayRules({ halfLifeDays }) });
    const timeline = createTimelineScorer(model);
    const measured: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };
    timeline.begin({});
    for (const action of ["a", "b", "c"]) timeline.add(timeline.slotOf(action), 0);
    timeline.measureAt(DAY, measured);
    const reasons = createScorer(model).score({}, ["a", "b", "c"].map((action) => ({ action, occurredAt: 0 })), DAY).reasons;
    expect(reasons.map((r) => r.points)).toEqual([0.3, 0.2, 0.1]);
    expect(measured.actionPoints).toBe(0.3 + 0.2 + 0.1);
    expect(measured.actionPoints).not.toBe(0.1 + 0.2 + 0.3);
  });

  it("starts a new episode after a gap longer than the exit, as score() does", () => {
    const model = actionsModel({ demo: 20, webinar: 5 }, { decay: decayRules({ exitAfterDays: 10 }) });
    const timeline = createTimelineScorer(model);
    const measured: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };
    timeline.begin({});
    timeline.add(timeline.slotOf("demo"), 0);
    timeline.add(timeline.slotOf("webinar"), 15 * DAY);
    timeline.measureAt(15 * DAY + 1, measured);
    expect(measured.score).toBe(5);
    expect(createScorer(model).score({}, [{ action: "demo", occurredAt: 0 }, { action: "webinar", occurredAt: 15 * DAY }], 15 * DAY + 1).score).toBe(5);
  });
});
