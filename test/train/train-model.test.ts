import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { loadCrm } from "../../src/io/load-crm.js";
import { validateModel } from "../../src/model/export-model.js";
import { trainModel } from "../../src/train/train-model.js";
import { knownLiftCrm, type KnownAction } from "../helpers/known-lift-crm.js";
import { writeTempFiles } from "../helpers/temp-files.js";

const ACTIONS: readonly KnownAction[] = [
  { action: "demo_request", category: "marketing", rate: 0.3, lift: 0.2 },
  { action: "pricing_page_view", category: "marketing", rate: 0.4, lift: 0.1 },
  { action: "case_study_view", category: "marketing", rate: 0.5, lift: 0 },
  { action: "email_open", category: "email", rate: 0.5, lift: 0.08 },
];

async function train(crmText: ReturnType<typeof knownLiftCrm>, configInput: unknown = {}) {
  const paths = writeTempFiles({ "leads.csv": crmText.leads, "events.csv": crmText.events, "outcomes.csv": crmText.outcomes });
  const config = parseConfig(configInput);
  const crm = await loadCrm({ leads: paths["leads.csv"], events: paths["events.csv"], outcomes: paths["outcomes.csv"] }, config);
  return { crm, ...trainModel(crm, config, { now: new Date("2025-01-01T00:00:00Z"), toolVersion: "test" }) };
}

/**
 * The landmark lift the generator implies, by numerical integration (not the estimator's code): exposure
 * E ~ U[5, 40] days for every lead, the action done by a share `rate` at a uniform moment of 0.99·E. At
 * daily landmark k the leads still open are those with E > k; among doers, the share done by then is
 * F_k = E[min(1, k / 0.99E) | E > k]. With P(won) additive, "done by k" vs "not yet" differs by
 * lift·(1 − rate)/(1 − rate·F_k), pooled with the Mantel–Haenszel weights P(E > k)·rate·F_k·(1 − rate·F_k).
 */
function landmarkEstimand(lift: number, rate: number): number {
  let numerator = 0;
  let denominator = 0;
  for (let k = 1; k < 40; k++) {
    let atRisk = 0;
    let done = 0;
    for (let e = 5; e < 40; e += 0.001) {
      if (e <= k) continue;
      atRisk += 1;
      done += Math.min(1, k / (0.99 * e));
    }
    if (atRisk === 0) continue;
    const f = done / atRisk;
    const weight = atRisk * rate * f * (1 - rate * f);
    numerator += weight * ((lift * (1 - rate)) / (1 - rate * f));
    denominator += weight;
  }
  return numerator / denominator;
}

