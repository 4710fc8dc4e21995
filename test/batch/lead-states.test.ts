import { describe, expect, it } from "vitest";
import { LeadStates } from "../../src/batch/lead-states.js";
import type { EventRecord, LeadRecord } from "../../src/io/records.js";
import { createScorer, ScoringError, type Scorer } from "../../src/runtime/index.js";
import { decayRules, handModel } from "../helpers/model-fixture.js";

const AT = Date.UTC(2025, 3, 1);
const lead = (leadId: string, asOf: number | null = null): LeadRecord =>
  Object.freeze({ leadId, createdAt: Date.UTC(2025, 0, 1), accountId: null, asOf, profile: { title: "VP Sales", email: `${leadId}@firm.com` }, row: 2 });
const event = (leadId: string, action: string, occurredAt: number): EventRecord => Object.freeze({ leadId, action, occurredAt, category: null });

/**
 * The hand model with an exit rule far longer than these tests' spans: its scores are the hand model's, and
 * LeadStates hands every event to `scorer.applyEvent` (without an exit rule it keeps occurrences itself).
 */
const exitModel = () => ({ ...handModel(), decay: decayRules({ exitAfterDays: 365 }) });

/** A real scorer whose applyEvent rejects the action "boom", as a runtime would reject an event it cannot use. */
function scorerRejecting(action: string): Scorer {
  const scorer = createScorer(exitModel());
  return {
    ...scorer,
    applyEvent(state, input) {
      if (input.action === action) throw new ScoringError("bad-event", "event.action", `event.action: cannot use ${JSON.stringify(action)}.`);
      return scorer.applyEvent(state, input);
    },
  };
}

describe("LeadStates", () => {
  it("applies only events strictly before each lead's own moment", () => {
    const states = new LeadStates(createScorer(handModel()), [lead("A"), lead("B", AT - 10)], AT);
    expect(states.apply(event("A", "demo_request", AT), "events.csv", 2)).toBe("after-moment");
    expect(states.apply(event("A", "demo_request", AT - 1), "events.csv", 3)).toBe("counted");
    expect(states.apply(event("B", "demo_request", AT - 10), "events.csv", 4)).toBe("after-moment");
    expect(states.takeRow(0, "leads.csv")).toMatchObject({ lead_id: "A", pain: 20, scored_at: new Date(AT).toISOString() });
    expect(states.takeRow(1, "leads.csv")).toMatchObject({ lead_id: "B", pain: 0, scored_at: new Date(AT - 10).toISOString() });
  });

  it("keeps a state only for leads that received an event before their moment", () => {
    const states = new LeadStates(createScorer(handModel()), [lead("A"), lead("B"), lead("C")], AT);
    states.apply(event("B", "webinar", AT - 5), "events.csv", 2);
    states.apply(event("C", "demo_request", AT + 5), "events.csv", 3);
    expect(states.leadsWithState).toBe(1);
  });

  it("turns an event the runtime rejects into an error row for that lead alone", () => {
    const states = new LeadStates(scorerRejecting("boom"), [lead("A"), lead("B")], AT);
    expect(states.apply(event("A", "demo_request", AT - 3), "events.csv", 2)).toBe("counted");
    expect(states.apply(event("A", "boom", AT - 2), "events.csv", 7)).toBe("failed");
    expect(states.apply(event("A", "demo_request", AT - 1), "events.csv", 8)).toBe("lead-failed");
    expect(states.apply(event("B", "demo_request", AT - 1), "events.csv", 9)).toBe("counted");
    expect(states.errorOf("A")).toBe('events.csv row 7: event.action: cannot use "boom".');
    expect(states.takeRow(0, "leads.csv")).toMatchObject({ lead_id: "A", score: null, error: 'Cannot score lead "A": events.csv row 7: event.action: cannot use "boom".' });
    expect(states.takeRow(1, "leads.csv")).toMatchObject({ lead_id: "B", pain: 20, error: null });
  });

  it("lets errors that are not the runtime's input errors through (they are bugs, not data)", () => {
    const scorer = createScorer(exitModel());
    const broken: Scorer = { ...scorer, applyEvent: () => { throw new TypeError("bug"); } };
    const states = new LeadStates(broken, [lead("A")], AT);
    expect(() => states.apply(event("A", "demo_request", AT - 1), "events.csv", 2)).toThrowError(TypeError);
  });

  it("refuses an event of a lead outside the batch, naming the lead", () => {
    const states = new LeadStates(createScorer(handModel()), [lead("A")], AT);
    expect(states.has("Z")).toBe(false);
    expect(() => states.apply(event("Z", "demo_request", AT - 1), "events.csv", 2)).toThrowError(/lead "Z" is not in the batch; validate events against has\(\) first/);
  });
});
