import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { buildTrainingPopulation } from "../../src/features/training-population.js";
import { evaluateByReplay } from "../../src/calibrate/calibrate-by-replay.js";
import { scoreAtCutoff } from "../../src/calibrate/score-at-cutoff.js";
import type { ModelV1 } from "../../src/model/types.js";
import { compareModels, pointsChanges, sharedReplayOptions } from "../../src/report/compare-models.js";
import { handModel } from "../helpers/model-fixture.js";
import { monthlyScenario } from "./sample-scenarios.js";

describe("pointsChanges", () => {
  it("lists actions and profile values added, dropped and re-weighted, actions first", () => {
    const before = handModel();
    const after: ModelV1 = {
      ...before,
      actions: before.actions
        .filter((a) => a.action !== "pricing_page_view")
        .map((a) => (a.action === "demo_request" ? { ...a, points: 25 } : a.action === "webinar" ? { ...a, kept: true, points: 6 } : a)),
      profile: { ...before.profile, rules: before.profile.rules.map((r) => (r.value === "vp" ? { ...r, points: 15 } : r)) },
    };
    expect(pointsChanges(before, after)).toEqual([
      { kind: "action", name: "demo_request", from: 20, to: 25 },
      { kind: "action", name: "pricing_page_view", from: 10, to: null },
      { kind: "action", name: "webinar", from: null, to: 6 },
      { kind: "profile", name: "seniority = vp", from: 12, to: 15 },
    ]);
    expect(pointsChanges(before, before)).toEqual([]);
  });
});

describe("compareModels on the sample's latest leads", async () => {
  const { config, crm, model, previous } = await monthlyScenario();
  const population = buildTrainingPopulation(crm, model.training.observationWindowDays);
  const shared = sharedReplayOptions(model, config.calibration);
  const comparison = compareModels(model, previous, crm, population, config.calibration, evaluateByReplay(crm, model, shared));

  it("measures each model's close rate by replay at its own threshold, in the same sales-cycle window", () => {
    for (const [m, metrics] of [[model, comparison.metrics[0]], [previous, comparison.metrics[1]]] as const) {
      const point = evaluateByReplay(crm, m, shared)!.atThreshold!;
      expect(metrics.threshold).toBe(m.threshold.score);
      expect(metrics).toMatchObject({ reached: point.reached, decided: point.successes + point.failures, wonInCycle: point.successes });
      expect(metrics.closeRate).toBeCloseTo(point.closeRate!, 12);
    }
    expect(comparison.windowDays).toBe(model.calibration!.windowDays);
    expect(comparison).toMatchObject({ thresholdFrom: previous.threshold.score, thresholdTo: model.threshold.score });
  });

  it("is not the static share of closed leads scoring at or above the threshold at their cut-off", () => {
    // The figure an earlier version showed: it ignores when leads crossed and how long they took to close.
    const scores = scoreAtCutoff(crm, population, model).score;
    let at = 0;
    let won = 0;
    scores.forEach((s, i) => { if (s >= model.threshold.score!) { at++; won += population.won[i]; } });
    expect(Math.abs(won / at - comparison.metrics[0].closeRate!)).toBeGreaterThan(0.05);
  });

  it("reports AUC of the score and Brier of the probability for both models", () => {
    for (const m of comparison.metrics) {
      expect(m.auc!).toBeGreaterThan(0.6);
      expect(m.brier!).toBeGreaterThan(0);
      expect(m.brier!).toBeLessThan(0.25);
    }
  });

  it("gives identical figures when a model is compared with itself", async () => {
    const self = compareModels(model, model, crm, population, (await loadConfig()).calibration);
    expect(self.metrics[1]).toEqual({ ...self.metrics[0], model: "previous" });
    expect([...self.added, ...self.dropped, ...self.reweighted]).toEqual([]);
  });
});
