import { quantile } from "simple-statistics";
import { stratifyByExposure } from "../features/exposure-strata.js";
import { computeLift } from "../stats/lift.js";
import { roundPoints } from "../weights/decide-points.js";
import { classifyOutcome, type OutcomeWindow } from "./replay-curve.js";
import type { ReplayLead } from "./replay-leads.js";
import type { TrajectoryStore } from "./trajectory-store.js";

const DAY_MS = 86_400_000;

/** The rules velocity evidence must pass to earn points (the action rules). */
export interface VelocityRules {
  readonly minLiftPoints: number;
  readonly significanceLevel: number;
  readonly exposureStrata: number;
}

/** Do leads that get to SDR-ready fast close better? The evidence, and the rule it gives. */
export interface VelocityEvidence {
  /** The threshold at which speed was measured. */
  readonly atThreshold: number;
  /** Median action points per day since creation when the threshold was reached: the fast/slow line. */
  readonly medianPointsPerDay: number;
  readonly fast: { readonly leads: number; readonly won: number; readonly closeRate: number | null };
  readonly slow: { readonly leads: number; readonly won: number; readonly closeRate: number | null };
  /** Fast minus slow close rate within exposure strata (Mantel–Haenszel), in points. */
  readonly liftPoints: number | null;
  /** Cochran–Mantel–Haenszel p-value (Fisher exact with one stratum). */
  readonly pValue: number | null;
  /** The velocity rule the runtime applies, or null when the evidence does not earn one. */
  readonly rule: { readonly minPointsPerDay: number; readonly points: number } | null;
  readonly conclusion: string;
}

/** Fewest decided leads at the threshold for a fast/slow comparison. */
const MIN_LEADS = 40;
/** Strata of the score at crossing, within which fast and slow leads are compared. */
const LEVEL_STRATA = 4;

/**
 * Velocity evidence at `threshold`: among replayed leads that reached it
 * (and whose outcome is decided), speed = action points per day since
 * creation (at least one day) at that moment. Leads at or above the median
 * speed are "fast". Their success rate (won within the sales cycle) is
 * compared with the slow ones' (Mantel–Haenszel) within exposure-time
 * strata, because a lead handed off early cannot be slow — the same
 * like-with-like rule as lift — crossed with strata of the score at
 * crossing, because a lead that jumps the threshold with one strong action
 * is "fast" and strong at once, and its strength is already in its points.
 * Speed counts action points only: FIT is there from creation and would make
 * every good-profile lead "fast" on its first day.
 * Earns `rule` (points = the adjusted difference, rounded) when fast leads
 * close better by at least `minLiftPoints` at `significanceLevel`.
 */
export function measureVelocity(
  replayed: { readonly leads: readonly ReplayLead[]; readonly trajectories: TrajectoryStore },
  threshold: number,
  context: OutcomeWindow,
  rules: VelocityRules,
  learn = true,
): VelocityEvidence | null {
  const speeds: number[] = [];
  const success: number[] = [];
  const exposures: number[] = [];
  const levels: number[] = [];
  const store = replayed.trajectories;
  replayed.leads.forEach((lead, i) => {
    const k = store.firstReaching(i, threshold);
    if (k < 0) return;
    const outcome = classifyOutcome(lead, store.reachedAt[k], context);
    if (outcome === "censored") return;
    const days = Math.max(1, (store.reachedAt[k] - lead.createdAt) / DAY_MS);
    speeds.push(store.actionAt[k] / days);
    levels.push(store.levels[k]);
    success.push(outcome === "success" ? 1 : 0);
    exposures.push(((lead.handoffAt ?? lead.closedAt ?? context.dataEndAt) - lead.createdAt) / DAY_MS);
  });
  if (speeds.length < MIN_LEADS) return null;
  const median = quantile(speeds, 0.5);
  const fastOf = speeds.map((s) => (s >= median ? 1 : 0));
  const group = (flag: number) => {
    let leads = 0;
    let won = 0;
    fastOf.forEach((f, i) => {
      if (f !== flag) return;
      leads += 1;
      won += success[i];
    });
    return { leads, won, closeRate: leads > 0 ? won / leads : null };
  };
  const fast = group(1);
  const slow = group(0);
  const base = { atThreshold: threshold, medianPointsPerDay: median, fast, slow };
  const pct = (rate: number | null) => (rate === null ? "n/a" : `${(rate * 100).toFixed(1)}%`);
  if (!(median > 0) || slow.leads === 0) {
    return { ...base, liftPoints: null, pValue: null, rule: null, conclusion: "Leads reach the threshold with too little spread in action points per day to compare fast and slow ones; no velocity points." };
  }
  // Like with like twice over: leads with as long to act, and leads that crossed at a similar score — a lead
  // that crossed with one big action is both faster and stronger, which is strength, not speed.
  const byExposure = stratifyByExposure(Float64Array.from(exposures), rules.exposureStrata);
  const byLevel = stratifyByExposure(Float64Array.from(levels), LEVEL_STRATA);
  const stratumOf = byExposure.stratumOf.map((e, i) => e * byLevel.count + byLevel.stratumOf[i]);
  const stats = computeLift(success, fastOf, stratumOf, byExposure.count * byLevel.count);
  const liftPoints = stats.adjustedLift === null ? null : roundPoints(stats.adjustedLift * 100);
  const pValue = stats.pValue;
  // The crude rates and the like-for-like difference can disagree (fast leads also reach the threshold with higher
  // scores and sooner): say which is which, so "14.9% vs 9.6%" next to "−2 points" is not read as a contradiction.
  const likeForLike =
    liftPoints === null
      ? "leads with as long to act and a similar score cannot be compared"
      : `compared with slower leads that had as long to act and a similar score, the difference is ${liftPoints > 0 ? "+" : ""}${liftPoints} ${Math.abs(liftPoints) === 1 ? "point" : "points"} (p = ${pValue === null ? "n/a" : pValue.toPrecision(2)})`;
  const comparison = `leads faster than ${median.toFixed(2)} action points a day when they reached ${threshold} closed at ${pct(fast.closeRate)} vs ${pct(slow.closeRate)} for slower ones overall; ${likeForLike}`;
  const earns = liftPoints !== null && pValue !== null && liftPoints >= rules.minLiftPoints && pValue <= rules.significanceLevel;
  if (!earns) {
    const why =
      liftPoints === null || pValue === null
        ? "no comparison within exposure strata was possible"
        : pValue > rules.significanceLevel
          ? `not significant at ${rules.significanceLevel}`
          : liftPoints <= 0
            ? "fast leads do not close better"
            : `under the minimum of ${rules.minLiftPoints} points`;
    return { ...base, liftPoints, pValue, rule: null, conclusion: `No velocity points: ${comparison} — ${why}.` };
  }
  if (!learn) {
    return { ...base, liftPoints, pValue, rule: null, conclusion: `Velocity would earn ${liftPoints} points (${comparison}), but calibration.learnVelocity is off.` };
  }
  return {
    ...base,
    liftPoints,
    pValue,
    rule: { minPointsPerDay: median, points: liftPoints as number },
    conclusion: `Velocity earns ${liftPoints} points while a lead gains at least ${median.toFixed(2)} action points a day: ${comparison}.`,
  };
}
