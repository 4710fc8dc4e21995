import { max, min, quantile } from "simple-statistics";
import type { CalibrationOptions } from "../config/config-schema.js";
import type { CrmData } from "../io/load-crm.js";
import { chooseCalibratedThreshold, type CalibratedThreshold } from "../calibrate/choose-calibrated-threshold.js";
import { fitCloseProbability, type CloseProbabilityMap } from "../calibrate/close-probability.js";
import { countQuadrants, type Quadrants } from "../calibrate/fit-pain-quadrants.js";
import { candidateThresholds, replayCurve, type ReplayPoint } from "../calibrate/replay-curve.js";
import { firstReaching, type Trajectory } from "../calibrate/replay-leads.js";
import { roundScore } from "../runtime/time-rules.js";
import { measureSalesCycle, type SalesCycle } from "../calibrate/sales-cycle.js";
import { measureVelocity, type VelocityEvidence, type VelocityRules } from "../calibrate/velocity.js";
import type { TrainingPopulation } from "../features/training-population.js";
import { dataEndOf, replayLeads, type ReplayedLeads } from "./build-replay-leads.js";
import { replayAccounts } from "./replay-accounts.js";
import { scoreAtCutoff, type PopulationScores } from "./score-at-cutoff.js";
import type { ModelV1 } from "./types.js";

const DAY_MS = 86_400_000;

/** What every replay of one export shares: the sales-cycle window and the end of the data. */
export interface ReplayContext {
  readonly salesCycle: SalesCycle | null;
  readonly windowDays: number;
  readonly windowSource: "config" | "measured-mean";
  /** The end of the export (epoch ms): windows running past it are censored. */
  readonly dataEndAt: number;
  /** Days a won deal takes from creation to close (90th percentile, or config): younger leads are too recent to judge. */
  readonly maturityDays: number;
  /** dataEndAt − maturityDays: leads created from then on are censored. */
  readonly matureBefore: number;
}

/** One model replayed on one export: trajectories, the threshold curve and the in-band choice. */
export interface ReplayRun {
  readonly replayed: ReplayedLeads;
  readonly curve: ReplayPoint[];
  readonly chosen: CalibratedThreshold;
  /** Days spanned by the replayed leads' creation dates (for per-day rates). */
  readonly spanDays: number;
}

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

/** Leads SDR-ready on FIT alone, and what was done about it. */
export interface ProfileOnlyCheck {
  readonly leads: number;
  readonly share: number;
  readonly withinLimit: boolean;
  /** The share before FIT was capped (null when no cap was applied). */
  readonly shareBeforeCap: number | null;
  /** FIT cap applied by calibration (null: none). */
  readonly fitCap: number | null;
  readonly note: string;
}

/** The sales-cycle window and data end of an export (config overrides the measured mean). */
export function replayContext(crm: CrmData, options: Pick<CalibrationOptions, "salesCycleDays" | "maturityDays">): ReplayContext {
  const won = [...crm.outcomes.values()].filter((o) => o.status === "won");
  const createdAtOf = new Map(crm.leads.map((l) => [l.leadId, l.createdAt]));
  const salesCycle = measureSalesCycle(won.map((o) => ({ createdAt: createdAtOf.get(o.leadId) ?? null, handoffAt: o.handoffAt, closedAt: o.closedAt })));
  const dataEndAt = dataEndOf(crm);
  const maturityDays = options.maturityDays ?? measureMaturityDays(crm) ?? 0;
  return {
    salesCycle,
    windowDays: options.salesCycleDays ?? salesCycle?.meanDays ?? 90,
    windowSource: options.salesCycleDays !== undefined ? "config" : "measured-mean",
    dataEndAt,
    maturityDays,
    matureBefore: dataEndAt - maturityDays * DAY_MS,
  };
}

/**
 * 90th percentile of days from creation to close of won deals: how long a
 * lead must have existed before its outcome can be judged. Null without dates.
 */
function measureMaturityDays(crm: CrmData): number | null {
  const createdAtOf = new Map(crm.leads.map((l) => [l.leadId, l.createdAt]));
  const days: number[] = [];
  for (const o of crm.outcomes.values()) {
    const createdAt = createdAtOf.get(o.leadId);
    if (o.status === "won" && o.closedAt !== null && createdAt != null && o.closedAt >= createdAt) days.push((o.closedAt - createdAt) / DAY_MS);
  }
  return days.length > 0 ? quantile(days, 0.9) : null;
}

/**
 * Replays `model` on `crm` and chooses the threshold closest to the middle
 * of the band; null when no lead can be replayed (no creation dates).
 */
