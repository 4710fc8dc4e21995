import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeCrm, loadCrm, parseConfig, simulateCrm, trainAndCalibrate, writeSimulatedCrm, type ModelV1 } from "../../src/index.js";
import { engineOf } from "../../src/engine/engine-registry.js";
import { expectSameModel } from "../helpers/model-parity.js";
import { temporaryFolder } from "../helpers/packed-packages.js";

const SAMPLE = join(import.meta.dirname, "../../data/sample");
const sample = { leads: join(SAMPLE, "leads.csv"), events: join(SAMPLE, "events.csv"), outcomes: join(SAMPLE, "outcomes.csv") };
const NOW = new Date("2026-01-01T00:00:00Z");

/** The model of both engines on the same export and settings. */
async function trainBoth(paths: typeof sample, settings: Record<string, unknown> = {}): Promise<{ inProcess: ModelV1; duckdb: ModelV1 }> {
  const models: ModelV1[] = [];
  for (const engine of ["in-process", "duckdb"] as const) {
    const config = parseConfig({ ...settings, engine });
    const crm = await loadCrm(paths, config);
    // The statistics must come from DuckDB, not silently from the in-memory code.
    expect(engineOf(crm.events)?.designPatterns !== undefined).toBe(engine === "duckdb");
    try {
      models.push(trainAndCalibrate(crm, config, { now: NOW, toolVersion: "test" }).model);
    } finally {
      closeCrm(crm);
    }
  }
  return { inProcess: models[0], duckdb: models[1] };
}

describe("the DuckDB engine", () => {
  const temp = temporaryFolder("leadlift-engine-");
  afterAll(() => temp.remove());

  it.each([
    ["auto mode (both modes judged on the hold-out)", {}],
    ["lift mode", { training: { mode: "lift" } }],
    ["logistic mode with points to double the odds, 3-day landmarks and a 20-day inactivity rule", { training: { mode: "logistic", pointsScale: "pdo", landmarkStepDays: 3 }, decay: { inactivityDays: 20 } }],
  ])("trains the same model as the in-process engine on the bundled sample: %s", async (_name, settings) => {
    const { inProcess, duckdb } = await trainBoth(sample, settings);
    expectSameModel(duckdb, inProcess);
    expect(duckdb.actions.filter((a) => a.kept).length).toBeGreaterThan(0);
  }, 120_000);

  it.each(["exposure", "trigger"] as const)("trains the same model as the in-process engine in the %s regime", async (regime) => {
    const dir = join(temp.dir, regime);
    await writeSimulatedCrm(simulateCrm({ leads: 4000, seed: 21, regime }), dir);
    const { inProcess, duckdb } = await trainBoth({ leads: join(dir, "leads.csv"), events: join(dir, "events.csv"), outcomes: join(dir, "outcomes.csv") });
    expectSameModel(duckdb, inProcess);
    expect(duckdb.threshold.score).toBe(inProcess.threshold.score);
  }, 120_000);
});
