import { closeEngineOf } from "../engine/engine-registry.js";
import { readDeferredColumns } from "../io/event-store.js";
import { loadCrm, type CrmData, type CrmPaths } from "../io/load-crm.js";
import type { IssueListener } from "../io/issue-log.js";
import { trainAndCalibrate } from "../train/train-and-calibrate.js";
import type { ModelV1 } from "../model/types.js";
import { TOOL_VERSION } from "../version.js";
import { resolveConfig, type ConfigInput } from "./config-input.js";

/** A CRM export to train on: file paths (read as `leadlift train` reads them), or data already loaded with `loadCrm`. */
export type CrmInput = CrmPaths | CrmData;

/** Options for `train`. */
export interface TrainOptions {
  /** Recorded as the model's `createdAt` (nothing else depends on it: the data's own dates bound training). Default: now. */
  readonly now?: Date;
  /** Sees every row issue while files are read (inputs given as paths). Default none. */
  readonly onIssue?: IssueListener;
}

/**
 * The model `leadlift train` writes for the same export and settings: the
 * held-out evidence, mode comparison and pruning, points learned on every
 * lead, the SDR-ready threshold calibrated by replay and checked
 * out-of-time, the close-probability map, and the refusal below
 * `calibration.minWonDeals` won deals (or the cold-start rules with
 * `calibration.allowColdStart`). Use it from notebooks and scripts; write
 * the result with `exportModel(model, path)`.
 * @param inputs paths (`{ leads, events?, outcomes? }`) or loaded `CrmData`.
 * @param config partial settings (the config file's shape; every key optional) or a parsed config. Default: all defaults.
 * @throws LeadliftError for an invalid config, unreadable files or columns, or too few won deals ("too-few-won").
 */
export async function train(inputs: CrmInput, config?: ConfigInput, options: TrainOptions = {}): Promise<ModelV1> {
  const parsed = resolveConfig(config);
  const crm = isLoaded(inputs) ? inputs : await loadCrm(inputs, parsed, { onIssue: options.onIssue });
  try {
    return trainAndCalibrate(crm, parsed, { now: options.now ?? new Date(), toolVersion: TOOL_VERSION }).model;
  } finally {
    // Data loaded here is released here, and not used again; data the caller loaded stays the caller's (close it with closeCrm).
    if (!isLoaded(inputs)) closeCrm(crm, { keepEvents: false });
  }
}

/** Options for `closeCrm`. */
export interface CloseCrmOptions {
  /**
   * Keep the events usable in memory: the columns the DuckDB engine left in
   * its database until first use (categories and file order, 8 bytes an
   * event) are read before it closes. `false` when the data is done with, as
   * after `leadlift train`: nothing is read, and those columns cannot be read
   * afterwards (training on the data in-process then fails). Default true.
   */
  readonly keepEvents?: boolean;
}

/**
 * Releases what loading an export holds outside the JavaScript heap: with
 * the DuckDB engine, its worker thread and temporary database (the events
 * in memory stay usable unless `keepEvents` is false; training on them
 * again counts in-process). A no-op for the in-process engine. `train` on
 * paths calls it itself.
 */
export function closeCrm(crm: CrmData, options: CloseCrmOptions = {}): void {
  if (options.keepEvents ?? true) readDeferredColumns(crm.events);
  closeEngineOf(crm.events);
}

/** Whether `inputs` is loaded data rather than paths. */
export function isLoaded(inputs: CrmInput): inputs is CrmData {
  return typeof inputs.leads !== "string";
}
