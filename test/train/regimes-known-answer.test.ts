import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { buildTrainingPopulation } from "../../src/features/training-population.js";
import { loadCrm } from "../../src/io/load-crm.js";
import { learnPointCandidates } from "../../src/train/point-candidates.js";
import { trainAndCalibrate } from "../../src/train/train-and-calibrate.js";
import { simulateCrm, writeSimulatedCrm } from "../../src/simulate/index.js";
import { writeTempFiles } from "../helpers/temp-files.js";

/**
 * Known answers in the two worlds whose truth differs in the way real CRMs
 * differ (issue 10): "exposure" (lost leads linger with marketing and have
 * more time to act) and "trigger" (demo_request and contact_sales hand the
 * lead to sales within days), both at a 6% close rate. The truth's lifts
 * are those of the simulator (src/simulate/regime-truth.ts); nothing here
 * is computed by the estimators under test.
 */
const TRUE_LIFTS: Readonly<Record<string, number>> = {
  demo_request: 0.2, contact_sales: 0.16, teammate_invited: 0.13, pricing_page_view: 0.1, document_created: 0.08, trial_signup: 0.06,
};
/** Pairs whose true lifts differ by at least 4 points: at 50k leads their order must hold (at 20k, teammate_invited, done by 1% of leads in "trigger", is often within two standard errors of document_created). */
const SEPARATED = Object.entries(TRUE_LIFTS).flatMap(([a, la]) =>
  Object.entries(TRUE_LIFTS).filter(([, lb]) => la - lb >= 0.04 - 1e-9).map(([b]) => [a, b] as const),
);

async function exportOf(regime: "exposure" | "trigger", seed: number) {
  const { dir } = writeTempFiles({});
  await writeSimulatedCrm(simulateCrm({ leads: 50_000, seed, regime }), dir);
  const config = parseConfig({});
  const crm = await loadCrm({ leads: `${dir}/leads.csv`, events: `${dir}/events.csv`, outcomes: `${dir}/outcomes.csv` }, config);
  return { crm, config };
}

describe.each([
  ["exposure", 51],
  ["trigger", 52],
] as const)("points in the %s regime (known answer)", async (regime, seed) => {
  const { crm, config } = await exportOf(regime, seed);
  const { model } = trainAndCalibrate(crm, config, { now: new Date("2026-01-01T00:00:00Z"), toolVersion: "test" });
  const points = new Map(model.actions.map((a) => [a.action, a.points]));
  const lift = learnPointCandidates(crm, buildTrainingPopulation(crm, config.training.observationWindowDays), config, "lift");
  const adjusted = new Map(lift.actions.map((a) => [a.key, a.stats.adjustedLift ?? Number.NaN]));

  it("gives every action with a direct effect of 6 points or more positive points in the default model", () => {
    for (const action of Object.keys(TRUE_LIFTS)) expect(points.get(action), action).toBeGreaterThan(0);
  });

  it.each(SEPARATED)("orders %s above %s in the default model, as the truth does", (a, b) => {
    expect(points.get(a)!).toBeGreaterThan(points.get(b)!);
  });

  it.each(SEPARATED)("orders %s above %s by landmark lift (lift mode), as the truth does", (a, b) => {
    expect(adjusted.get(a)!).toBeGreaterThan(adjusted.get(b)!);
  });

  it("gives the follower image_added under 5 points in the default model: it only follows document_created", () => {
    expect(Math.abs(points.get("image_added") ?? 0)).toBeLessThan(5);
  });

  it("gives the no-effect case_study_view under 5 points", () => {
    expect(Math.abs(points.get("case_study_view") ?? 0)).toBeLessThan(5);
  });

  it("keeps unsubscribe as a negative signal although its category, email, is a vanity category", () => {
    const unsubscribe = model.actions.find((a) => a.action === "unsubscribe")!;
    expect(unsubscribe.category).toBe("email");
    expect(unsubscribe.vanity).toBe(false);
    expect(unsubscribe.points).toBeLessThan(0);
  });

  it("gives profile values FIT points at a 6% close rate", () => {
    expect(model.profile.rules.filter((r) => r.kept && r.points !== 0).length).toBeGreaterThan(0);
  });

  it("keeps pruning within its held-out cost: the rounded, pruned points rank as well as the unrounded effects, within 0.005", () => {
    const held = model.training.pruning!.heldOut!;
    expect(held.cost).toBeLessThanOrEqual(0.005);
    expect(held.leads).toBeGreaterThan(1000);
  });

  it("judges the threshold out of time on held-out leads old enough to judge: over a hundred decided, few censored", () => {
    // Before: the hold-out was the latest quarter of all leads, and the maturity rule censored 718 of 730 that reached it.
    const heldOut = model.validation!.outOfTime.heldOut!;
    expect(heldOut.successes + heldOut.failures).toBeGreaterThan(100);
    expect(heldOut.censored / heldOut.reached).toBeLessThan(0.25);
  });
});
