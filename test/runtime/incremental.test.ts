import { describe, expect, it } from "vitest";
import { createScorer, type EventInput } from "../../src/runtime/index.js";
import { handModel } from "../helpers/model-fixture.js";
import { mulberry32 } from "../helpers/temp-files.js";

const ACTIONS = ["demo_request", "pricing_page_view", "unsubscribe", "webinar", "email_open"];
const TITLES = ["VP Sales", "Student", "Engineer", undefined];

describe("incremental scoring (initialState / applyEvent / scoreAt)", () => {
  const scorer = createScorer(handModel());

  it("agrees with from-scratch scoring for random event sequences, orders and moments (property)", () => {
    const random = mulberry32(2026);
    for (let trial = 0; trial < 500; trial++) {
      const lead = { title: TITLES[Math.floor(random() * TITLES.length)], email: random() < 0.5 ? "a@acme.com" : "b@gmail.com", visits: String(Math.floor(random() * 9)) };
      const events: EventInput[] = Array.from({ length: Math.floor(random() * 12) }, () => ({
        action: ACTIONS[Math.floor(random() * ACTIONS.length)],
        occurredAt: Date.UTC(2025, 0, 1) + Math.floor(random() * 60) * 86_400_000,
      }));
      const at = Date.UTC(2025, 0, 1) + Math.floor(random() * 70) * 86_400_000;
      const shuffled = [...events].sort(() => random() - 0.5);
      let state = scorer.initialState(lead);
      for (const event of shuffled) state = scorer.applyEvent(state, event);
      const roundTripped = JSON.parse(JSON.stringify(state));
      const expected = scorer.score(lead, events, at);
      expect(scorer.scoreAt(state, at)).toEqual(expected);
      expect(scorer.scoreAt(roundTripped, at)).toEqual(expected);
    }
  });

  it("keeps first, last and count per kept action and ignores actions without points", () => {
    let state = scorer.initialState({});
    for (const day of [5, 2, 9]) state = scorer.applyEvent(state, { action: "demo_request", occurredAt: day });
    state = scorer.applyEvent(state, { action: "email_open", occurredAt: 1 });
    expect(state.actions).toEqual({ demo_request: { first: 2, last: 9, count: 3 } });
  });

  it("leaves the previous state unchanged", () => {
    const before = scorer.initialState({ title: "VP Sales" });
    const after = scorer.applyEvent(before, { action: "demo_request", occurred_at: "2025-01-01T00:00:00Z" });
    expect(before.actions).toEqual({});
    expect(after).not.toBe(before);
  });
});
