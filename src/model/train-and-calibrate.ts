import { max, min } from "simple-statistics";
import type { LeadliftConfig } from "../config/config-schema.js";
import { LeadliftError } from "../errors.js";
import { probabilityAt, fitCloseProbability } from "../calibrate/close-probability.js";
import { evaluateProbabilities } from "../calibrate/evaluate-probabilities.js";
import { replayTrajectory } from "../calibrate/replay-leads.js";
import { splitByCreation } from "../calibrate/out-of-time-split.js";
import { buildTrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import { buildReplayLeads } from "./build-replay-leads.js";
import { calibrateByReplay, evaluateThresholdOnReplay } from "./calibrate-model.js";
import { applyColdStart } from "./cold-start.js";
import { scoreAtCutoff } from "./score-at-cutoff.js";
import { trainModel, type TrainContext, type TrainResult } from "./train-model.js";
import type { Calibration, ModeComparison, ModelV1, Validation } from "./types.js";

const DAY_MS = 86_400_000;

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
  const band = config.training.targetCloseRate;
  const replay = calibrateByReplay(crm, withDecayedScores(crm, trained), band, config.calibration, config.training.minLiftPoints);
  let model: ModelV1;
  if (replay) {
    const { calibration } = replay;
    const chosen = calibration.chosen;
    const point = chosen.point;
    model = {
      ...trained.model,
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
      calibration: toModelCalibration(calibration, trained),
    };
  } else {
    const probability = fitCloseProbability(trained.scores.score, trained.population.won);
    model = {
      ...trained.model,
      probability,
      calibration: staticCalibration(trained, probability),
    };
  }
  const { validation, early } = validateOutOfTime(crm, config, context, band);
  model = { ...model, validation, comparison: compareModes(crm, config, context, band, trained.model.mode, { validation, early }) };
  const warnings = [...model.training.warnings];
  if (model.threshold.status === "no-threshold") warnings.push(model.threshold.explanation);
  for (const w of model.calibration?.warnings ?? []) if (!warnings.includes(w)) warnings.push(w);
  const outOfTime = model.validation?.outOfTime;
  if (outOfTime?.status === "checked" && outOfTime.heldOutInBand === false) {
    warnings.push(`Out-of-time: the threshold chosen on earlier leads closed at ${pct(outOfTime.heldOut?.closeRate ?? null)} on the latest leads, outside the band.`);
  }
  model = { ...model, training: { ...model.training, warnings } };
  return { ...trained, model };
}

/**
 * With decay rules, scores at the cut-off are no longer plain sums of
 * points: recompute them with the runtime scorer, so the probability map is
 * fitted on the scores services will compute.
 */
function withDecayedScores(crm: CrmData, trained: TrainResult): TrainResult {
  const decay = trained.model.decay;
  if (!decay || (Object.keys(decay.halfLifeDays).length === 0 && decay.exitAfterDays === null)) return trained;
  return { ...trained, scores: { ...trained.scores, score: scoreAtCutoff(crm, trained.population, trained.model) } };
}

function toModelCalibration(calibration: NonNullable<ReturnType<typeof calibrateByReplay>>["calibration"], trained: TrainResult): Calibration {
  const probabilities = Array.from(trained.scores.score, (s) => probabilityAt(calibration.probability, s));
  return {
    method: "replay",
    salesCycle: calibration.salesCycle,
    windowDays: calibration.windowDays,
    windowSource: calibration.windowSource,
    dataEndAt: calibration.dataEndAt,
    replayedLeads: calibration.replayedLeads,
    notReplayable: calibration.notReplayable,
    curve: calibration.curve.filter((p) => p.reached > 0),
    capacity: calibration.capacity,
    profileOnly: calibration.profileOnly,
    quadrants: calibration.quadrants,
    velocity: calibration.velocity,
    inSampleQuality: evaluateProbabilities(probabilities, trained.population.won),
    warnings: calibration.warnings,
  };
}

function staticCalibration(trained: TrainResult, probability: ReturnType<typeof fitCloseProbability>): Calibration {
  const probabilities = Array.from(trained.scores.score, (s) => probabilityAt(probability, s));
  return {
    method: "static",
    salesCycle: null,
    windowDays: null,
    windowSource: null,
    dataEndAt: null,
    replayedLeads: 0,
    notReplayable: trained.population.leads.length,
    curve: [],
    capacity: null,
    profileOnly: null,
    quadrants: null,
    velocity: null,
    inSampleQuality: evaluateProbabilities(probabilities, trained.population.won),
    warnings: ["No created_at dates: scores could not be replayed over time; the threshold uses final scores of closed leads, in-sample."],
  };
}

interface OutOfTimeResult {
  readonly validation: Validation;
  /** The model trained on the earlier leads (null when the split was impossible). */
  readonly early: TrainResult | null;
}

/**
 * Lift and logistic modes trained on the same earlier leads and judged on
 * the same later ones: AUC of the scores, Brier and log-loss of the close
 * probabilities, and the SDR-ready close rate at each mode's own threshold.
 */
