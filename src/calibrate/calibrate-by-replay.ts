import type { CalibrationOptions } from "../config/config-schema.js";
import type { CrmData } from "../io/load-crm.js";
import { fitCloseProbability, type CloseProbabilityMap } from "./close-probability.js";
import { countQuadrants, type Quadrants } from "./fit-pain-quadrants.js";
import type { ReplayPoint } from "./replay-curve.js";
import { measureVelocity, type VelocityEvidence, type VelocityRules } from "./velocity.js";
import type { TrainingPopulation } from "../features/training-population.js";
import { applyProfileLimit, type ProfileOnlyCheck } from "./profile-limit.js";
import { evaluateThresholdOnReplay, replayContext, runReplay, type ReplayContext, type ReplayRun } from "./replay-run.js";
import { scoreAtCutoff, type PopulationScores } from "./score-at-cutoff.js";
import type { ModelV1 } from "../model/types.js";

/** Everything the replay calibration of one model on one export found. */
export interface ReplayCalibration extends ReplayContext {
  readonly run: ReplayRun;
  readonly capacity: CapacityCheck | null;
  readonly profileOnly: ProfileOnlyCheck | null;
  readonly quadrants: Quadrants | null;
  readonly velocity: VelocityEvidence | null;
  readonly probability: CloseProbabilityMap;
  readonly warnings: string[];
}

/** SDR-ready leads per day at the chosen threshold against the team's capacity. */
export interface CapacityCheck {
  readonly perDay: number;
  readonly capacityPerDay: number | null;
  /** Leads arriving in 48 hours, which a 48-hour follow-up promise must absorb. */
  readonly per48Hours: number;
  readonly withinCapacity: boolean | null;
  /** Lowest threshold whose flow fits the capacity (when the chosen one does not). */
  readonly fittingThreshold: { readonly threshold: number; readonly perDay: number; readonly closeRate: number | null } | null;
}

/**
 * Calibrates a trained model by replaying every lead's score over time:
 * picks the in-band threshold most likely to stay in the band; learns velocity
 * points when fast leads close significantly better (then replays again);
 * caps FIT below the threshold when too many leads would be SDR-ready on
 * profile alone (then replays again); checks capacity and the FIT/PAIN
 * quadrants; and fits score → close probability on the final scores.
 * Returns the calibrated model, or null when leads cannot be replayed.
 */
export function calibrateByReplay(
  crm: CrmData,
  population: TrainingPopulation,
  model: ModelV1,
  band: { min: number; max: number },
  options: CalibrationOptions,
  rules: VelocityRules,
): { model: ModelV1; calibration: ReplayCalibration; scores: PopulationScores } | null {
  const context = replayContext(crm, options);
  let current = model;
  let run = runReplay(crm, current, context, band, options.minDecidedLeads);
  if (!run) return null;
  const warnings: string[] = [];
  if (context.windowSource === "no-close-dates") {
    warnings.push(
      'No won deal has a close date, so a lead that reached the threshold counts as a success when it was won, whenever that was: "within the sales cycle" cannot be checked. Map the close-date column ("columns": { "outcomes": { "closed_at": "…" } }) if the export has one.',
    );
  } else if (context.salesCycle === null && options.salesCycleDays === undefined) {
    warnings.push("No won deal has the dates to measure the sales cycle; a 90-day window was assumed. Set calibration.salesCycleDays.");
  }

  let velocity: VelocityEvidence | null = null;
  if (run.chosen.threshold !== null) {
    velocity = measureVelocity(run.replayed, run.chosen.threshold, context, rules, options.learnVelocity);
    if (velocity?.rule) {
      const withVelocity = { ...current, velocity: velocity.rule };
      const next = runReplay(crm, withVelocity, context, band, options.minDecidedLeads) as ReplayRun;
      if (next.chosen.threshold !== null) {
        current = withVelocity;
        run = next;
      } else {
        velocity = { ...velocity, rule: null, conclusion: `${velocity.conclusion} Not applied: with velocity points no threshold lands in the band.` };
      }
    }
  }

  const capped = applyProfileLimit(crm, current, run, context, band, options);
  current = capped.model;
  run = capped.run;

  const { chosen } = run;
  if (chosen.status === "no-threshold") warnings.push(chosen.explanation);
  let capacity: CapacityCheck | null = null;
  let quadrants: Quadrants | null = null;
  if (chosen.threshold !== null && chosen.point) {
    const passing = chosen.point.reached / run.replayed.leads.length;
    if (passing >= 1 / 3) {
      warnings.push(
        `${(passing * 100).toFixed(0)}% of leads reach the threshold of ${chosen.threshold}: the ${(band.min * 100).toFixed(0)}–${(band.max * 100).toFixed(0)}% band sits near this export's base rate, so the threshold barely gates. Use the score to rank leads, or set a higher band (--target-close-rate).`,
      );
    }
    const checks = checkThreshold(run, chosen.threshold, chosen.point, options);
    capacity = checks.capacity;
    quadrants = checks.quadrants;
    warnings.push(...checks.warnings);
    if (capped.check && !capped.check.withinLimit) warnings.push(capped.check.note);
  }
  const scores = scoreAtCutoff(crm, population, current);
  const probability = fitCloseProbability(scores.score, population.won);
  return {
    model: current,
    calibration: { ...context, run, capacity, profileOnly: capped.check, quadrants, velocity, probability, warnings },
    scores,
  };
}

