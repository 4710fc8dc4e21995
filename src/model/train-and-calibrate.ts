import type { LeadliftConfig } from "../config/config-schema.js";
import { LeadliftError } from "../errors.js";
import { probabilityAt, fitCloseProbability, type CloseProbabilityMap } from "../calibrate/close-probability.js";
import { evaluateProbabilities, type ProbabilityQuality } from "../calibrate/evaluate-probabilities.js";
import { splitByCreation } from "../calibrate/out-of-time-split.js";
import { buildTrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import { areaUnderRoc } from "../stats/auc.js";
import { describeScoreDistribution } from "../weights/score-distribution.js";
import { calibrateAccountThreshold } from "./calibrate-accounts.js";
import { calibrateByReplay, type ReplayCalibration } from "./calibrate-model.js";
import { evaluateThresholdOnReplay, replayContext, runReplay } from "./replay-run.js";
import { applyColdStart } from "./cold-start.js";
import { scoreAtCutoff, type PopulationScores } from "./score-at-cutoff.js";
import { trainModel, type TrainContext, type TrainResult } from "./train-model.js";
import type { Calibration, ModeComparison, ModelV1, Validation } from "./types.js";

/**
 * The full `leadlift train`: learn points on all leads, calibrate the
 * SDR-ready threshold by replay, and check it out-of-time (train and
 * calibrate on the earlier leads, apply the threshold unchanged to the
 * latest `holdoutShare`). Too few won deals refuse, or fall back to the
 * cold-start rules when `calibration.allowColdStart` is set.
 * @throws LeadliftError "too-few-won" below `calibration.minWonDeals` without cold start.
 */
export function trainAndCalibrate(crm: CrmData, config: LeadliftConfig, context: TrainContext): TrainResult {
  const trained = trainModel(crm, config, context);
  const { won } = trained.population.counts;
  const minWon = config.calibration.minWonDeals;
  if (won < minWon) {
    const reason = `${won} won leads in the training data; calibration needs at least ${minWon} (with fewer, the close rate at any threshold has a 95% interval wider than the 10–15% band itself).`;
    if (!config.calibration.allowColdStart) {
      throw new LeadliftError("too-few-won", `Cannot calibrate: ${reason} Add history, or set "calibration": { "allowColdStart": true } to use the documented cold-start rules.`);
    }
    return { ...trained, model: applyColdStart(trained.model, reason) };
  }
  const calibrated = calibrateTrained(crm, trained, config);
  const band = config.training.targetCloseRate;
  const accounts = calibrateAccountThreshold(crm, calibrated.model, band, config.calibration);
  const used = validateOutOfTime(crm, config, context);
  let model: ModelV1 = { ...calibrated.model, accounts, validation: used.validation, comparison: compareModes(crm, config, context, trained.model.mode, used) };
  const warnings = [...model.training.warnings];
  if (model.threshold.status === "no-threshold") warnings.push(model.threshold.explanation);
  if (accounts?.status === "no-threshold") warnings.push(`Account threshold: ${accounts.explanation}`);
  for (const w of model.calibration?.warnings ?? []) if (!warnings.includes(w)) warnings.push(w);
  const outOfTime = model.validation?.outOfTime;
  if (outOfTime?.status === "checked" && outOfTime.heldOutInBand === false) {
    warnings.push(
      `Out-of-time: the threshold chosen on earlier leads closed at ${pct(outOfTime.heldOut?.closeRate ?? null)} on the latest leads, outside the ${pct(band.min)}–${pct(band.max)} band.`,
    );
  }
  model = { ...model, training: { ...model.training, warnings } };
  return { ...trained, model, scores: calibrated.scores };
}

/**
 * A trained model with its threshold, close probability and calibration
 * report: by replay when leads have creation dates, else the in-sample
 * static threshold of training with a probability map on final scores.
 */
function calibrateTrained(crm: CrmData, trained: TrainResult, config: LeadliftConfig): { model: ModelV1; scores: PopulationScores } {
  const band = config.training.targetCloseRate;
  const rules = {
    minLiftPoints: config.training.minLiftPoints,
    significanceLevel: config.training.significanceLevel,
    exposureStrata: config.training.exposureStrata,
  };
  const replay = calibrateByReplay(crm, trained.population, trained.model, band, config.calibration, rules);
  if (!replay) {
    const probability = fitCloseProbability(trained.scores.score, trained.population.won);
    return { model: { ...trained.model, probability, calibration: staticCalibration(trained, probability) }, scores: trained.scores };
  }
  const { calibration, scores } = replay;
  const { chosen } = calibration.run;
  const point = chosen.point;
  const distributions = replay.model.training.distributions;
  return {
    model: {
      ...replay.model,
      // Calibration may add velocity points or a FIT cap: the drift baseline must be the final scores.
      training: { ...replay.model.training, distributions: distributions && { ...distributions, score: describeScoreDistribution(scores.score) } },
      threshold: {
        status: chosen.status,
        method: "replay",
        score: chosen.threshold,
        closeRate: point?.closeRate ?? null,
        closeRateInterval: point?.closeRateInterval ?? null,
        leadsAtOrAbove: point?.reached ?? 0,
        wonAtOrAbove: point?.successes ?? 0,
        targetBand: band,
        explanation: chosen.explanation,
      },
      probability: calibration.probability,
      calibration: toModelCalibration(calibration, scores, trained.population.won),
    },
    scores,
  };
}

function toModelCalibration(calibration: ReplayCalibration, scores: PopulationScores, won: ArrayLike<number>): Calibration {
  return {
    method: "replay",
    salesCycle: calibration.salesCycle,
    windowDays: calibration.windowDays,
    windowSource: calibration.windowSource,
    maturityDays: calibration.maturityDays,
    dataEndAt: new Date(calibration.dataEndAt).toISOString(),
    replayedLeads: calibration.run.replayed.leads.length,
    notReplayable: calibration.run.replayed.notReplayable,
    curve: calibration.run.curve.filter((p) => p.reached > 0),
    capacity: calibration.capacity,
    profileOnly: calibration.profileOnly,
    quadrants: calibration.quadrants,
    velocity: calibration.velocity,
    inSampleQuality: probabilityQuality(scores.score, calibration.probability, won),
    warnings: calibration.warnings,
  };
}

function staticCalibration(trained: TrainResult, probability: CloseProbabilityMap): Calibration {
  return {
    method: "static",
    salesCycle: null,
    windowDays: null,
    windowSource: null,
    maturityDays: null,
    dataEndAt: null,
    replayedLeads: 0,
    notReplayable: trained.population.leads.length,
    curve: [],
    capacity: null,
    profileOnly: null,
    quadrants: null,
    velocity: null,
    inSampleQuality: probabilityQuality(trained.scores.score, probability, trained.population.won),
    warnings: ["No created_at dates: scores could not be replayed over time; the threshold uses final scores of closed leads, in-sample."],
  };
}

/**
 * Brier, log-loss, ECE and reliability of the close probabilities, with the
 * AUC of the scores themselves: ranking is the score's job, and the
 * probability map's flat steps would only add ties.
 */
function probabilityQuality(scores: ArrayLike<number>, map: CloseProbabilityMap, won: ArrayLike<number>): ProbabilityQuality {
  const quality = evaluateProbabilities(Array.from(scores, (s) => probabilityAt(map, s)), won);
  return { ...quality, auc: quality.auc === null ? null : areaUnderRoc(scores, Array.from(won) as Array<0 | 1>) };
}

interface OutOfTimeResult {
  readonly validation: Validation;
  /** The calibrated model trained on the earlier leads (null when the split was impossible). */
  readonly early: ModelV1 | null;
}

/**
 * Lift and logistic modes trained on the same earlier leads and judged on
 * the same later ones: AUC of the scores, Brier and log-loss of the close
 * probabilities, and the SDR-ready close rate at each mode's own threshold.
 */
function compareModes(crm: CrmData, config: LeadliftConfig, context: TrainContext, usedMode: "lift" | "logistic", used: OutOfTimeResult): ModeComparison | null {
  const otherMode = usedMode === "lift" ? "logistic" : "lift";
  let other: OutOfTimeResult;
  try {
    other = validateOutOfTime(crm, { ...config, training: { ...config.training, mode: otherMode } }, context);
  } catch {
    return null;
  }
  const figures = (mode: "lift" | "logistic", result: OutOfTimeResult) => {
    const oot = result.validation.outOfTime;
    const q = oot.heldOutQuality;
    return {
      mode,
      status: oot.status,
      detail: oot.detail,
      auc: q?.auc ?? null,
      brier: q?.brier ?? null,
      logLoss: q?.logLoss ?? null,
      threshold: oot.threshold,
      heldOut: oot.heldOut,
      keptActions: (result.early?.actions ?? []).filter((a) => a.kept).map((a) => ({ action: a.action, points: a.points })),
    };
  };
  const [liftResult, logisticResult] = usedMode === "lift" ? [used, other] : [other, used];
  const lift = figures("lift", liftResult);
  const logistic = figures("logistic", logisticResult);
  return { lift, logistic, verdict: compareVerdict(lift, logistic, doubleCountingNote(liftResult.early, logisticResult.early)) };
}

/**
 * Actions lift mode keeps but the regression does not, with both estimates:
 * their univariate lift partly belongs to the actions they go with.
 */
function doubleCountingNote(liftModel: ModelV1 | null, logisticModel: ModelV1 | null): string {
  if (!liftModel || !logisticModel) return "";
  const inRegression = new Map(logisticModel.actions.map((a) => [a.action, a]));
  const shrunk = liftModel.actions
    .filter((a) => a.kept && a.points > 0 && inRegression.get(a.action)?.kept === false)
    .map((a) => `${a.action} (${signed(a.points)} by lift, ${inRegression.get(a.action)?.liftPoints === null ? "not estimable" : signed(inRegression.get(a.action)!.liftPoints!)} with the other actions held fixed)`);
  return shrunk.length === 0
    ? ""
    : ` Lift mode gives points to ${shrunk.join(", ")}: part of their lift belongs to the actions they go with (double counting), which the regression removes.`;
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** Smallest held-out differences worth a verdict: below them the modes are called even. */
const AUC_MARGIN = 0.01;
const LOG_LOSS_MARGIN = 0.005;

/**
 * Which mode did better on the later leads, in words: the ranking (AUC)
 * and the probabilities (log-loss) must agree for a winner; a split
 * verdict says which is better at what.
 */
export function compareVerdict(lift: ModeComparison["lift"], logistic: ModeComparison["logistic"], why = ""): string {
  if (lift.auc === null || logistic.auc === null || lift.logLoss === null || logistic.logLoss === null || lift.brier === null || logistic.brier === null) {
    return "Not enough held-out outcomes to compare the modes.";
  }
  const sign = (gap: number, margin: number) => (Math.abs(gap) < margin ? 0 : Math.sign(gap));
  const ranking = sign(logistic.auc - lift.auc, AUC_MARGIN); // +1: logistic ranks better
  const fit = sign(lift.logLoss - logistic.logLoss, LOG_LOSS_MARGIN); // +1: logistic's probabilities fit better
  const figures = `held-out AUC ${lift.auc.toFixed(3)} (lift) vs ${logistic.auc.toFixed(3)} (logistic), log-loss ${lift.logLoss.toFixed(4)} vs ${logistic.logLoss.toFixed(4)}, Brier ${lift.brier.toFixed(4)} vs ${logistic.brier.toFixed(4)}`;
  const name = (s: number) => (s > 0 ? "logistic" : "lift");
  if (ranking === 0 && fit === 0) return `The modes do about equally well (AUC within ${AUC_MARGIN}, log-loss within ${LOG_LOSS_MARGIN}): ${figures}.${why}`;
  if (ranking * fit < 0) {
    return `Mixed: ${name(ranking)} mode ranks leads better, ${name(fit)} mode's probabilities fit better: ${figures}.${why}`;
  }
  const winner = name(ranking !== 0 ? ranking : fit);
  return `${winner === "logistic" ? "Logistic" : "Lift"} mode does better on the later leads: ${figures}.${why}`;
}

function validateOutOfTime(crm: CrmData, config: LeadliftConfig, context: TrainContext): OutOfTimeResult {
  const band = config.training.targetCloseRate;
  const notChecked = (detail: string, partial: Partial<Validation["outOfTime"]> = {}, early: ModelV1 | null = null): OutOfTimeResult => ({
    validation: {
      outOfTime: { status: "not-checked", detail, splitAt: null, trainLeads: 0, holdoutLeads: 0, threshold: null, inSample: null, heldOut: null, heldOutInBand: null, heldOutQuality: null, ...partial },
    },
    early,
  });
  const split = splitByCreation(crm, config.calibration.holdoutShare);
  if (!split) return notChecked("No created_at dates (or a single creation date): an out-of-time split is impossible.");
  const base = {
    splitAt: new Date(split.splitAt).toISOString(),
    trainLeads: split.train.leads.length,
    holdoutLeads: split.holdout.leads.length,
  };
  let early: ModelV1;
  try {
    early = calibrateTrained(split.train, trainModel(split.train, config, context), config).model;
  } catch (error) {
    return notChecked(`Training on the earlier leads failed: ${(error as Error).message}`, base);
  }
  const holdoutPopulation = buildTrainingPopulation(split.holdout, config.training.observationWindowDays);
  let heldOutQuality: ProbabilityQuality | null = null;
  if (early.probability && holdoutPopulation.counts.won > 0 && holdoutPopulation.counts.lost > 0) {
    const scores = scoreAtCutoff(split.holdout, holdoutPopulation, early);
    heldOutQuality = probabilityQuality(scores.score, early.probability, holdoutPopulation.won);
  }
  const threshold = early.threshold.method === "replay" ? early.threshold.score : null;
  if (threshold === null) {
    return notChecked(`No threshold could be chosen on the earlier leads: ${early.threshold.explanation}`, { ...base, heldOutQuality }, early);
  }
  // The hold-out is replayed with the earlier model and its sales-cycle window, up to the end of the whole export.
  const whole = replayContext(crm, config.calibration);
  const holdoutContext = { ...whole, windowDays: early.calibration?.windowDays ?? whole.windowDays };
  const run = runReplay(split.holdout, early, holdoutContext, band, config.calibration.minDecidedLeads);
  if (!run) return notChecked("The held-out leads cannot be replayed.", { ...base, heldOutQuality }, early);
  const heldOut = evaluateThresholdOnReplay(run, threshold, holdoutContext);
  const heldOutInBand = heldOut.closeRate === null ? null : heldOut.closeRate >= band.min && heldOut.closeRate <= band.max;
  const inSample = early.calibration?.curve.find((p) => p.threshold === threshold) ?? null;
  return {
    early,
    validation: {
      outOfTime: {
        status: "checked",
        detail:
          `Trained and calibrated on the ${base.trainLeads} leads created before ${base.splitAt.slice(0, 10)}; the threshold (${threshold}) was applied unchanged to the ${base.holdoutLeads} later leads. ` +
          `${heldOut.censored} held-out leads were still open with their sales-cycle window running at the end of the data (censored).`,
        ...base,
        threshold,
        inSample,
        heldOut,
        heldOutInBand,
        heldOutQuality,
      },
    },
  };
}

function pct(rate: number | null): string {
  return rate === null ? "n/a" : `${(rate * 100).toFixed(1)}%`;
}
