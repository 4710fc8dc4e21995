import type { LeadliftConfig } from "../config/config-schema.js";
import { LeadliftError } from "../errors.js";
import { probabilityAt, fitCloseProbability, type CloseProbabilityMap } from "../calibrate/close-probability.js";
import { evaluateProbabilities, type ProbabilityQuality } from "../calibrate/evaluate-probabilities.js";
import { splitByCreation } from "../calibrate/out-of-time-split.js";
import { splitAtRandom } from "../calibrate/random-split.js";
import { buildTrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import { areaUnderRoc } from "../stats/auc.js";
import { comparePairedAuc, type PairedAucComparison } from "../stats/paired-bootstrap-auc.js";
import type { PointRules } from "../weights/decide-points.js";
import { describeScoreDistribution } from "../weights/score-distribution.js";
import { calibrateAccountThreshold } from "./calibrate-accounts.js";
import { calibrateByReplay, type ReplayCalibration } from "./calibrate-model.js";
import { choosePruning, heldOutFeatures } from "./choose-pruning.js";
import { evaluateThresholdOnReplay, replayContext, runReplay } from "./replay-run.js";
import { applyColdStart } from "./cold-start.js";
import { learnPointCandidates } from "./point-candidates.js";
import { scoreAtCutoff, type PopulationScores } from "./score-at-cutoff.js";
import { AUTO_FALLBACK_MODE, trainModel, type TrainContext, type TrainResult } from "./train-model.js";
import type { Calibration, ModeComparison, ModelV1, Pruning, Validation } from "./types.js";

type Mode = "lift" | "logistic";

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
    const trained = trainModel(crm, config, context);
    return { ...trained, model: applyColdStart(trained.model, reason) };
  }
  const evidence = gatherHeldOutEvidence(crm, config, context);
  const selection = chooseMode(config.training.mode, evidence);
  const chosen = evidence.byMode?.[selection.mode] ?? null;
  const trained = trainModel(crm, config, context, {
    mode: selection.mode,
    modeReason: selection.reason,
    ...(chosen?.choice ? { rules: chosen.choice.rules, pruning: chosen.choice.pruning } : {}),
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

/** One mode trained on the earlier leads and judged on the held-out ones. */
interface ModeEvidence {
  readonly choice: { readonly rules: PointRules; readonly pruning: Pruning } | null;
  readonly validation: Validation;
  /** The calibrated model trained on the earlier leads (null when training there failed). */
  readonly early: ModelV1 | null;
  /** Held-out leads' scores at their cut-off under the early model, and their outcomes. */
  readonly heldOutScores: Float64Array | null;
  readonly heldOutWon: Uint8Array | null;
}

interface HeldOutEvidence {
  /** Why there is no held-out evidence (null when there is). */
  readonly unavailable: string | null;
  readonly basis: string;
  readonly byMode: Record<Mode, ModeEvidence> | null;
}

/** Seed of the random hold-out used when leads have no dates. */
const RANDOM_SPLIT_SEED = 20261122;

/**
 * Both modes on the same split: pruning chosen on the hold-out, then the
 * early model calibrated and replayed on the later leads.
 */
function gatherHeldOutEvidence(crm: CrmData, config: LeadliftConfig, context: TrainContext): HeldOutEvidence {
  const share = config.calibration.holdoutShare;
  const dated = crm.timestamps.createdAt;
  const whole = dated ? replayContext(crm, config.calibration) : null;
  const timeSplit = whole ? splitByCreation(crm, share, whole.matureBefore) : null;
  const split = timeSplit ?? (dated ? null : splitAtRandom(crm, share, RANDOM_SPLIT_SEED));
  if (!split) {
    return {
      unavailable: dated
        ? "Too few leads old enough to judge (created before the maturity cut-off) to hold any out: an out-of-time check is impossible."
        : "Too few leads to hold any out.",
      basis: "",
      byMode: null,
    };
  }
  const holdoutPopulation = buildTrainingPopulation(split.holdout, config.training.observationWindowDays);
  const trainPopulation = buildTrainingPopulation(split.train, config.training.observationWindowDays);
  const basis = timeSplit
    ? `out-of-time: the latest ${Math.round(share * 100)}% of the leads old enough to judge (${holdoutPopulation.counts.won + holdoutPopulation.counts.lost} closed, created from ${new Date(timeSplit.splitAt).toISOString().slice(0, 10)}), models trained on the ${trainPopulation.counts.won + trainPopulation.counts.lost} closed leads created before`
    : `a random ${Math.round(share * 100)}% of leads (no creation dates, so no out-of-time split): ${holdoutPopulation.counts.won + holdoutPopulation.counts.lost} closed leads`;
  const evaluate = (mode: Mode): ModeEvidence => {
    const base = { splitAt: timeSplit ? new Date(timeSplit.splitAt).toISOString() : null, trainLeads: split.train.leads.length, holdoutLeads: split.holdout.leads.length };
    let choice: ModeEvidence["choice"];
    let early: ModelV1;
    try {
      const candidates = learnPointCandidates(split.train, trainPopulation, config, mode, context.featureEngine);
      choice = choosePruning(candidates, heldOutFeatures(split.holdout, candidates, config), config.training, basis);
      const trained = trainModel(split.train, config, context, { mode, modeReason: `${mode} (held-out evidence)`, rules: choice.rules, pruning: choice.pruning, candidates });
      early = calibrateTrained(split.train, trained, config).model;
    } catch (error) {
      return { choice: null, validation: notChecked(`Training on the earlier leads failed: ${(error as Error).message}`, base), early: null, heldOutScores: null, heldOutWon: null };
    }
    const bothOutcomes = holdoutPopulation.counts.won > 0 && holdoutPopulation.counts.lost > 0;
    const heldOutScores = bothOutcomes ? scoreAtCutoff(split.holdout, holdoutPopulation, early).score : null;
    const heldOutQuality = heldOutScores && early.probability ? probabilityQuality(heldOutScores, early.probability, holdoutPopulation.won) : null;
    const partial = { ...base, heldOutQuality };
    const scored = { choice, early, heldOutScores, heldOutWon: heldOutScores ? holdoutPopulation.won : null };
    if (!timeSplit || !whole) {
      return { ...scored, validation: notChecked(`No creation dates: an out-of-time check is impossible; held-out figures come from ${basis}.`, partial) };
    }
    const threshold = early.threshold.method === "replay" ? early.threshold.score : null;
    if (threshold === null) {
      return { ...scored, validation: notChecked(`No threshold could be chosen on the earlier leads: ${early.threshold.explanation}`, partial) };
    }
    // The hold-out is replayed with the earlier model and its sales-cycle window, up to the end of the whole export.
    const holdoutContext = { ...whole, windowDays: early.calibration?.windowDays ?? whole.windowDays };
    const run = runReplay(split.holdout, early, holdoutContext, config.training.targetCloseRate, config.calibration.minDecidedLeads);
    if (!run) return { ...scored, validation: notChecked("The held-out leads cannot be replayed.", partial) };
    const heldOut = evaluateThresholdOnReplay(run, threshold, holdoutContext);
    const band = config.training.targetCloseRate;
    const decided = heldOut.successes + heldOut.failures;
    return {
      ...scored,
      validation: {
        outOfTime: {
          status: "checked",
          detail:
            `Trained and calibrated on the ${base.trainLeads} leads created before ${base.splitAt!.slice(0, 10)}; the threshold (${threshold}) was applied unchanged to the ${base.holdoutLeads} later leads old enough to judge ` +
            `(the latest ${Math.round(share * 100)}% of them; younger leads are in neither part). ${decided} held-out leads reached it with their outcome decided within the sales cycle; ${heldOut.censored} were still open with their window running (censored).`,
          ...base,
          threshold,
          inSample: early.calibration?.curve.find((p) => p.threshold === threshold) ?? null,
          heldOut,
          heldOutInBand: heldOut.closeRate === null ? null : heldOut.closeRate >= band.min && heldOut.closeRate <= band.max,
          heldOutQuality,
        },
      },
    };
  };
  return { unavailable: null, basis, byMode: { lift: evaluate("lift"), logistic: evaluate("logistic") } };
}

/**
 * The mode to train: as configured, or — for `auto` — the one that ranks
 * the held-out leads better by a paired bootstrap of the AUC difference;
 * when its interval includes 0, `AUTO_FALLBACK_MODE` (see README).
 */
function chooseMode(requested: Mode | "auto", evidence: HeldOutEvidence): { mode: Mode; reason: string; comparison: PairedAucComparison | null } {
  const comparison = pairedComparison(evidence);
  if (requested !== "auto") return { mode: requested, reason: `${requested}, as configured (training.mode).`, comparison };
  if (comparison === null) {
    return { mode: AUTO_FALLBACK_MODE, reason: `auto: no held-out comparison was possible (${evidence.unavailable ?? "one mode failed on the earlier leads"}), so ${AUTO_FALLBACK_MODE}, the default.`, comparison };
  }
  const d = comparison.difference;
  const figures = `held-out AUC ${comparison.first.auc.toFixed(3)} (lift) vs ${comparison.second.auc.toFixed(3)} (logistic), difference ${signedAuc(d.estimate)} (95% CI ${signedAuc(d.lower)} to ${signedAuc(d.upper)})`;
  if (d.lower > 0) return { mode: "logistic", reason: `auto: logistic ranks the held-out leads better: ${figures}.`, comparison };
  if (d.upper < 0) return { mode: "lift", reason: `auto: lift ranks the held-out leads better: ${figures}.`, comparison };
  return {
    mode: AUTO_FALLBACK_MODE,
    reason: `auto: no clear difference in ranking (${figures}), so ${AUTO_FALLBACK_MODE}, the default: one regression does not count correlated actions twice.`,
    comparison,
  };
}

/** Paired bootstrap of the two modes' held-out AUCs, when both were scored on the same leads with both outcomes. */
function pairedComparison(evidence: HeldOutEvidence): PairedAucComparison | null {
  const lift = evidence.byMode?.lift;
  const logistic = evidence.byMode?.logistic;
  if (!lift?.heldOutScores || !logistic?.heldOutScores || !lift.heldOutWon) return null;
  return comparePairedAuc(lift.heldOutScores, logistic.heldOutScores, lift.heldOutWon);
}

function notChecked(detail: string, partial: Partial<Validation["outOfTime"]> = {}): Validation {
  return {
    outOfTime: { status: "not-checked", detail, splitAt: null, trainLeads: 0, holdoutLeads: 0, threshold: null, inSample: null, heldOut: null, heldOutInBand: null, heldOutQuality: null, ...partial },
  };
}

function signedAuc(value: number): string {
  return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(3)}`;
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

/**
 * Lift and logistic modes trained on the same earlier leads and judged on
 * the same held-out ones: AUC of the scores with paired bootstrap
 * intervals, Brier and log-loss of the close probabilities, and the
 * SDR-ready close rate at each mode's own threshold.
 */
function compareModes(evidence: HeldOutEvidence, comparison: PairedAucComparison | null): ModeComparison | null {
  if (!evidence.byMode) return null;
  const figures = (mode: Mode, result: ModeEvidence, aucInterval: { lower: number; upper: number } | null) => {
    const oot = result.validation.outOfTime;
    const q = oot.heldOutQuality;
    return {
      mode,
      status: q ? ("checked" as const) : ("not-checked" as const),
      detail: oot.detail,
      auc: q?.auc ?? null,
      aucInterval,
      brier: q?.brier ?? null,
      logLoss: q?.logLoss ?? null,
      threshold: oot.threshold,
      heldOut: oot.heldOut,
      keptActions: (result.early?.actions ?? []).filter((a) => a.kept).map((a) => ({ action: a.action, points: a.points })),
      keptProfileValues: (result.early?.profile.rules ?? []).filter((r) => r.kept).length,
      pruning: result.choice?.pruning ?? null,
    };
  };
  const lift = figures("lift", evidence.byMode.lift, comparison && { lower: comparison.first.lower, upper: comparison.first.upper });
  const logistic = figures("logistic", evidence.byMode.logistic, comparison && { lower: comparison.second.lower, upper: comparison.second.upper });
  return {
    basis: evidence.basis,
    lift,
    logistic,
    aucDifference: comparison ? { ...comparison.difference, replicates: comparison.replicates } : null,
    verdict: compareVerdict(lift, logistic, comparison, doubleCountingNote(evidence.byMode.lift.early, evidence.byMode.logistic.early), evidence.basis),
  };
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
    .map((a) => {
      const other = inRegression.get(a.action)!;
      return `${a.action} (${signed(a.points)} by lift, ${other.liftPoints === null ? "not estimable" : signed(other.liftPoints)} with the other actions held fixed)`;
    });
  return shrunk.length === 0
    ? ""
    : ` Lift mode gives points to ${shrunk.join(", ")}: part of their lift belongs to the actions they go with (double counting), which the regression removes.`;
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/**
 * Which mode did better on the held-out leads, in words, from the paired
 * bootstrap of the AUC difference: "no clear difference" when its 95%
 * interval includes 0 (the paired interval, not whether the two separate
 * intervals overlap: both scores rank the same leads, so their errors are
 * correlated and the separate intervals overstate the uncertainty of the gap).
 */
export function compareVerdict(
  lift: Pick<ModeComparison["lift"], "auc" | "brier" | "logLoss">,
  logistic: Pick<ModeComparison["logistic"], "auc" | "brier" | "logLoss">,
  comparison: PairedAucComparison | null,
  why = "",
  basis = "",
): string {
  if (comparison === null || lift.auc === null || logistic.auc === null) {
    return basis === ""
      ? "No held-out leads to compare the modes on: too few leads old enough to judge."
      : "The modes could not both be scored on the held-out leads (one failed to train, or the hold-out has a single outcome), so they are not compared.";
  }
  const d = comparison.difference;
  const probabilities =
    lift.logLoss !== null && logistic.logLoss !== null && lift.brier !== null && logistic.brier !== null
      ? `; log-loss ${lift.logLoss.toFixed(4)} vs ${logistic.logLoss.toFixed(4)}, Brier ${lift.brier.toFixed(4)} vs ${logistic.brier.toFixed(4)}`
      : "";
  const figures =
    `held-out AUC ${lift.auc.toFixed(3)} (95% CI ${comparison.first.lower.toFixed(3)}–${comparison.first.upper.toFixed(3)}) for lift vs ` +
    `${logistic.auc.toFixed(3)} (${comparison.second.lower.toFixed(3)}–${comparison.second.upper.toFixed(3)}) for logistic; ` +
    `paired difference ${signedAuc(d.estimate)} (95% CI ${signedAuc(d.lower)} to ${signedAuc(d.upper)})${probabilities}`;
  if (d.lower <= 0 && d.upper >= 0) return `No clear difference between the modes: ${figures}.${why}`;
  const winner = d.lower > 0 ? "Logistic" : "Lift";
  return `${winner} mode ranks the held-out leads better: ${figures}.${why}`;
}

function pct(rate: number | null): string {
  return rate === null ? "n/a" : `${(rate * 100).toFixed(1)}%`;
}
