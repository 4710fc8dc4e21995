import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { loadCrm } from "../../src/io/load-crm.js";
import { trainAndCalibrate } from "../../src/model/train-and-calibrate.js";
import { reportData } from "../../src/report/report-data.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";

const SAMPLE = join(import.meta.dirname, "../../data/sample");
const NOW = new Date("2026-01-01T00:00:00Z");

describe("reportData on the bundled sample", async () => {
  const config = await loadConfig();
  const crm = await loadCrm({ leads: join(SAMPLE, "leads.csv"), events: join(SAMPLE, "events.csv"), outcomes: join(SAMPLE, "outcomes.csv") }, config);
  const { model, population } = trainAndCalibrate(crm, config, { now: NOW, toolVersion: "test" });
  const previous = { ...model, createdAt: "2025-12-01T00:00:00.000Z", actions: model.actions.map((a) => (a.action === "demo_request" ? { ...a, points: a.points - 5 } : a)) };
  const data = reportData(model, crm, config, { now: NOW, previous });

  it("accounts for every closed lead in the score bands and the distributions", () => {
    expect(data.scoreBands.reduce((s, b) => s + b.leads, 0)).toBe(population.leads.length);
    expect(data.scoreBands.reduce((s, b) => s + b.won, 0)).toBe(population.counts.won);
    expect(data.distributions.reduce((s, b) => s + b.leads, 0)).toBe(population.leads.length);
    expect(data.gains[data.gains.length - 1].shareOfWon).toBe(1);
  });

  it("finds the model's threshold on its own curve and judges it against the band", () => {
    const point = data.thresholdCurve.find((p) => p.threshold === model.threshold.score);
    expect(point?.closeRate).toBeCloseTo(data.atThreshold!.closeRate!, 12);
    expect(data.atThreshold!.closeRate).toBeCloseTo(model.threshold.closeRate!, 12);
    expect(data.verdict.status).toBe("in-band");
  });

  it("reports no score drift on the training data itself, and the previous model's changes", () => {
    expect(data.drift!.scorePsi).toBeCloseTo(0, 12);
    expect(data.drift!.previous).toMatchObject({ added: [], dropped: [], thresholdFrom: model.threshold.score });
    expect(data.drift!.previous!.reweighted).toEqual([{ action: "demo_request", from: expect.any(Number), to: expect.any(Number) }]);
  });

  it("validates against the published report JSON Schema", () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, "../../src/report/report.schema.json"), "utf8"));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const json = JSON.parse(JSON.stringify(data));
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...json, verdict: { status: "great", text: "" } })).toBe(false);
  });

  it("renders Markdown that matches the reviewed snapshot", async () => {
    await expect(renderMarkdown(data)).toMatchFileSnapshot("__snapshots__/sample-report.md");
  });
});
