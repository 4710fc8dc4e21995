import type { LeadliftConfig } from "../config/config-schema.js";
import { LeadliftError } from "../errors.js";
import { calibrateAccountThreshold } from "../calibrate/calibrate-accounts.js";
import { buildTrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import type { ModelV1 } from "../model/types.js";
import { calibrateTrained } from "./calibrate-trained.js";
import { chooseMode, compareModes } from "./choose-mode.js";
import { applyColdStart } from "./cold-start.js";
import { gatherHeldOutEvidence, notChecked } from "./held-out-evidence.js";
import { trainModel, type TrainContext, type TrainResult } from "./train-model.js";

export { compareVerdict } from "./choose-mode.js";

/**
 * The full `leadlift train`. First the held-out evidence: both modes are
 * trained on the earlier leads (out-of-time: the latest `holdoutShare` of
 * the leads old enough to judge are held out; without dates, a random
 * share) and judged on the later ones — how hard to prune (the sparsest
 * rules that cost at most `maxPruningCost` of ranking), which mode ranks
 * better (`auto`), and the threshold's out-of-time close rate. Then the
 * chosen mode and rules learn points on all leads, and the SDR-ready
 * threshold is calibrated by replay. Too few won deals refuse, or fall back
 * to the cold-start rules when `calibration.allowColdStart` is set.
 * @throws LeadliftError "too-few-won" below `calibration.minWonDeals` without cold start.
 */
export function trainAndCalibrate(crm: CrmData, config: LeadliftConfig, context: TrainContext): TrainResult {
  const population = buildTrainingPopulation(crm, config.training.observationWindowDays);
  const won = population.counts.won;
  const minWon = config.calibration.minWonDeals;
  if (won < minWon) {
    const reason = `${won} won leads in the training data; calibration needs at least ${minWon} (with fewer, the close rate at any threshold has a 95% interval wider than the 10–15% band itself).`;
    if (!config.calibration.allowColdStart) {
      throw new LeadliftError("too-few-won", `Cannot calibrate: ${reason} Add history, or set "calibration": { "allowColdStart": true } to use the documented cold-start rules.`);
    }
    const trained = trainModel(crm, config, context, { population });
    return { ...trained, model: applyColdStart(trained.model, reason) };
  }
  const evidence = gatherHeldOutEvidence(crm, config, context);
  const selection = chooseMode(config.training.mode, evidence);
  const chosen = evidence.byMode?.[selection.mode] ?? null;
  const trained = trainModel(crm, config, context, {
    mode: selection.mode,
    modeReason: selection.reason,
    ...(chosen?.choice ? { rules: chosen.choice.rules, pruning: chosen.choice.pruning } : {}),
    population,
  });
  const calibrated = calibrateTrained(crm, trained, config);
  const band = config.training.targetCloseRate;
  const accounts = calibrateAccountThreshold(crm, calibrated.model, band, config.calibration);
  const validation = chosen?.validation ?? notChecked(evidence.unavailable ?? "The held-out check failed for this mode.");
  let model: ModelV1 = { ...calibrated.model, accounts, validation, comparison: compareModes(evidence, selection.comparison) };
  const warnings = [...model.training.warnings];
  if (model.threshold.status === "no-threshold") warnings.push(model.threshold.explanation);
  if (accounts?.status === "no-threshold") warnings.push(`Account threshold: ${accounts.explanation}`);
  for (const w of model.calibration?.warnings ?? []) if (!warnings.includes(w)) warnings.push(w);
  const outOfTime = model.validation?.outOfTime;
  if (outOfTime?.status === "checked" && outOfTime.heldOutInBand === false) {
    warnings.push(
      `Out-of-time: the threshold chosen on earlier leads closed at ${pct(outOfTime.heldOut?.closeRate ?? null)} on the later leads, outside the ${pct(band.min)}–${pct(band.max)} band.`,
    );
  }
  const pruning = model.training.pruning;
  if (pruning?.heldOut && pruning.heldOut.cost > config.training.maxPruningCost) {
    warnings.push(`Pruning costs ${pruning.heldOut.cost.toFixed(4)} of held-out AUC even with the loosest rules tried (limit ${config.training.maxPruningCost}).`);
  }
  model = { ...model, training: { ...model.training, warnings } };
  return { ...trained, model, scores: calibrated.scores };
}

function pct(rate: number | null): string {
  return rate === null ? "n/a" : `${(rate * 100).toFixed(1)}%`;
}
