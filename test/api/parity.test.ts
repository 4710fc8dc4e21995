import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as leadlift from "../../src/index.js";
import { runCli } from "../../src/cli/run-cli.js";

/** The bundled sample, as `npm start` trains it. */
const SAMPLE = join(import.meta.dirname, "../../data/sample");
const paths = Object.freeze({ leads: join(SAMPLE, "leads.csv"), events: join(SAMPLE, "events.csv"), outcomes: join(SAMPLE, "outcomes.csv") });
const AT = "2024-07-01T00:00:00Z";

/** The model apart from when it was made. */
const withoutCreatedAt = ({ createdAt, ...rest }: leadlift.ModelV1) => rest;
/** Runs the CLI in this process, its console output captured (and silenced). */
async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...parts) => void out.push(parts.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...parts) => void err.push(parts.join(" ")));
  try {
    const code = await runCli(args, { error: (line) => err.push(line) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("the library API and the CLI on the bundled sample", () => {
  const dir = mkdtempSync(join(tmpdir(), "leadlift-parity-"));
  const file = (name: string) => join(dir, name);
  let model: leadlift.ModelV1;
  let cliModel: leadlift.ModelV1;

  beforeAll(async () => {
    model = await leadlift.train(paths);
    const run = await cli(["train", "--leads", paths.leads, "--events", paths.events, "--outcomes", paths.outcomes, "--out", file("cli-model.json")]);
    expect(run.code).toBe(0);
    cliModel = JSON.parse(readFileSync(file("cli-model.json"), "utf8"));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("train returns exactly the model leadlift train writes, apart from createdAt", () => {
    expect(JSON.parse(JSON.stringify(withoutCreatedAt(model)))).toEqual(withoutCreatedAt(cliModel));
    expect(leadlift.validateModel(model)).toEqual([]);
  });

  it("train reproduces the bundled models/sample-model.json bit for bit, apart from createdAt (retrain it with npm start when training changes on purpose)", () => {
    const bundled = JSON.parse(readFileSync(join(import.meta.dirname, "../../models/sample-model.json"), "utf8"));
    expect(JSON.stringify(withoutCreatedAt(model))).toBe(JSON.stringify(withoutCreatedAt(bundled)));
  });

  it("train calibrates as the command does: a replay threshold in the band, a probability map, the held-out check", () => {
    expect(model.threshold).toMatchObject({ method: "replay", status: "in-band" });
    expect(model.threshold.score).toBeGreaterThan(0);
    expect(model.probability?.method).toMatch(/^(isotonic|platt)$/);
    expect(model.calibration).not.toBeNull();
    expect(model.validation?.outOfTime.status).toBe("checked");
    expect(model.toolVersion).toBe(leadlift.TOOL_VERSION);
  });

  it("train takes loaded data, a partial config, and gives the same model as trainAndCalibrate", async () => {
    const config = leadlift.parseConfig({ training: { maxActions: 5 } });
    const crm = await leadlift.loadCrm(paths, config);
    const now = new Date("2025-01-01T00:00:00Z");
    const fromCrm = await leadlift.train(crm, { training: { maxActions: 5 } }, { now });
    expect(fromCrm).toEqual(leadlift.trainAndCalibrate(crm, config, { now, toolVersion: leadlift.TOOL_VERSION }).model);
    expect(fromCrm.createdAt).toBe("2025-01-01T00:00:00.000Z");
    expect(fromCrm.actions.filter((a) => a.kept).length).toBeLessThanOrEqual(5);
  });

  it("score writes the file leadlift score writes", async () => {
    const result = await leadlift.score(model, { leads: paths.leads, events: paths.events, out: file("api-scores.csv"), at: AT, accounts: { out: file("api-accounts.csv") } });
    const run = await cli(["score", "--model", file("cli-model.json"), "--leads", paths.leads, "--events", paths.events, "--out", file("cli-scores.csv"), "--at", AT, "--accounts", file("cli-accounts.csv")]);
    expect(run.code).toBe(0);
    expect(readFileSync(file("api-scores.csv"), "utf8")).toBe(readFileSync(file("cli-scores.csv"), "utf8"));
    expect(readFileSync(file("api-accounts.csv"), "utf8")).toBe(readFileSync(file("cli-accounts.csv"), "utf8"));
    expect(result.scored + result.errorRows).toBe(result.leads.rows);
    expect(run.out).toContain(`Scored ${result.scored} leads (${result.sdrReady} SDR-ready)`);
    expect(run.out).toContain(`Rolled up ${result.accounts?.accounts} accounts`);
  });

  it("score refuses an output that is one of its inputs, before reading anything", async () => {
    writeFileSync(file("copy.csv"), "lead_id\nL1\n");
    await expect(leadlift.score(model, { leads: file("copy.csv"), out: file("copy.csv") })).rejects.toThrowError(
      `out ${file("copy.csv")} is the file given to leads; writing it would destroy the input. Choose another output path.`,
    );
    expect(readFileSync(file("copy.csv"), "utf8")).toBe("lead_id\nL1\n");
  });

  it("report gives the numbers leadlift report writes, and renderReport its JSON and Markdown", async () => {
    const json = await cli(["report", "--model", file("cli-model.json"), "--leads", paths.leads, "--events", paths.events, "--outcomes", paths.outcomes, "--out", file("cli-report.json")]);
    const md = await cli(["report", "--model", file("cli-model.json"), "--leads", paths.leads, "--events", paths.events, "--outcomes", paths.outcomes, "--out", file("cli-report.md")]);
    expect([json.code, md.code]).toEqual([0, 0]);
    const jsonText = readFileSync(file("cli-report.json"), "utf8");
    const data = await leadlift.report(cliModel, paths, {}, { now: new Date(JSON.parse(jsonText).generatedAt) });
    expect(await leadlift.renderReport(data, "json")).toBe(jsonText);
    const mdText = readFileSync(file("cli-report.md"), "utf8");
    const generatedAt = /Generated (\S+)\./.exec(mdText)?.[1] ?? "";
    expect(await leadlift.renderReport({ ...data, generatedAt }, "markdown")).toBe(mdText);
  });

  it("sql gives the query leadlift sql writes", async () => {
    const run = await cli(["sql", "--model", file("cli-model.json"), "--at", AT, "--out", file("cli-score.sql")]);
    expect(run.code).toBe(0);
    expect(leadlift.sql(cliModel, { at: AT, modelName: "cli-model.json" })).toBe(readFileSync(file("cli-score.sql"), "utf8"));
  });
});
