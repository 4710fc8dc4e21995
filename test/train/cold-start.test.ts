import { describe, expect, it } from "vitest";
import { applyColdStart, COLD_START_THRESHOLD } from "../../src/train/cold-start.js";
import { createScorer } from "../../src/runtime/index.js";
import { handModel } from "../helpers/model-fixture.js";

/** A model whose actions are the given names (category marketing), before cold start. */
function withActions(names: readonly string[]) {
  const base = handModel();
  const template = base.actions[0];
  return { ...base, actions: names.map((action) => ({ ...template, action, category: "marketing" })) };
}

describe("applyColdStart", () => {
  it("keeps the rule set's threshold when the export's actions can reach it, and a lead doing them is SDR-ready", () => {
    const model = applyColdStart(withActions(["demo_request", "webinar_attended", "email_open"]), "12 won leads.");
    expect(model.threshold).toMatchObject({ status: "cold-start", method: "cold-start", score: COLD_START_THRESHOLD });
    const scored = createScorer(model).score({}, ["demo_request", "webinar_attended", "email_open"].map((action) => ({ action, occurred_at: "2025-01-01T00:00:00Z" })), "2025-02-01T00:00:00Z");
    expect(scored.score).toBe(50);
    expect(scored.sdrReady).toBe(true);
  });

  it("lowers the threshold to the most a lead can score when the actions cannot reach 50, and says so", () => {
    const model = applyColdStart(withActions(["email_open", "site_visit", "sales_call"]), "12 won leads.");
    expect(model.threshold.score).toBe(10);
    expect(model.threshold.explanation).toMatch(/add up to at most 10 points \(email_open 5, site_visit 5\), short of the rule set's 50, so the threshold is 10/);
    expect(model.training.warnings.some((w) => /at most 10 points/.test(w))).toBe(true);
    const scored = createScorer(model).score({}, [{ action: "email_open", occurred_at: "2025-01-01T00:00:00Z" }, { action: "site_visit", occurred_at: "2025-01-02T00:00:00Z" }], "2025-02-01T00:00:00Z");
    expect(scored.sdrReady).toBe(true);
  });

  it("says plainly that no lead can become SDR-ready when no action matches a stage", () => {
    const model = applyColdStart(withActions(["sales_call", "xyz"]), "3 won leads.");
    expect(model.threshold).toMatchObject({ status: "no-threshold", score: null });
    expect(model.threshold.explanation).toMatch(/No action in this export matches a cold-start stage, so no lead can become SDR-ready: there is no threshold/);
  });
});
