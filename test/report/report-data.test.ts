import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { trainAndCalibrate } from "../../src/train/train-and-calibrate.js";
import { reportData, type ReportData } from "../../src/report/report-data.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { loadSample, monthlyScenario, NOW } from "./sample-scenarios.js";

const schema = JSON.parse(readFileSync(join(import.meta.dirname, "../../src/report/report.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function expectValid(data: ReportData) {
  const json = JSON.parse(JSON.stringify(data));
  expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return json;
}

describe("reportData on the data the model was trained on", async () => {
  const config = await loadConfig();
  const crm = await loadSample(config);
  const { model, population } = trainAndCalibrate(crm, config, { now: NOW, toolVersion: "test" });
  const previous = { ...model, createdAt: "2025-12-01T00:00:00.000Z", actions: model.actions.map((a) => (a.action === "demo_request" ? { ...a, points: a.points - 5 } : a)) };
  const data = reportData(model, crm, config, { now: NOW, previous });

  it("accounts for every closed lead in the score bands and the distributions", () => {
    expect(data.scoreBands.reduce((s, b) => s + b.leads, 0)).toBe(population.leads.length);
    expect(data.scoreBands.reduce((s, b) => s + b.won, 0)).toBe(population.counts.won);
    expect(data.distributions.reduce((s, b) => s + b.leads, 0)).toBe(population.leads.length);
    expect(data.data).toMatchObject({ leads: crm.leads.length, won: population.counts.won, lost: population.counts.lost, openExcluded: population.counts.openExcluded });
  });

  it("gives cumulative gains once per 5% of leads, ending at 100%", () => {
    expect(data.gains.map((g) => g.shareOfLeads)).toEqual(Array.from({ length: 21 }, (_, k) => k / 20));
    expect(data.gains[20]).toEqual({ shareOfLeads: 1, shareOfWon: 1, lift: 1 });
  });

  it("finds the model's threshold on its own curve and judges it in band, saying the data is the training data", () => {
    const point = data.thresholdCurve.find((p) => p.threshold === model.threshold.score);
    expect(point?.closeRate).toBeCloseTo(data.atThreshold!.closeRate!, 12);
    expect(data.atThreshold!.closeRate).toBeCloseTo(model.threshold.closeRate!, 12);
    expect(data.thresholdCurve.every((p) => p.decided >= config.calibration.minDecidedLeads)).toBe(true);
    expect(data.verdict).toMatchObject({ status: "in-band", outOfTime: "in-band" });
    expect(data.data.trainingOverlap).toBe(1);
    expect(data.verdict.text).toMatch(/This data is the model's own training period/);
    expect(data.outOfTime?.closeRate).toBe(model.validation!.outOfTime.heldOut!.closeRate);
  });

  it("reports no drift at all on the training data itself: score, every action and every profile feature", () => {
    const drift = data.drift!;
    expect(drift.scorePsi).toBeCloseTo(0, 12);
    expect(drift.scoreBins.map((b) => b.actual)).toEqual(drift.scoreBins.map((b) => expect.closeTo(b.expected, 12)));
    const baseline = model.training.distributions!;
    expect(drift.features.filter((f) => f.kind === "action").map((f) => f.feature).sort()).toEqual(Object.keys(baseline.actions).sort());
    expect(drift.features.filter((f) => f.kind === "profile").map((f) => f.feature).sort()).toEqual(model.profile.features.map((f) => f.name).sort());
    expect(drift.features.filter((f) => f.kind === "profile").length).toBeGreaterThan(0);
    for (const f of drift.features) expect(f.psi, f.feature).toBeCloseTo(0, 12);
  });

  it("lists the previous model's changes", () => {
    expect(data.drift!.previous).toMatchObject({ added: [], dropped: [], thresholdFrom: model.threshold.score, thresholdTo: model.threshold.score });
    const demo = model.actions.find((a) => a.action === "demo_request")!;
    expect(data.drift!.previous!.reweighted).toEqual([{ kind: "action", name: "demo_request", from: demo.points - 5, to: demo.points }]);
  });

  it("shows the time rules and their evidence from the model, and counts the leads too recent to judge", () => {
    expect(data.timeRules.decay.map((d) => [d.action, d.recent.won, d.recent.leads])).toEqual(model.decay!.evidence.map((e) => [e.action, e.recent.won, e.recent.leads]));
    expect(data.timeRules.inactivity?.days).toBe(model.decay!.inactivityEvidence!.days);
    expect(data.velocity.atTraining).toMatchObject({ fast: model.calibration!.velocity!.fast, slow: model.calibration!.velocity!.slow });
    const maturity = data.timeRules.maturity!;
    expect(maturity.days).toBe(model.calibration!.maturityDays);
    const dataEnd = Math.max(...[...crm.events].map((e) => e.occurredAt), ...[...crm.outcomes.values()].map((o) => o.closedAt ?? 0), ...crm.leads.map((l) => l.createdAt ?? 0));
    const matureBefore = dataEnd - maturity.days * 86_400_000;
    expect(maturity.tooRecent).toBe(crm.leads.filter((l) => l.createdAt! >= matureBefore).length);
    expect(maturity.tooRecent).toBeGreaterThan(0);
  });

  it("separates won from lost scores (AUC and quartiles)", () => {
    expect(data.scoreAuc!).toBeGreaterThan(0.65);
    expect(data.scoreQuartiles.won!.median).toBeGreaterThan(data.scoreQuartiles.lost!.median);
  });

  it("validates against the published report JSON Schema", () => {
    const json = expectValid(data);
    expect(validate({ ...json, verdict: { ...json.verdict, status: "great" } })).toBe(false);
    expect(validate({ ...json, drift: { ...json.drift, features: [{ kind: "action", feature: "x", psi: 0.1 }] } })).toBe(false);
  });
});

describe("reportData on later leads than the model was trained on, against a previous model", async () => {
  const { config, crm, model, previous } = await monthlyScenario();
  const data = reportData(model, crm, config, { now: NOW, previous });

  it("measures drift of the score and of every feature against training", () => {
    const drift = data.drift!;
    expect(drift.scorePsi!).toBeGreaterThan(0);
    expect(drift.features.some((f) => f.kind === "profile" && f.psi > 0)).toBe(true);
    expect(drift.features.some((f) => f.kind === "action" && f.psi > 0)).toBe(true);
    expect(data.data.trainingOverlap).toBe(0);
  });

  it("replays both models on this data and shows their changes", () => {
    const prev = data.drift!.previous!;
    expect(prev.metrics.map((m) => m.threshold)).toEqual([model.threshold.score, previous.threshold.score]);
    expect(prev.metrics[0].closeRate).toBeCloseTo(data.atThreshold!.closeRate!, 12);
    expect(prev.added.length + prev.dropped.length + prev.reweighted.length).toBeGreaterThan(0);
  });

  it("checks capacity against the configured team capacity", () => {
    expect(data.capacity).toMatchObject({ capacityPerDay: 3, withinCapacity: data.capacity!.perDay <= 3 });
  });

  it("validates against the published report JSON Schema", () => {
    expectValid(data);
  });

  it("renders Markdown that matches the reviewed snapshot, with prose wrapped at 100 columns", async () => {
    const markdown = renderMarkdown(data);
    await expect(markdown).toMatchFileSnapshot("__snapshots__/sample-report.md");
    const lines = markdown.split("\n");
    for (const line of lines.filter((l) => !l.startsWith("|"))) expect(line.length, line).toBeLessThanOrEqual(100);
    for (const line of lines.filter((l) => l.startsWith("|"))) expect(line.length, line).toBeLessThanOrEqual(110);
  });
});

describe("reportData on data without close dates", async () => {
  // Outcome in the leads file, created_at known, no close-date column (like UCI Bank Marketing): 3000 leads,
  // "enterprise" closes at 30%, "smb" at 5%.
  const { mulberry32 } = await import("../../src/stats/mulberry32.js");
  const { writeTempFiles } = await import("../helpers/temp-files.js");
  const { loadCrm } = await import("../../src/io/load-crm.js");
  const { parseConfig } = await import("../../src/config/load-config.js");
  const random = mulberry32(5);
  const rows = ["lead_id,created_at,segment,status"];
  for (let i = 0; i < 3000; i++) {
    const segment = random() < 0.3 ? "enterprise" : "smb";
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 10) * 86_400_000).toISOString().slice(0, 10);
    rows.push(`L${i},${day},${segment},${random() < (segment === "enterprise" ? 0.3 : 0.05) ? "won" : "lost"}`);
  }
  const config = parseConfig({ outcomes: { source: "leads" } });
  const crm = await loadCrm({ leads: writeTempFiles({ "leads.csv": `${rows.join("\n")}\n` })["leads.csv"] }, config);
  const { model } = trainAndCalibrate(crm, config, { now: NOW, toolVersion: "test" });
  const data = reportData(model, crm, config, { now: NOW });

  it("says a success is a win at any time, never 'within the N-day sales cycle'", () => {
    expectValid(data);
    expect(data.noCloseDates).toBe(true);
    expect(data.salesCycleDays).toBeNull();
    const markdown = renderMarkdown(data);
    expect(markdown).toMatch(/won \(at any time: this data has no close dates\)/);
    expect(data.verdict.text).toMatch(/were won \(at any time: this data has no close dates\)/);
    expect(markdown).not.toMatch(/won within the \d+-day sales cycle/);
  });

  it("calls no lead too recent to judge: without close dates every recorded outcome is final", () => {
    expect(model.calibration!.maturityDays).toBeNull();
    expect(data.timeRules.maturity).toBeNull();
    expect(renderMarkdown(data)).not.toMatch(/Too recent to judge/);
    expect(data.atThreshold!.censored).toBe(0);
  });
});
