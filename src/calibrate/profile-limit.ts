import type { CalibrationOptions } from "../config/config-schema.js";
import type { CrmData } from "../io/load-crm.js";
import { chooseCalibratedThreshold } from "./choose-calibrated-threshold.js";
import { candidateThresholds, replayCurve, type ReplayPoint } from "./replay-curve.js";
import type { TrajectoryStore } from "./trajectory-store.js";
import { roundScore } from "leadlift-runtime/internal";
import { runReplay, type ReplayContext, type ReplayRun } from "./replay-run.js";
import type { ModelV1 } from "../model/types.js";

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
export function applyProfileLimit(
  crm: CrmData,
  model: ModelV1,
  run: ReplayRun,
  context: ReplayContext,
  band: { min: number; max: number },
  options: CalibrationOptions,
): { model: ModelV1; run: ReplayRun; check: ProfileOnlyCheck | null } {
  const limit = options.maxProfileOnlyShare;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const { trajectories } = run.replayed;
  const fits = Float64Array.from({ length: trajectories.size }, (_, i) => trajectories.initialFit(i));
  // Counted, not filtered: this runs for every point of the curve, over every replayed lead.
  const profileOnly = (threshold: number, cap: number) => {
    let leads = 0;
    for (const fit of fits) if (Math.min(fit, cap) >= threshold) leads += 1;
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
  // Not Math.min(...fits): spreading more than about 120k arguments overflows the stack.
  const lowestFit = fits.reduce((lowest, fit) => Math.min(lowest, fit), Infinity);
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
function shiftByCap(run: ReplayRun, cap: number): TrajectoryStore {
  const { trajectories } = run.replayed;
  const shiftOf = (i: number) => Math.min(trajectories.initialFit(i), cap) - trajectories.initialFit(i);
  return trajectories.shifted((level, i) => roundScore(level + shiftOf(i)), shiftOf);
}
