import { describe, expect, it } from "vitest";
import { createScorer, ScoringError } from "../../src/runtime/index.js";
import { validateModel } from "../../src/model/export-model.js";
import { decayRules, handModel } from "../helpers/model-fixture.js";
import { mulberry32 } from "../helpers/temp-files.js";

const AT = "2025-03-01T00:00:00Z";

describe("createScorer(model).score", () => {
  const scorer = createScorer(handModel());

  it("adds FIT from profile rules and PAIN from kept actions, once each", () => {
    const result = scorer.score(
      { title: "VP Marketing", email: "ana@acme.com", visits: "9" },
      [
        { action: "demo_request", occurred_at: "2025-02-01T00:00:00Z" },
        { action: "demo_request", occurred_at: "2025-02-03T00:00:00Z" },
        { action: "webinar", occurred_at: "2025-02-03T00:00:00Z" },
        { action: "unsubscribe", occurredAt: new Date("2025-02-04T00:00:00Z") },
      ],
      AT,
    );
    expect(result).toMatchObject({ fit: 17, pain: 20 - 8 + 7, score: 36, sdrReady: true });
    // Calibration table (0 → 0.02, 30 → 0.12, 60 → 0.30): 36 lies 1/5 of the way from 30 to 60.
    expect(result.probability).toBeCloseTo(0.12 + 0.2 * 0.18, 12);
    // An action's reason carries its latest counted occurrence: the one its decay (if any) runs from.
    expect(result.reasons[0]).toEqual({ kind: "action", name: "demo_request", value: null, points: 20, occurredAt: Date.UTC(2025, 1, 3) });
    expect(result.reasons.map((r) => r.name)).toEqual(["demo_request", "seniority", "unsubscribe", "visits_band", "email_domain"]);
  });

  it("ignores events at or after the scoring moment", () => {
    const events = [{ action: "demo_request", occurred_at: AT }, { action: "pricing_page_view", occurred_at: "2025-03-02T00:00:00Z" }];
    expect(scorer.score({}, events, AT)).toMatchObject({ score: 0, pain: 0, sdrReady: false });
    expect(scorer.score({}, events, "2025-03-03T00:00:00Z").pain).toBe(30);
  });

  it("is SDR-ready exactly from the threshold up", () => {
    const lead = { title: "VP Sales", email: "x@corp.com" };
    expect(scorer.score(lead, [{ action: "pricing_page_view", occurred_at: "2025-01-01" }], AT).score).toBe(27);
    expect(scorer.score(lead, [{ action: "pricing_page_view", occurred_at: "2025-01-01" }], AT).sdrReady).toBe(false);
    expect(scorer.score({ ...lead, visits: 6 }, [{ action: "pricing_page_view", occurred_at: "2025-01-01" }], AT).sdrReady).toBe(true);
  });

  it("names the event whose date it cannot read", () => {
    expect(() => scorer.score({}, [{ action: "demo_request", occurred_at: "soon" }], AT)).toThrowError(
      /events\[0\]\.occurred_at: expected an ISO 8601 date, Date or epoch milliseconds, got "soon"/,
    );
    expect(() => scorer.score({}, [], "31/02/2024")).toThrowError(ScoringError);
  });
});