function compareModes(
  crm: CrmData,
  config: LeadliftConfig,
  context: TrainContext,
  band: { min: number; max: number },
  usedMode: "lift" | "logistic",
  used: OutOfTimeResult,
): ModeComparison | null {
  const otherMode = usedMode === "lift" ? "logistic" : "lift";
  let other: OutOfTimeResult;
  try {
    other = validateOutOfTime(crm, { ...config, training: { ...config.training, mode: otherMode } }, context, band);
  } catch (error) {
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
      keptActions: (result.early?.model.actions ?? []).filter((a) => a.kept).map((a) => ({ action: a.action, points: a.points })),
    };
  };
  const lift = figures("lift", usedMode === "lift" ? used : other);
  const logistic = figures("logistic", usedMode === "logistic" ? used : other);
  return { lift, logistic, verdict: compareVerdict(lift, logistic) };
}

function compareVerdict(lift: ModeComparison["lift"], logistic: ModeComparison["logistic"]): string {
  if (lift.auc === null || logistic.auc === null || lift.brier === null || logistic.brier === null) {
    return "Not enough held-out outcomes to compare the modes.";
  }
  const aucGap = logistic.auc - lift.auc;
  const brierGap = lift.brier - logistic.brier;
  const better = Math.abs(aucGap) < 0.005 && Math.abs(brierGap) < 0.001 ? null : aucGap + brierGap * 10 > 0 ? "logistic" : "lift";
  const figures = `held-out AUC ${lift.auc.toFixed(3)} (lift) vs ${logistic.auc.toFixed(3)} (logistic), Brier ${lift.brier.toFixed(4)} vs ${logistic.brier.toFixed(4)}`;
  const followers = lift.keptActions.filter((a) => !logistic.keptActions.some((b) => b.action === a.action)).map((a) => a.action);
  const why = followers.length > 0 ? ` Lift gives points to ${followers.join(", ")}, which the regression finds add nothing once the other actions are known (double counting).` : "";
  return better === null
    ? `The modes rank leads about equally well: ${figures}.${why}`
    : `${better === "logistic" ? "Logistic" : "Lift"} mode does better on the later leads: ${figures}.${why}`;
}

function validateOutOfTime(crm: CrmData, config: LeadliftConfig, context: TrainContext, band: { min: number; max: number }): OutOfTimeResult {
  const notCheckedValidation = (detail: string): Validation => ({
    outOfTime: { status: "not-checked", detail, splitAt: null, trainLeads: 0, holdoutLeads: 0, threshold: null, inSample: null, heldOut: null, heldOutInBand: null, heldOutQuality: null },
  });
  const notChecked = (detail: string): OutOfTimeResult => ({ validation: notCheckedValidation(detail), early: null });
  const split = splitByCreation(crm, config.calibration.holdoutShare);
  if (!split) return notChecked("No created_at dates (or a single creation date): an out-of-time split is impossible.");
  let early: TrainResult;
  try {
    early = trainModel(split.train, config, context);
  } catch (error) {
    return notChecked(`Training on the earlier leads failed: ${(error as Error).message}`);
  }
  const earlyReplay = calibrateByReplay(split.train, withDecayedScores(split.train, early), band, config.calibration, config.training.minLiftPoints);
  const holdoutPopulation = buildTrainingPopulation(split.holdout, config.training.observationWindowDays);
  const base = {
    splitAt: new Date(split.splitAt).toISOString(),
    trainLeads: split.train.leads.length,
    holdoutLeads: split.holdout.leads.length,
  };
  let heldOutQuality = null;
  if (earlyReplay && holdoutPopulation.counts.won > 0 && holdoutPopulation.counts.lost > 0) {
    const scores = scoreAtCutoff(split.holdout, holdoutPopulation, early.model);
    heldOutQuality = evaluateProbabilities(Array.from(scores, (s) => probabilityAt(earlyReplay.calibration.probability, s)), holdoutPopulation.won);
  }
  const threshold = earlyReplay?.calibration.chosen.threshold ?? null;
  if (!earlyReplay || threshold === null) {
    return {
      early,
      validation: { outOfTime: {
        status: "not-checked",
        detail: `No threshold could be chosen on the earlier leads: ${earlyReplay?.calibration.chosen.explanation ?? "they cannot be replayed"}`,
        ...base,
        threshold: null,
        inSample: null,
        heldOut: null,
        heldOutInBand: null,
        heldOutQuality,
      } },
    };
  }
  const { leads } = buildReplayLeads(split.holdout, early.model);
  const state = { ...earlyReplay.state, leads, trajectories: leads.map((lead) => replayTrajectory(lead, early.model.decay)) };
  const created = leads.map((l) => l.createdAt);
  const spanDays = created.length > 1 ? (max(created) - min(created)) / DAY_MS : 1;
  const heldOut = evaluateThresholdOnReplay(state, threshold, spanDays);
  const heldOutInBand = heldOut.closeRate === null ? null : heldOut.closeRate >= band.min && heldOut.closeRate <= band.max;
  return {
    early,
    validation: { outOfTime: {
      status: "checked",
      detail:
        `Trained and calibrated on the ${base.trainLeads} leads created before ${base.splitAt.slice(0, 10)}; the threshold (${threshold}) was applied unchanged to the ${base.holdoutLeads} later leads. ` +
        `${heldOut.censored} held-out leads were still open with their sales-cycle window running at the end of the data (censored).`,
      ...base,
      threshold,
      inSample: earlyReplay.calibration.chosen.point,
      heldOut,
      heldOutInBand,
      heldOutQuality,
    } },
  };
}

function pct(rate: number | null): string {
  return rate === null ? "n/a" : `${(rate * 100).toFixed(1)}%`;
}
