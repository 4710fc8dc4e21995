/**
 * Which CRM export the notebooks read. A dataset file (JSON, in
 * `notebooks/datasets/`) names the export's files and the leadlift config
 * for it, so pointing a notebook at another export is a file, not a code
 * change. Paths in it are relative to the dataset file. Only glue: the
 * notebooks' statistics all come from the public API ("leadlift").
 *
 * ```json
 * {
 *   "title": "Olist marketing funnel (real export)",
 *   "export": { "leads": "…/leads.csv", "events": "…/events.csv", "outcomes": "…/outcomes.csv" },
 *   "configFile": "…/leadlift.config.json",
 *   "config": { "calibration": { "sdrCapacityPerDay": 25 } },
 *   "previousModel": "…/model-in-production.json",
 *   "newExport": { "leads": "…" },
 *   "now": "2025-07-24T00:00:00Z"
 * }
 * ```
 */
import { mkdir, readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import {
  LeadliftError, loadConfig, readModel, simulateCrm, withOverrides, writeSimulatedCrm,
  type CrmPaths, type LeadliftConfig, type LeadliftConfigInput, type ModelV1, type SimulateOptions,
} from "leadlift";

/** The dataset the notebooks read when `LEADLIFT_DATASET` is not set (relative to `notebooks/`). */
export const DEFAULT_DATASET = "datasets/sample.json";

/** A dataset file, read and resolved. */
export interface NotebookDataset {
  /** The dataset file's name without `.json` (e.g. "sample"): names the output folder. */
  readonly name: string;
  readonly title: string;
  /** The export explored, trained and calibrated on. */
  readonly export: CrmPaths;
  /** `configFile` (default: all defaults) with `config` laid over it, validated. */
  readonly config: LeadliftConfig;
  /** The model in production that a retrained one is compared with; null when the dataset names none. */
  readonly previousModel: ModelV1 | null;
  /** The export to retrain on: `newExport`, else `export` (a simulated one is written to `outDir/new-export/`). */
  readonly newExport: CrmPaths;
  /** How the new export was made, when the simulator stood in for one (null for files). */
  readonly newExportNote: string | null;
  /** The moment recorded as the model's `createdAt` and the report's `generatedAt` (fixed for reproducible saved outputs). Default: now. */
  readonly now: Date;
  /** Where notebooks write models and reports: `output/<name>/` beside the notebooks, created on opening. */
  readonly outDir: string;
}

const KEYS = ["title", "export", "configFile", "config", "previousModel", "newExport", "now"] as const;

/**
 * Reads a dataset file: resolves its paths against the file's folder, loads
 * and validates the config and the previous model, and writes a simulated
 * new export (`"newExport": { "simulate": { … } }`, `simulateCrm`'s
 * options) into `outDir/new-export/`. `outDir` is resolved against `base`
 * (the notebooks' folder).
 * @throws LeadliftError "invalid-dataset" naming the file and key for an unknown key, a missing `export.leads` or a bad `now`; the API's errors for the config and model.
 */
export async function openDataset(file: string, base = "."): Promise<NotebookDataset> {
  let settings: Record<string, unknown>;
  try {
    settings = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new LeadliftError("invalid-dataset", `Cannot read dataset ${file}: ${(error as Error).message}`);
  }
  const fail = (key: string, problem: string) => new LeadliftError("invalid-dataset", `${file}, key "${key}": ${problem}`);
  if (settings === null || typeof settings !== "object" || Array.isArray(settings)) throw new LeadliftError("invalid-dataset", `${file} must hold a JSON object.`);
  for (const key of Object.keys(settings)) {
    if (!(KEYS as readonly string[]).includes(key)) throw fail(key, `unknown key; expected one of ${KEYS.join(", ")}.`);
  }
  const folder = dirname(file);
  const at = (path: string) => resolve(folder, path);
  const paths = (key: string, value: unknown): CrmPaths => {
    const given = value as Partial<Record<"leads" | "events" | "outcomes", unknown>> | undefined;
    if (!given || typeof given.leads !== "string") throw fail(key, `expected { "leads": "…csv", "events"?: …, "outcomes"?: … }. Got ${JSON.stringify(value)}.`);
    return {
      leads: at(given.leads),
      ...(typeof given.events === "string" ? { events: at(given.events) } : {}),
      ...(typeof given.outcomes === "string" ? { outcomes: at(given.outcomes) } : {}),
    };
  };

  const text = (key: (typeof KEYS)[number]): string | undefined => {
    const value = settings[key];
    if (value === undefined || typeof value === "string") return value;
    throw fail(key, `expected text. Got ${JSON.stringify(value)}.`);
  };
  if (settings.config !== undefined && (settings.config === null || typeof settings.config !== "object" || Array.isArray(settings.config))) {
    throw fail("config", `expected a leadlift config object. Got ${JSON.stringify(settings.config)}.`);
  }

  const name = basename(file).replace(/\.json$/, "");
  const title = text("title") ?? name;
  const exported = paths("export", settings.export);
  const configFile = text("configFile");
  const config = withOverrides(await loadConfig(configFile === undefined ? undefined : at(configFile)), (settings.config ?? {}) as LeadliftConfigInput);
  const previousFile = text("previousModel");
  const previousModel = previousFile === undefined ? null : await readModel(at(previousFile));
  const nowText = text("now");
  const now = nowText === undefined ? new Date() : new Date(nowText);
  if (Number.isNaN(now.getTime())) throw fail("now", `expected an ISO date such as 2025-07-24T00:00:00Z. Got ${JSON.stringify(nowText)}.`);
  const outDir = resolve(base, "output", name);
  await mkdir(outDir, { recursive: true });

  let newExport = exported;
  let newExportNote: string | null = null;
  const fresh = settings.newExport as { simulate?: Partial<SimulateOptions> } | undefined;
  if (fresh?.simulate) {
    const dir = join(outDir, "new-export");
    await writeSimulatedCrm(simulateCrm(fresh.simulate), dir);
    newExport = { leads: join(dir, "leads.csv"), events: join(dir, "events.csv"), outcomes: join(dir, "outcomes.csv") };
    newExportNote = `simulated with ${JSON.stringify(fresh.simulate)} (simulateCrm)`;
  } else if (fresh !== undefined) newExport = paths("newExport", fresh);

  return {
    name,
    title,
    export: exported,
    config,
    previousModel,
    newExport,
    newExportNote,
    now,
    outDir,
  };
}
