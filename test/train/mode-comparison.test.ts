import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { loadCrm } from "../../src/io/load-crm.js";
import { compareVerdict, trainAndCalibrate } from "../../src/train/train-and-calibrate.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";
import { writeTempFiles } from "../helpers/temp-files.js";

const figures = (auc: number) => ({ auc, brier: 0.08, logLoss: 0.29 });
const interval = (auc: number, lower: number, upper: number) => ({ auc, lower, upper });

describe("compareVerdict", () => {
  it("says 'no clear difference' when the paired difference's interval includes 0, with both intervals", () => {
    const text = compareVerdict(figures(0.713), figures(0.705), {
      first: interval(0.713, 0.67, 0.76), second: interval(0.705, 0.66, 0.75), difference: { estimate: -0.008, lower: -0.02, upper: 0.006 }, replicates: 500,
    });
    expect(text).toMatch(/^No clear difference between the modes: held-out AUC 0\.713 \(95% CI 0\.670–0\.760\) for lift vs 0\.705 \(0\.660–0\.750\) for logistic; paired difference −0\.008 \(95% CI −0\.020 to \+0\.006\)/);
  });

  it("names the mode that ranks better only when the interval excludes 0", () => {
    const text = compareVerdict(figures(0.70), figures(0.74), {
      first: interval(0.7, 0.66, 0.74), second: interval(0.74, 0.7, 0.78), difference: { estimate: 0.04, lower: 0.01, upper: 0.07 }, replicates: 500,
    });
    expect(text).toMatch(/^Logistic mode ranks the held-out leads better/);
  });

  it("says why there is nothing to compare rather than blaming the number of outcomes", () => {
    expect(compareVerdict({ auc: null, brier: null, logLoss: null }, figures(0.7), null, "", "")).toMatch(/^No held-out leads to compare the modes on: too few leads old enough to judge\./);
    expect(compareVerdict({ auc: null, brier: null, logLoss: null }, figures(0.7), null, "", "a random 25%")).toMatch(/could not both be scored on the held-out leads/);
  });
});

describe("trainAndCalibrate on an export without dates", async () => {
  // One row per lead, outcome in the leads file, no dates (like X Education): 4000 leads, two profile columns that matter.
  const random = mulberry32(7);
  const rows = ["lead_id,segment,source,status"];
  for (let i = 0; i < 4000; i++) {
    const segment = random() < 0.3 ? "enterprise" : "smb";
    const source = ["ads", "referral", "organic"][Math.floor(random() * 3)];
    const p = 0.06 + (segment === "enterprise" ? 0.12 : 0) + (source === "referral" ? 0.08 : 0);
    rows.push(`L${i},${segment},${source},${random() < p ? "won" : "lost"}`);
  }
  const paths = writeTempFiles({ "leads.csv": `${rows.join("\n")}\n` });
  const config = parseConfig({ outcomes: { source: "leads" } });
  const crm = await loadCrm({ leads: paths["leads.csv"] }, config);
  const { model } = trainAndCalibrate(crm, config, { now: new Date("2026-01-01T00:00:00Z"), toolVersion: "test" });

  it("compares the modes on a random hold-out and says that no dates is why there is no out-of-time check", () => {
    expect(model.validation!.outOfTime.status).toBe("not-checked");
    expect(model.validation!.outOfTime.detail).toMatch(/^No creation dates: an out-of-time check is impossible; held-out figures come from a random 25% of leads/);
    expect(model.comparison!.lift.auc).not.toBeNull();
    expect(model.comparison!.logistic.auc).not.toBeNull();
    expect(model.comparison!.verdict).not.toMatch(/Not enough held-out outcomes/);
    expect(model.comparison!.verdict).toMatch(/held-out AUC/);
  });

  it("records the held-out cost of its pruning, within the limit", () => {
    const pruning = model.training.pruning!;
    expect(pruning.heldOut!.basis).toMatch(/^a random 25% of leads/);
    expect(pruning.heldOut!.cost).toBeLessThanOrEqual(config.training.maxPruningCost);
    expect(pruning.heldOut!.aucChosen).toBeCloseTo(pruning.heldOut!.aucUnpruned - pruning.heldOut!.cost, 12);
  });

  it("says the mode was chosen from the held-out comparison, not 'as requested'", () => {
    expect(model.modeSelection.requested).toBe("auto");
    expect(model.modeSelection.reason).toMatch(/^auto: /);
    expect(model.modeSelection.reason).not.toMatch(/as requested/);
  });
});

describe("trainAndCalibrate on an export with creation dates but no close dates", async () => {
  // Like UCI Bank Marketing: outcome in the leads file, created_at known, no close-date column at all. Segments
  // close at 20% / 10% / 2%, so only "enterprise or mid" closes in the 10–15% band (about 14%). Two worlds: the
  // same rates all year, or rates doubling for leads created in the second half (drift the out-of-time check must show).
  async function train(drift: boolean) {
    const random = mulberry32(drift ? 12 : 11);
    const rows = ["lead_id,created_at,segment,status"];
    const decided: { segment: string; won: boolean; day: number }[] = [];
    for (let i = 0; i < 6000; i++) {
      const u = random();
      const segment = u < 0.25 ? "enterprise" : u < 0.6 ? "mid" : "smb";
      const day = Math.floor((i / 6000) * 365);
      const p = ({ enterprise: 0.2, mid: 0.1, smb: 0.02 } as Record<string, number>)[segment] * (drift && day >= 182 ? 2 : 1);
      const won = random() < p;
      decided.push({ segment, won, day });
      rows.push(`L${i},${new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)},${segment},${won ? "won" : "lost"}`);
    }
    const paths = writeTempFiles({ "leads.csv": `${rows.join("\n")}\n` });
    const config = parseConfig({ outcomes: { source: "leads" } });
    const crm = await loadCrm({ leads: paths["leads.csv"] }, config);
    return { decided, model: trainAndCalibrate(crm, config, { now: new Date("2026-01-01T00:00:00Z"), toolVersion: "test" }).model };
  }
  const stable = await train(false);
  const drifting = await train(true);

  it("counts every win of a lead that reached the threshold, and picks the in-band one (not 'every threshold closes at 0%')", () => {
    const { model, decided } = stable;
    expect(model.calibration!.windowSource).toBe("no-close-dates");
    expect(model.threshold.status).toBe("in-band");
    const upper = decided.filter((d) => d.segment !== "smb");
    expect(model.threshold.leadsAtOrAbove).toBe(upper.length);
    // Every lead is judged, those created on the export's last day too: without close dates an outcome is final.
    expect(model.calibration!.maturityDays).toBeNull();
    expect(model.threshold.closeRate).toBeCloseTo(upper.filter((d) => d.won).length / upper.length, 12);
    expect(model.threshold.explanation).toMatch(/were won \(when is unknown: the export has no close dates\) at /);
    expect(model.training.warnings.join("\n")).toMatch(/No won deal has a close date, so a lead that reached the threshold counts as a success when it was won/);
    expect(model.training.warnings.join("\n")).not.toMatch(/a 90-day window was assumed/);
  });

  it("holds out of time when the rates are stable, and shows the drift when later leads close twice as often", () => {
    expect(stable.model.validation!.outOfTime.status).toBe("checked");
    expect(stable.model.validation!.outOfTime.heldOutInBand).toBe(true);
    const oot = drifting.model.validation!.outOfTime;
    expect(oot.status).toBe("checked");
    expect(oot.heldOutInBand).toBe(false);
    expect(oot.heldOut!.closeRate).toBeGreaterThan(0.15);
  });
});