export function runReplay(crm: CrmData, model: ModelV1, context: ReplayContext, band: { min: number; max: number }, minDecided: number): ReplayRun | null {
  const replayed = replayLeads(crm, model);
  if (replayed.leads.length === 0) return null;
  const created = replayed.leads.map((l) => l.createdAt);
  const spanDays = Math.max(1, (max(created) - min(created)) / DAY_MS);
  const curve = replayCurve(replayed.leads, replayed.trajectories, candidateThresholds(replayed.trajectories), { ...context, spanDays });
  return { replayed, curve, chosen: chooseCalibratedThreshold(curve, band, { minDecided }), spanDays };
}

/** The replay outcome at a fixed threshold (the out-of-time hold-out, or a report on new data). */
export function evaluateThresholdOnReplay(run: ReplayRun, threshold: number, context: ReplayContext): ReplayPoint {
  return replayCurve(run.replayed.leads, run.replayed.trajectories, [threshold], { ...context, spanDays: run.spanDays })[0];
}

/**
 * Calibrates a trained model by replaying every lead's score over time:
 * picks the threshold closest to the middle of the band; learns velocity
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
  if (context.salesCycle === null && options.salesCycleDays === undefined) {
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

/**
 * The account threshold, calibrated like the lead one: accounts replayed by
 * their top-`k` roll-up over time, each counted a success when it was won
 * within the sales cycle after its roll-up first reached the threshold, and
 * the threshold closest to the middle of the band chosen.
 */
