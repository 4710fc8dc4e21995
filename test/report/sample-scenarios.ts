import { join } from "node:path";
import { withOverrides, loadConfig } from "../../src/config/load-config.js";
import type { LeadliftConfig } from "../../src/config/config-schema.js";
import { splitByCreation } from "../../src/calibrate/out-of-time-split.js";
import { loadCrm, type CrmData } from "../../src/io/load-crm.js";
import { trainAndCalibrate } from "../../src/train/train-and-calibrate.js";
import type { ModelV1 } from "../../src/model/types.js";

export const SAMPLE = join(import.meta.dirname, "../../data/sample");
export const NOW = new Date("2026-01-01T00:00:00Z");

/** The bundled sample export, loaded with the default config. */
export async function loadSample(config?: LeadliftConfig): Promise<CrmData> {
  return loadCrm({ leads: join(SAMPLE, "leads.csv"), events: join(SAMPLE, "events.csv"), outcomes: join(SAMPLE, "outcomes.csv") }, config ?? (await loadConfig()));
}

/**
 * The report as it is used: a model trained on the earlier 70% of the
 * sample (by creation date) reported on the latest 30%, against a previous
 * model trained on the earliest 49%, with an SDR capacity of 3 leads a day.
 */
export async function monthlyScenario(): Promise<{ config: LeadliftConfig; crm: CrmData; model: ModelV1; previous: ModelV1 }> {
  const config = withOverrides(await loadConfig(), { calibration: { sdrCapacityPerDay: 3 } });
  const all = await loadSample(config);
  const split = splitByCreation(all, 0.3)!;
  const older = splitByCreation(split.train, 0.3)!;
  const model = trainAndCalibrate(split.train, config, { now: NOW, toolVersion: "test" }).model;
  const previous = trainAndCalibrate(older.train, config, { now: new Date("2025-10-01T00:00:00Z"), toolVersion: "test" }).model;
  // The split keeps the whole files' row counts; a report run on an export of these leads alone would count these.
  const rowsOf: Record<string, number> = { "leads.csv": split.holdout.leads.length, "outcomes.csv": split.holdout.outcomes.size, "events.csv": split.holdout.events.length };
  const crm = { ...split.holdout, files: split.holdout.files.map((f) => ({ ...f, rows: rowsOf[f.file] ?? f.rows, used: rowsOf[f.file] ?? f.used })) };
  return { config, crm, model, previous };
}