describe("trainModel on data with known lifts", async () => {
  const { crm, model, population, scores } = await train(
    knownLiftCrm({ leads: 20_000, seed: 11, baseRate: 0.04, actions: ACTIONS, openLeads: 2_000 }),
    { training: { mode: "lift" } },
  );
  const byAction = new Map(model.actions.map((a) => [a.action, a]));

  it.each(ACTIONS.map((a) => [a.action, a.lift] as const))("recovers the true lift of %s (%d) at the cut-off within its 95% interval", (action, lift) => {
    const stats = byAction.get(action)!.stats;
    expect(stats.liftInterval!.lower).toBeLessThanOrEqual(lift);
    expect(stats.liftInterval!.upper).toBeGreaterThanOrEqual(lift);
  });

  it.each(ACTIONS.map((a) => [a.action, a.lift, a.rate] as const))(
    "recovers the landmark lift of %s (true lift %d) computed independently from the generator",
    (action, lift, rate) => {
      const stats = byAction.get(action)!.stats;
      const expected = landmarkEstimand(lift, rate);
      expect(stats.test).toBe("landmark-wald");
      expect(stats.adjustedLiftInterval!.lower).toBeLessThanOrEqual(expected);
      expect(stats.adjustedLiftInterval!.upper).toBeGreaterThanOrEqual(expected);
      expect(Math.abs(stats.adjustedLift! - expected)).toBeLessThan(0.02);
    },
  );

  it("gives points equal to the landmark lift in percentage points", () => {
    const demo = Math.round(landmarkEstimand(0.2, 0.3) * 100);
    const pricing = Math.round(landmarkEstimand(0.1, 0.4) * 100);
    expect(Math.abs(byAction.get("demo_request")!.points - demo)).toBeLessThanOrEqual(2);
    expect(Math.abs(byAction.get("pricing_page_view")!.points - pricing)).toBeLessThanOrEqual(2);
  });

  it("drops an action without effect and a vanity action, saying why", () => {
    expect(byAction.get("case_study_view")).toMatchObject({ kept: false, points: 0 });
    expect(["below-min-lift", "not-significant"]).toContain(byAction.get("case_study_view")!.dropCode);
    expect(byAction.get("email_open")).toMatchObject({ kept: false, points: 0, dropCode: "vanity", vanity: true });
    expect(byAction.get("email_open")!.liftPoints).toBeGreaterThanOrEqual(6);
  });

  it("gives no points to an action that only happens after hand-off", () => {
    expect(byAction.get("sales_call")).toMatchObject({ kept: false, points: 0, dropCode: "degenerate" });
    expect(byAction.get("sales_call")!.stats.leadsWith).toBe(0);
    expect(model.training.events.afterCutoff).toBe(population.counts.won);
  });

  it("leaves open leads out instead of counting them as lost", () => {
    expect(model.training.leads.openExcluded).toBe(2_000);
    expect(model.training.leads.won + model.training.leads.lost).toBe(20_000);
    expect(model.training.events.ofUntrainedLeads).toBe(2_000 * ACTIONS.length);
  });

  it("writes a model that validates against the schema", () => {
    expect(validateModel(model)).toEqual([]);
  });

  it("says plainly that no threshold fits when the base rate is above the band", () => {
    // True base rate: 0.04 + 0.3·0.2 + 0.4·0.1 + 0.5·0.08 = 0.18 > 0.15.
    expect(model.training.baseCloseRate).toBeGreaterThan(0.16);
    expect(model.threshold).toMatchObject({ status: "no-threshold", score: null });
    expect(model.threshold.explanation).toMatch(/already above the 10\.0%–15\.0% band/);
  });

  it("scores every training lead as the sum of its kept points at its cut-off (independent hand-sum)", () => {
    // No time rules are learned on this data, so a score is plain arithmetic: FIT = the points of the lead's
    // profile values, PAIN = the points of each kept action done at least once strictly before the cut-off.
    expect(model.decay!.halfLifeDays).toEqual({});
    expect(model.decay!.inactivity).toBeNull();
    const kept = new Map(model.actions.filter((a) => a.kept).map((a) => [a.action, a.points]));
    const done = new Map<string, Set<string>>();
    const cutoffOf = new Map(population.leads.map((l, i) => [l.leadId, population.cutoffAt[i]]));
    for (const e of crm.events) {
      if (!(e.occurredAt < (cutoffOf.get(e.leadId) ?? -Infinity)) || !kept.has(e.action)) continue;
      if (!done.has(e.leadId)) done.set(e.leadId, new Set());
      done.get(e.leadId)!.add(e.action);
    }
    const emailPoints = new Map(model.profile.rules.filter((r) => r.kept).map((r) => [r.value, r.points]));
    population.leads.forEach((lead, i) => {
      const pain = [...(done.get(lead.leadId) ?? [])].reduce((sum, action) => sum + kept.get(action)!, 0);
      const fit = emailPoints.get(String(lead.profile.email).endsWith("@gmail.com") ? "free-mail" : "business") ?? 0;
      expect([scores.fit[i], scores.pain[i], scores.score[i]]).toEqual([fit, pain, fit + pain]);
    });
  });
});

describe("trainModel under exposure bias", async () => {
  // Won leads reach sales within 5–45 days; lost leads linger 5–85 days. A neutral action done at a
  // constant daily rate is therefore more common among lost leads: its crude lift is spuriously negative.
  const { model } = await train(
    knownLiftCrm({
      leads: 20_000, seed: 5, baseRate: 0.08, actions: ACTIONS.slice(0, 1), neutralPerDay: 0.02,
      wonExposureDays: [5, 45], lostExposureDays: [5, 85],
    }),
    { training: { mode: "lift" } },
  );
  const neutral = model.actions.find((a) => a.action === "newsletter_read")!;

  it("shows a spurious crude lift for the neutral action", () => {
    expect(neutral.stats.lift!).toBeLessThan(-0.03);
  });

  it("compares like with like: the exposure-adjusted lift is near zero and earns no points", () => {
    expect(Math.abs(neutral.stats.adjustedLift!)).toBeLessThan(Math.abs(neutral.stats.lift!) / 3);
    expect(neutral.points).toBe(0);
    expect(model.training.checks.exposure.status).toBe("checked");
  });
});