describe("createScorer(model).score with every time rule", () => {
  const scorer = createScorer({
    ...handModel(),
    decay: decayRules({ halfLifeDays: { demo_request: 14 }, exitAfterDays: 20, inactivity: { days: 10, points: -6 } }),
    velocity: { minPointsPerDay: 1.5, points: 7 },
    profile: { ...handModel().profile, fitCap: 10 },
  });
  const DAY = 86_400_000;
  const actions = ["demo_request", "pricing_page_view", "unsubscribe", "webinar", "email_open"];
  const lead = Object.freeze({ title: "VP Sales", email: "ana@acme.com", created_at: "2025-01-01T00:00:00Z" });
  // 300 events over about 200 days with some gaps of up to 30 days, so exits fall inside the history.
  const random = mulberry32(14);
  let t = Date.UTC(2025, 0, 1);
  const inOrder = Object.freeze(
    Array.from({ length: 300 }, (_, k) => {
      t += Math.floor(random() * (k % 50 === 49 ? 30 : 1.2) * 86_400) * 1000; // whole seconds: one text layout below has no milliseconds
      return Object.freeze({ action: actions[Math.floor(random() * actions.length)], occurredAt: t });
    }),
  );
  const at = t - 3 * DAY;

  it("gives the same result whatever the order of the events, beyond the scratch buffers' first size", () => {
    const expected = scorer.score(lead, inOrder, at);
    expect(expected.reasons.some((r) => r.kind === "action")).toBe(true);
    expect(scorer.score(lead, [...inOrder].reverse(), at)).toEqual(expected);
    expect(scorer.score(lead, [...inOrder].sort(() => random() - 0.5), at)).toEqual(expected);
    // The streaming state, fed the same events, agrees.
    let state = scorer.initialState(lead);
    for (const event of inOrder) if (event.occurredAt < at) state = scorer.applyEvent(state, event);
    expect(scorer.scoreAt(state, at)).toEqual(expected);
  });

  it("reads ISO text, Date objects and epoch milliseconds as the same instants", () => {
    const expected = scorer.score(lead, inOrder, at);
    const asText = inOrder.map((e, k) => ({ action: e.action, occurred_at: k % 2 ? new Date(e.occurredAt).toISOString() : new Date(e.occurredAt).toISOString().replace("T", " ").slice(0, 19) }));
    expect(scorer.score(lead, asText, new Date(at).toISOString())).toEqual(expected);
    expect(scorer.score(lead, inOrder.map((e) => ({ action: e.action, occurredAt: new Date(e.occurredAt) })), new Date(at))).toEqual(expected);
  });

  it("names the event whose date it cannot read, also when the exit rule reads every date first", () => {
    const events = [...inOrder.slice(0, 5), { action: "email_open", occurred_at: "2025-02-30T00:00:00Z" }];
    expect(() => scorer.score(lead, events, at)).toThrowError(/events\[5\]\.occurred_at: expected an ISO 8601 date, Date or epoch milliseconds, got "2025-02-30T00:00:00Z"/);
  });
});

describe("assertModel (through createScorer)", () => {
  it("accepts the fixture, which also passes the full JSON Schema validation", () => {
    expect(validateModel(handModel())).toEqual([]);
  });

  it.each([
    ["a newer schema version", (m: any) => (m.schemaVersion = 2), /schemaVersion: expected one of 1, got 2/],
    ["fractional points", (m: any) => (m.actions[0].points = 2.5), /actions\[0\]\.points: expected whole points within ±1000000, got 2\.5/],
    ["an unknown transform", (m: any) => (m.profile.features[0].transform = { kind: "zodiac" }), /profile\.features\[0\]\.transform\.kind/],
    ["a rule for a missing feature", (m: any) => (m.profile.rules[0].feature = "nope"), /profile\.rules\[0\]\.feature: expected the name of a profile feature, got "nope"/],
    ["a decreasing calibration table", (m: any) => (m.probability.scores = [0, 30, 20]), /probability: expected \{ scores: ascending numbers/],
    ["a string threshold", (m: any) => (m.threshold.score = "30"), /threshold\.score: expected a number or null, got "30"/],
    ["not an object", () => "model", /expected a leadlift model object/],
  ])("rejects %s, naming the field", (_name, corrupt, message) => {
    const model: any = handModel();
    const replaced = corrupt(model);
    const input = typeof replaced === "string" && replaced === "model" ? replaced : model;
    expect(() => createScorer(input)).toThrowError(message);
    expect(validateModel(input).length).toBeGreaterThan(0);
  });
});