/** A fixed model replayed on an export (a report on new data): nothing is learned. */
export interface ReplayEvaluation {
  readonly context: ReplayContext;
  readonly run: ReplayRun;
  /** The outcome at the model's threshold on this data (null without a threshold). */
  readonly atThreshold: ReplayPoint | null;
  readonly capacity: CapacityCheck | null;
  readonly quadrants: Quadrants | null;
  readonly profileOnly: { readonly leads: number; readonly share: number; readonly withinLimit: boolean } | null;
  readonly warnings: string[];
}

/**
 * Replays `model` unchanged on `crm` with the model's own sales-cycle window
 * (unless configured): the threshold curve, the outcome at the model's
 * threshold, capacity, FIT/PAIN quadrants and the profile-only share there.
 * Null when leads cannot be replayed.
 */
export function evaluateByReplay(crm: CrmData, model: ModelV1, options: CalibrationOptions): ReplayEvaluation | null {
  const context = replayContext(crm, {
    salesCycleDays: options.salesCycleDays ?? model.calibration?.windowDays ?? undefined,
    maturityDays: options.maturityDays ?? model.calibration?.maturityDays ?? undefined,
  });
  const run = runReplay(crm, model, context, model.threshold.targetBand, options.minDecidedLeads);
  if (!run) return null;
  const threshold = model.threshold.score;
  if (threshold === null) return { context, run, atThreshold: null, capacity: null, quadrants: null, profileOnly: null, warnings: [] };
  const atThreshold = evaluateThresholdOnReplay(run, threshold, context);
  const checks = checkThreshold(run, threshold, atThreshold, options);
  const { trajectories } = run.replayed;
  let onProfile = 0;
  for (let i = 0; i < trajectories.size; i++) if (trajectories.initialFit(i) >= threshold) onProfile += 1;
  const share = onProfile / run.replayed.leads.length;
  return {
    context,
    run,
    atThreshold,
    capacity: checks.capacity,
    quadrants: checks.quadrants,
    profileOnly: { leads: onProfile, share, withinLimit: share <= options.maxProfileOnlyShare },
    warnings: checks.warnings,
  };
}

/** Capacity and FIT/PAIN quadrants of the leads that reach `threshold` in replay, with their warnings. */
function checkThreshold(run: ReplayRun, threshold: number, point: ReplayPoint, options: CalibrationOptions): { capacity: CapacityCheck; quadrants: Quadrants; warnings: string[] } {
  const warnings: string[] = [];
  const capacity = checkCapacity(point, run.curve, options.sdrCapacityPerDay ?? null);
  if (capacity.withinCapacity === false) {
    warnings.push(
      `The threshold sends ${capacity.perDay.toFixed(1)} SDR-ready leads a day, more than the ${capacity.capacityPerDay} the team can contact within 48 hours` +
        (capacity.fittingThreshold ? `; a threshold of ${capacity.fittingThreshold.threshold} fits (${capacity.fittingThreshold.perDay.toFixed(1)} a day).` : "; no threshold fits."),
    );
  }
  const { trajectories } = run.replayed;
  const fit: number[] = [];
  const pain: number[] = [];
  for (let i = 0; i < trajectories.size; i++) {
    const k = trajectories.firstReaching(i, threshold);
    if (k < 0) continue;
    fit.push(trajectories.fitAt[k]);
    pain.push(trajectories.painAt[k]);
  }
  const quadrants = countQuadrants(fit, pain, threshold);
  if (quadrants.noShare !== null && quadrants.noShare > options.maxNoQuadrantShare) {
    warnings.push(
      `${(quadrants.noShare * 100).toFixed(1)}% of SDR-ready leads have bad FIT and low PAIN (limit ${(options.maxNoQuadrantShare * 100).toFixed(0)}%): the scoring needs adjusting.`,
    );
  }
  return { capacity, quadrants, warnings };
}

function checkCapacity(point: ReplayPoint, curve: readonly ReplayPoint[], capacityPerDay: number | null): CapacityCheck {
  const withinCapacity = capacityPerDay === null ? null : point.perDay <= capacityPerDay;
  const fitting =
    capacityPerDay === null || withinCapacity ? undefined : curve.find((p) => p.perDay <= capacityPerDay && p.threshold > point.threshold);
  return {
    perDay: point.perDay,
    capacityPerDay,
    per48Hours: point.perDay * 2,
    withinCapacity,
    fittingThreshold: fitting ? { threshold: fitting.threshold, perDay: fitting.perDay, closeRate: fitting.closeRate } : null,
  };
}
