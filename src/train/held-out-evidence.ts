import type { LeadliftConfig } from "../config/config-schema.js";
import { evaluateThresholdOnReplay, replayContext, runReplay } from "../calibrate/replay-run.js";
import { splitByCreation } from "../calibrate/out-of-time-split.js";
import { splitAtRandom } from "../calibrate/random-split.js";
import { scoreAtCutoff } from "../calibrate/score-at-cutoff.js";
import { buildTrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import type { ModelV1, Pruning, Validation } from "../model/types.js";
import type { PointRules } from "../weights/decide-points.js";
import { calibrateTrained, probabilityQuality } from "./calibrate-trained.js";
import { choosePruning, heldOutFeatures, type HeldOutFeatures } from "./choose-pruning.js";
import { learnCandidateBase, learnPointCandidates, type CandidateBase, type PointCandidates } from "./point-candidates.js";
import type { DecayEstimates } from "./learn-time-rules.js";
import { engineFor, trainModel, type TrainContext } from "./train-model.js";

type Mode = "lift" | "logistic";

/** One mode trained on the earlier leads and judged on the held-out ones. */
export interface ModeEvidence {
  readonly choice: { readonly rules: PointRules; readonly pruning: Pruning } | null;
  readonly validation: Validation;
  /** The calibrated model trained on the earlier leads (null when training there failed). */
  readonly early: ModelV1 | null;
  /** Held-out leads' scores at their cut-off under the early model, and their outcomes. */
  readonly heldOutScores: Float64Array | null;
  readonly heldOutWon: Uint8Array | null;
}

/** Both modes judged on one split, or why there is no split. */
export interface HeldOutEvidence {
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
export function gatherHeldOutEvidence(crm: CrmData, config: LeadliftConfig, context: TrainContext): HeldOutEvidence {
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
    ? `out-of-time: the latest ${Math.round(share * 100)}% of the leads old enough to judge (${holdoutPopulation.counts.won + holdoutPopulation.counts.lost} closed, created from ${new Date(timeSplit.splitAt).toISOString().slice(0, 10)}), models trained on the ${trainPopulation.counts.won + trainPopulation.counts.lost} closed leads created before${timeSplit.undated > 0 ? `; ${timeSplit.undated} leads without a creation date in neither part` : ""}`
    : `a random ${Math.round(share * 100)}% of leads (no creation dates, so no out-of-time split): ${holdoutPopulation.counts.won + holdoutPopulation.counts.lost} closed leads`;
  // Both modes learn on the same split: the mode-independent estimates, the held-out leads' features and the decay of
  // actions both keep are computed once.
  let shared: CandidateBase | undefined;
  const decayEstimates: DecayEstimates = new Map();
  let heldOut: { specs: PointCandidates["specs"]; features: HeldOutFeatures } | undefined;
  const heldOutOf = (candidates: PointCandidates): HeldOutFeatures => {
    if (heldOut?.specs !== candidates.specs) heldOut = { specs: candidates.specs, features: heldOutFeatures(split.holdout, candidates, config, holdoutPopulation) };
    return heldOut.features;
  };
  const evaluate = (mode: Mode): ModeEvidence => {
    const base = { splitAt: timeSplit ? new Date(timeSplit.splitAt).toISOString() : null, trainLeads: split.train.leads.length, holdoutLeads: split.holdout.leads.length };
    let choice: ModeEvidence["choice"];
    let early: ModelV1;
    try {
      const engine = engineFor(split.train, context);
      shared ??= learnCandidateBase(split.train, trainPopulation, config, engine);
      const candidates = learnPointCandidates(split.train, trainPopulation, config, mode, engine, shared);
      choice = choosePruning(candidates, heldOutOf(candidates), config.training, basis);
      const trained = trainModel(split.train, config, context, { mode, modeReason: `${mode} (held-out evidence)`, rules: choice.rules, pruning: choice.pruning, candidates, population: trainPopulation, decayEstimates });
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

/** A validation that says why the out-of-time check was not made (with what was measured anyway). */
export function notChecked(detail: string, partial: Partial<Validation["outOfTime"]> = {}): Validation {
  return {
    outOfTime: { status: "not-checked", detail, splitAt: null, trainLeads: 0, holdoutLeads: 0, threshold: null, inSample: null, heldOut: null, heldOutInBand: null, heldOutQuality: null, ...partial },
  };
}
