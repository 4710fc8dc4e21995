import { describe, expect, it } from "vitest";
import { validateModel } from "../../src/model/export-model.js";
import type { ModelV1 } from "../../src/model/types.js";
import { createScorer, ScoringError } from "../../src/runtime/index.js";
import { scoreRange } from "../../src/runtime/model-bounds.js";
import { decayRules, handModel } from "../helpers/model-fixture.js";

/** The hand model changed by `edit`, round-tripped through JSON as a model file would be. */
function variant(edit: (model: ModelV1) => void): unknown {
  const model = structuredClone(handModel());
  edit(model);
  return JSON.parse(JSON.stringify(model));
}

/** The runtime's verdict: null when it accepts the model, else the field it names. */
function runtimeVerdict(model: unknown): string | null {
  try {
    createScorer(model);
    return null;
  } catch (error) {
    if (error instanceof ScoringError) return error.path;
    throw error;
  }
}

/** The schema's verdict: null when it accepts the model, else the fields it names. */
function schemaVerdict(model: unknown): string[] | null {
  const problems = validateModel(model);
  return problems.length === 0 ? null : problems.map((p) => p.slice(0, p.indexOf(":")));
}

describe("model value bounds", () => {
  it("computes the reachable score range of the hand model as by hand", () => {
    // FIT: seniority −9…+12, email 0…+5; PAIN: visits band 0…+7; actions +20, +10, −8 (each counted once).
    // min = −9 + 0 + 0 − 8 = −17; max = 12 + 5 + 7 + 20 + 10 = 54. With fitCap 10, FIT tops out at 10: max = 10 + 7 + 30 = 47.
    expect(scoreRange(handModel())).toEqual({ min: -17, max: 54 });
    expect(scoreRange({ ...handModel(), profile: { ...handModel().profile, fitCap: 10 } })).toEqual({ min: -17, max: 47 });
  });

  const bad: Array<[string, (model: ModelV1) => void, string]> = [
    ["a threshold of −18, below every reachable score", (m) => void (m.threshold.score = -18), "threshold.score"],
    ["a threshold above every reachable score", (m) => void (m.threshold.score = scoreRange(m).max + 1), "threshold.score"],
    ["action points of 1e308", (m) => void (m.actions[0].points = 1e308), "actions.0.points"],
    ["fractional action points", (m) => void (m.actions[0].points = 2.5), "actions.0.points"],
    ["profile points beyond the bound", (m) => void (m.profile.rules[0].points = -2_000_000), "profile.rules.0.points"],
    ["a negative fitCap", (m) => void (m.profile.fitCap = -3), "profile.fitCap"],
    ["inactivity points of 1e9", (m) => void (m.decay = decayRules({ inactivity: { days: 30, points: -1e9 } })), "decay.inactivity.points"],
    ["velocity points of 1e308", (m) => void (m.velocity = { minPointsPerDay: 1, points: 1e308 }), "velocity.points"],
    ["a half-life for an action the model does not keep", (m) => void (m.decay = decayRules({ halfLifeDays: { webinar: 10 } })), "decay.halfLifeDays.webinar"],
  ];

  it.each(bad)("is refused by both the schema and the runtime: %s", (_name, edit, path) => {
    const model = variant(edit);
    const runtime = runtimeVerdict(model);
    const schema = schemaVerdict(model);
    expect(runtime?.replace(/\[(\d+)\]/g, ".$1")).toBe(path);
    expect(schema).toContain(path);
  });

  it("refuses a __proto__ half-life key in both, as JSON.parse reads it from a model file", () => {
    const text = JSON.stringify(handModel()).replace('"decay":null', '"decay":{"halfLifeDays":{"__proto__":10},"exitAfterDays":null,"inactivity":null,"inactivityEvidence":null,"evidence":[]}');
    const model = JSON.parse(text);
    expect(Object.keys(model.decay.halfLifeDays)).toEqual(["__proto__"]);
    expect(runtimeVerdict(model)).toBe("decay.halfLifeDays.__proto__");
    expect(schemaVerdict(model)).toContain("decay.halfLifeDays.__proto__");
  });

  it.each([
    ["the threshold at the highest reachable score", (m: ModelV1) => void (m.threshold.score = scoreRange(m).max)],
    ["the threshold at the lowest reachable score", (m: ModelV1) => void (m.threshold.score = scoreRange(m).min)],
    ["no threshold", (m: ModelV1) => void (m.threshold.score = null)],
    ["a fitCap of 0", (m: ModelV1) => void (m.profile.fitCap = 0)],
    ["a half-life for a kept action", (m: ModelV1) => void (m.decay = decayRules({ halfLifeDays: { demo_request: 10 } }))],
  ])("is accepted by both: %s", (_name, edit) => {
    const model = variant(edit);
    expect(schemaVerdict(model)).toBeNull();
    expect(runtimeVerdict(model)).toBeNull();
  });

  it("never lets createScorer return an infinite score", () => {
    const model = variant((m) => void (m.actions[0].points = 1e308));
    expect(() => createScorer(model)).toThrowError(/Invalid model at actions\[0\]\.points: expected whole points within ±1000000, got 1e\+308\./);
  });
});
