import { describe, expect, it } from "vitest";
import { createScorer, type EventInput } from "../../src/runtime/index.js";
import { decayRules, handModel } from "../helpers/model-fixture.js";
import { ACTIONS, DAY, T0, TIME_RULE_MODELS, TITLES } from "../helpers/time-rule-models.js";
import { mulberry32 } from "../helpers/temp-files.js";

const MODELS = TIME_RULE_MODELS;

describe.each(Object.entries(MODELS))("incremental scoring (initialState / applyEvent / scoreAt), %s model", (_name, model) => {
  const scorer = createScorer(model);

  it("agrees with from-scratch scoring for random event sequences in any order (property)", () => {
    const random = mulberry32(2026);
    for (let trial = 0; trial < 500; trial++) {
      const createdAt = T0 - Math.floor(random() * 10) * DAY;
      const lead = {
        title: TITLES[Math.floor(random() * TITLES.length)],
        email: random() < 0.5 ? "a@acme.com" : "b@gmail.com",
        visits: String(Math.floor(random() * 9)),
        created_at: random() < 0.8 ? new Date(createdAt).toISOString() : undefined,
      };
      const events: EventInput[] = Array.from({ length: Math.floor(random() * 12) }, () => ({
        action: ACTIONS[Math.floor(random() * ACTIONS.length)],
        occurredAt: T0 + Math.floor(random() * 90) * DAY,
      }));
      const latest = Math.max(T0, ...events.map((e) => e.occurredAt as number));
      const at = latest + 1 + Math.floor(random() * 40) * DAY;
      const shuffled = [...events].sort(() => random() - 0.5);
      let state = scorer.initialState(lead);
      for (const event of shuffled) state = scorer.applyEvent(state, event);
      const roundTripped = JSON.parse(JSON.stringify(state));
      const expected = scorer.score(lead, events, at);
      expect(scorer.scoreAt(state, at)).toEqual(expected);
      expect(scorer.scoreAt(roundTripped, at)).toEqual(expected);
    }
  });

  it("refuses to score a state at a moment not after its latest event", () => {
    let state = scorer.initialState({});
    state = scorer.applyEvent(state, { action: "demo_request", occurredAt: T0 + 5 * DAY });
    expect(() => scorer.scoreAt(state, T0 + 5 * DAY)).toThrowError(/state holds an event at 2025-01-06T00:00:00.000Z, not before 2025-01-06T00:00:00.000Z/);
  });

  it("leaves the previous state unchanged", () => {
    const before = scorer.initialState({ title: "VP Sales" });
    const after = scorer.applyEvent(before, { action: "demo_request", occurred_at: "2025-01-01T00:00:00Z" });
    expect(before.episodes).toEqual([]);
    expect(after).not.toBe(before);
  });
});

describe("incremental state", () => {
  it("keeps first, last and count per kept action and ignores other actions without activity rules", () => {
    const scorer = createScorer(handModel());
    let state = scorer.initialState({});
    for (const day of [5, 2, 9]) state = scorer.applyEvent(state, { action: "demo_request", occurredAt: day });
    state = scorer.applyEvent(state, { action: "email_open", occurredAt: 1 });
    expect(state.episodes).toEqual([{ start: 2, end: 9, actions: { demo_request: { first: 2, last: 9, count: 3 } } }]);
  });

  it("splits episodes at gaps longer than the exit and merges them when a late event bridges the gap", () => {
    const scorer = createScorer({ ...handModel(), decay: decayRules({ exitAfterDays: 15 }) });
    let state = scorer.initialState({});
    state = scorer.applyEvent(state, { action: "demo_request", occurredAt: T0 });
    state = scorer.applyEvent(state, { action: "pricing_page_view", occurredAt: T0 + 25 * DAY });
    expect(state.episodes.map((e) => Object.keys(e.actions))).toEqual([["demo_request"], ["pricing_page_view"]]);
    state = scorer.applyEvent(state, { action: "email_open", occurredAt: T0 + 12 * DAY });
    expect(state.episodes).toHaveLength(1);
    expect(scorer.scoreAt(state, T0 + 26 * DAY).pain).toBe(30);
  });
});
