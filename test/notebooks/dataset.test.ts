import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_DATASET, openDataset } from "../../notebooks/dataset.js";
import { writeTempFiles } from "../helpers/temp-files.js";

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A dataset file (and a config file beside it) in a fresh folder; outputs go to `<folder>/out/output/<name>`. */
function datasetFile(settings: unknown, extra: Record<string, string> = {}) {
  const files = writeTempFiles({ "mine.json": JSON.stringify(settings), ...extra });
  created.push(files.dir);
  return { file: files["mine.json"], dir: files.dir, base: join(files.dir, "out") };
}

describe("openDataset (the notebooks' dataset file)", () => {
  it("reads the bundled sample's file: paths resolved against it, capacity and now set, the production model loaded", async () => {
    const base = writeTempFiles({}).dir;
    created.push(base);
    const dataset = await openDataset(join("notebooks", DEFAULT_DATASET), base);
    expect(dataset.name).toBe("sample");
    expect(dataset.export).toEqual({
      leads: resolve("data/sample/leads.csv"),
      events: resolve("data/sample/events.csv"),
      outcomes: resolve("data/sample/outcomes.csv"),
    });
    expect(dataset.config.calibration.sdrCapacityPerDay).toBe(3);
    expect(dataset.config.training.targetCloseRate).toEqual({ min: 0.1, max: 0.15 });
    expect(dataset.now.toISOString()).toBe("2026-01-22T00:00:00.000Z");
    expect(dataset.previousModel?.kind).toBe("leadlift-model");
    expect(dataset.outDir).toBe(join(base, "output", "sample"));
    expect(dataset.newExportNote).toMatch(/^simulated with \{"leads":6000,"seed":7,/);
    expect(dataset.newExport.leads).toBe(join(base, "output", "sample", "new-export", "leads.csv"));
    expect(readFileSync(dataset.newExport.leads, "utf8").split("\n")[0]).toBe("lead_id,created_at,account_id,email,title,company,country,company_size");
  });

  it("lays the inline config over the config file, and uses the export itself when there is no newExport", async () => {
    const { file, dir, base } = datasetFile(
      { export: { leads: "leads.csv", outcomes: "sub/outcomes.csv" }, configFile: "leadlift.config.json", config: { training: { minLiftPoints: 3 } } },
      { "leadlift.config.json": JSON.stringify({ columns: { leads: { lead_id: "id" } }, training: { maxActions: 7 } }) },
    );
    const dataset = await openDataset(file, base);
    expect(dataset.export).toEqual({ leads: join(dir, "leads.csv"), outcomes: join(dir, "sub/outcomes.csv") });
    expect(dataset.newExport).toEqual(dataset.export);
    expect(dataset.config.columns.leads.lead_id).toBe("id");
    expect(dataset.config.training).toMatchObject({ maxActions: 7, minLiftPoints: 3 });
    expect(dataset.previousModel).toBeNull();
    expect(dataset.title).toBe("mine");
    expect(existsSync(join(base, "output", "mine"))).toBe(true);
  });

  it.each([
    [{ export: { leads: "a.csv" }, colour: "red" }, /mine\.json, key "colour": unknown key; expected one of title, export, configFile, config, previousModel, newExport, now\./],
    [{ export: { events: "e.csv" } }, /mine\.json, key "export": expected \{ "leads": "…csv", "events"\?: …, "outcomes"\?: … \}\. Got \{"events":"e\.csv"\}\./],
    [{ export: { leads: "a.csv" }, now: "yesterday" }, /mine\.json, key "now": expected an ISO date such as 2025-07-24T00:00:00Z\. Got "yesterday"\./],
    [{ export: { leads: "a.csv" }, configFile: 3 }, /mine\.json, key "configFile": expected text\. Got 3\./],
    [{ export: { leads: "a.csv" }, config: [] }, /mine\.json, key "config": expected a leadlift config object\. Got \[\]\./],
    [{ export: { leads: "a.csv" }, config: { training: { minLiftPoints: -5 } } }, /options is not a valid leadlift config:\n {2}training\.minLiftPoints: /],
  ])("refuses a bad dataset file, naming the file and key (%j)", async (settings, message) => {
    const { file, base } = datasetFile(settings);
    await expect(openDataset(file, base)).rejects.toThrowError(message);
  });

  it("names the file it cannot read", async () => {
    await expect(openDataset("notebooks/datasets/none.json")).rejects.toThrowError(/^Cannot read dataset notebooks\/datasets\/none\.json: ENOENT/);
  });
});