export function calibrateAccountThreshold(
  crm: CrmData,
  model: ModelV1,
  band: { min: number; max: number },
  options: CalibrationOptions,
): NonNullable<ModelV1["accounts"]> | null {
  if (!crm.accountOutcomes) return null;
  const k = options.accountTopK;
  const replayed = replayAccounts(crm, model, k);
  const base = { method: "top-k-sum" as const, k, replayedAccounts: replayed.accounts.length, notReplayable: replayed.notReplayable };
  if (replayed.accounts.length === 0) {
    return { ...base, threshold: null, status: "no-threshold", point: null, explanation: "No account has a lead with a creation date: accounts cannot be replayed.", curve: [] };
  }
  const context = replayContext(crm, options);
  const created = replayed.accounts.map((a) => a.createdAt);
  const spanDays = Math.max(1, (max(created) - min(created)) / DAY_MS);
  const curve = replayCurve(replayed.accounts, replayed.trajectories, candidateThresholds(replayed.trajectories), { ...context, spanDays });
  const chosen = chooseCalibratedThreshold(curve, band, { minDecided: options.minDecidedLeads });
  return {
    ...base,
    threshold: chosen.threshold,
    status: chosen.status,
    point: chosen.point,
    explanation: chosen.explanation.replace(/^Leads whose score/, "Accounts whose roll-up"),
    curve: curve.filter((p) => p.reached > 0),
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
  const onProfile = run.replayed.leads.filter((l) => l.fit >= threshold).length;
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
  for (const trajectory of trajectories) {
    const k = firstReaching(trajectory, threshold);
    if (k < 0) continue;
    fit.push(trajectory.fitAt[k]);
    pain.push(trajectory.painAt[k]);
  }
  const quadrants = countQuadrants(fit, pain, threshold);
  if (quadrants.noShare !== null && quadrants.noShare > options.maxNoQuadrantShare) {
    warnings.push(
      `${(quadrants.noShare * 100).toFixed(1)}% of SDR-ready leads have bad FIT and low PAIN (limit ${(options.maxNoQuadrantShare * 100).toFixed(0)}%): the scoring needs adjusting.`,
    );
  }
  return { capacity, quadrants, warnings };
}

/**
 * Keeps the share of leads SDR-ready on FIT alone within
 * `maxProfileOnlyShare` — FIT should open the door, behaviour carry leads
 * through it. First by choosing, among in-band thresholds, the one closest
 * to the band's middle that respects the limit; failing that, by capping FIT
 * below the threshold: the highest cap for which some in-band threshold
 * above it exists. FIT is fixed from creation, so a cap shifts each lead's
 * replayed scores by a constant and the search needs no new replay; the
 * chosen cap is then replayed for real. Nothing changes when the model has
 * no action points (the profile is all there is) or `capFit` is off: then it
 * says so.
 */
function applyProfileLimit(
  crm: CrmData,
  model: ModelV1,
  run: ReplayRun,
  context: ReplayContext,
  band: { min: number; max: number },
  options: CalibrationOptions,
): { model: ModelV1; run: ReplayRun; check: ProfileOnlyCheck | null } {
  const limit = options.maxProfileOnlyShare;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const fits = run.replayed.leads.map((l) => l.fit);
  const profileOnly = (threshold: number, cap: number) => {
    const leads = fits.filter((f) => Math.min(f, cap) >= threshold).length;
    return { leads, share: leads / fits.length };
  };
  if (run.chosen.threshold === null) return { model, run, check: null };
  const first = run.chosen.threshold;
  const before = profileOnly(first, Infinity);
  const uncapped = (share: { leads: number; share: number }, note: string): ProfileOnlyCheck => ({
    ...share,
    withinLimit: share.share <= limit,
    shareBeforeCap: null,
    fitCap: null,
    note,
  });
  if (before.share <= limit) return { model, run, check: uncapped(before, `${pct(before.share)} of leads are SDR-ready on profile alone (limit ${pct(limit)}).`) };
  if (!model.actions.some((a) => a.kept && a.points > 0)) {
    return {
      model,
      run,
      check: uncapped(
        before,
        `${pct(before.share)} of leads are SDR-ready on profile alone (limit ${pct(limit)}): the model has no action points, so the profile is all there is to score — neither the threshold nor FIT was changed for it. Add an events file to let behaviour carry leads.`,
      ),
    };
  }

  const within = (cap: number) => (p: ReplayPoint) => profileOnly(p.threshold, cap).share <= limit;
  const alternative = chooseCalibratedThreshold(run.curve.filter(within(Infinity)), band, { minDecided: options.minDecidedLeads });
  if (alternative.threshold !== null) {
    const chosen = { ...alternative, explanation: `${alternative.explanation} (${first}, closer to the middle, would make ${pct(before.share)} of leads SDR-ready on profile alone.)` };
    const share = profileOnly(alternative.threshold, Infinity);
    return { model, run: { ...run, chosen }, check: uncapped(share, `${pct(share.share)} of leads are SDR-ready on profile alone (limit ${pct(limit)}); threshold ${first} would have made it ${pct(before.share)}.`) };
  }
  const tooMany = `${pct(before.share)} of leads are SDR-ready on profile alone at ${first} (limit ${pct(limit)}), and no in-band threshold avoids it: FIT should open the door, behaviour should carry leads through it.`;
  if (!options.capFit) return { model, run, check: uncapped(before, `${tooMany} FIT was not capped (calibration.capFit is off): lower the profile points or raise the threshold.`) };
  const lowestFit = Math.min(...fits);
  for (let cap = Math.ceil(first) - 1; cap >= Math.floor(lowestFit); cap--) {
    const shifted = shiftByCap(run, cap);
    const curve = replayCurve(run.replayed.leads, shifted, candidateThresholds(shifted), { ...context, spanDays: run.spanDays });
    const choice = chooseCalibratedThreshold(curve.filter(within(cap)), band, { minDecided: options.minDecidedLeads });
    if (choice.threshold === null) continue;
    const capped = { ...model, profile: { ...model.profile, fitCap: cap } };
    const cappedRun = runReplay(crm, capped, context, band, options.minDecidedLeads) as ReplayRun;
    const threshold = cappedRun.chosen.threshold === choice.threshold ? cappedRun.chosen : { ...choice, explanation: choice.explanation };
    const finalRun = { ...cappedRun, chosen: threshold };
    const share = profileOnly(choice.threshold, cap);
    return {
      model: capped,
      run: finalRun,
      check: {
        ...share,
        withinLimit: share.share <= limit,
        shareBeforeCap: before.share,
        fitCap: cap,
        note: `${tooMany} So FIT is capped at ${cap} points, below the threshold of ${choice.threshold}: behaviour must carry every lead over it. With the cap: ${pct(share.share)}.`,
      },
    };
  }
  return { model, run, check: uncapped(before, `${tooMany} No FIT cap leaves an in-band threshold, so FIT was not capped: lower the profile points or widen the band.`) };
}

/** Trajectories as they would be with FIT capped at `cap`: FIT is fixed from creation, so each lead's levels shift by a constant. */
function shiftByCap(run: ReplayRun, cap: number): Trajectory[] {
  return run.replayed.trajectories.map((t, i) => {
    const shift = Math.min(run.replayed.leads[i].fit, cap) - run.replayed.leads[i].fit;
    return shift === 0 ? t : { ...t, levels: t.levels.map((level) => roundScore(level + shift)), fitAt: t.fitAt.map((f) => f + shift) };
  });
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
