import { DROP_CODES, type DropCode } from "../model/drop-codes.js";
import { holmAdjust } from "../stats/holm-adjust.js";
import type { LiftStats } from "../stats/lift.js";

export { DROP_CODES, type DropCode };

/** An indicator with its lift, before points are decided. */
export interface PointCandidate {
  readonly key: string;
  readonly stats: LiftStats;
  readonly vanity: boolean;
  /** A negative signal (unsubscribe, bounce): exempt from `minLiftPoints` when its points are negative. */
  readonly negative?: boolean;
  /** A profile feature's reference level: 0 points by definition, left out of the Holm family. */
  readonly reference?: boolean;
  /** Effect on close probability (0–1) and its p-value from a model (logistic mode); default: the adjusted (landmark) lift and its test. */
  readonly effect?: { readonly value: number; readonly pValue: number | null } | null;
  /**
   * A significance decided elsewhere (a profile value judged by its whole feature's test): its
   * `adjustedPValue` is used as is, and the candidate stays out of this Holm family.
   */
  readonly groupTest?: { readonly label: string; readonly pValue: number | null; readonly adjustedPValue: number | null };
}

/** The decision for one indicator. */
export interface PointDecision {
  readonly key: string;
  /** Points earned (0 when dropped). */
  readonly points: number;
  /** The rounded lift in points, kept or not, so users see what a dropped indicator would have earned. */
  readonly liftPoints: number | null;
  readonly kept: boolean;
  /** Holm-adjusted p-value across the family (all actions, or all values of the profile), used for significance. */
  readonly adjustedPValue: number | null;
  readonly dropCode: DropCode | null;
  readonly dropReason: string | null;
}

/** The pruning rules; each has a documented default in the config schema. */
export interface PointRules {
  readonly minLiftPoints: number;
  readonly significanceLevel: number;
  readonly minLeads: number;
  /** Most indicators kept, by |points| (Infinity for none). */
  readonly maxKept: number;
  /**
   * How profile values are tested: each on its own against the reference ("value", default), or all
   * values of a feature together by one χ² test of independence ("feature"): a feature that matters
   * keeps every level's estimate, one that does not keeps none.
   */
  readonly profileSignificance?: "value" | "feature";
}

/**
 * Points from lift — the seed rule: an indicator that raises close
 * probability by 25 percentage points earns 25 points (negative lift,
 * negative points) — using the adjusted (landmark) lift. Then prunes, in
 * this order, recording why: degenerate lift, too few leads, vanity,
 * |points| under the minimum (except negative signals with negative
 * points), not significant after Holm's adjustment for
 * testing the whole family at once, beyond the cap (smallest |points|
 * dropped first, ties by key for stable output).
 */
export function decidePoints(candidates: readonly PointCandidate[], rules: PointRules): PointDecision[] {
  const adjusted = holmAdjust(
    candidates.map((c) =>
      c.reference || c.groupTest ? null : c.effect !== undefined ? (c.effect?.pValue ?? null) : c.stats.degenerate === null ? c.stats.pValue : null,
    ),
  ).map((p, k) => (candidates[k].groupTest ? candidates[k].groupTest!.adjustedPValue : p));
  const decisions = candidates.map((candidate, k) => firstDecision(candidate, adjusted[k], rules));
  const survivors = decisions
    .filter((d) => d.kept)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || (a.key < b.key ? -1 : 1));
  const overCap = new Set(survivors.slice(rules.maxKept).map((d) => d.key));
  return decisions.map((d) =>
    overCap.has(d.key)
      ? { ...d, points: 0, kept: false, dropCode: "over-cap" as const, dropReason: `over the cap of ${rules.maxKept} kept; smaller |points| than the rest` }
      : d,
  );
}

function firstDecision(candidate: PointCandidate, adjustedPValue: number | null, rules: PointRules): PointDecision {
  const { key, stats } = candidate;
  const drop = (liftPoints: number | null, code: DropCode, reason: string): PointDecision => ({
    key, points: 0, liftPoints, kept: false, adjustedPValue, dropCode: code, dropReason: reason,
  });
  if (candidate.reference) return drop(null, "reference", "reference level: the feature's other values are compared with it");
  if (stats.adjustedLift === null || stats.degenerate !== null) {
    return drop(null, "degenerate", `no lift: ${stats.degenerate ?? "undefined"}`);
  }
  if (candidate.effect === null) {
    return drop(null, "degenerate", "not in the regression (reference level, or too rare to estimate)");
  }
  const effect = candidate.effect?.value ?? stats.adjustedLift;
  const liftPoints = roundPoints(effect * 100);
  // Both sides of the comparison need leads: a lift "from 2 leads without it" is noise however large.
  const withLeads = stats.comparedLeadsWith;
  const withoutLeads = stats.comparedLeadsWithout;
  if (withLeads < rules.minLeads || withoutLeads < rules.minLeads) {
    const side = withLeads < rules.minLeads ? `${withLeads} ${withLeads === 1 ? "lead has" : "leads have"} it` : `${withoutLeads} ${withoutLeads === 1 ? "lead does" : "leads do"} not`;
    return drop(liftPoints, "too-few-leads", `${side}; need at least ${rules.minLeads} on each side`);
  }
  if (candidate.vanity) {
    return drop(liftPoints, "vanity", "vanity signal (opens, clicks, plain visits): earns no points by default");
  }
  const smallNegativeSignal = candidate.negative === true && liftPoints < 0;
  if (Math.abs(liftPoints) < rules.minLiftPoints && !smallNegativeSignal) {
    return drop(liftPoints, "below-min-lift", `|lift| of ${Math.abs(liftPoints)} ${Math.abs(liftPoints) === 1 ? "point" : "points"} is under the minimum of ${rules.minLiftPoints}`);
  }
  if (rules.significanceLevel < 1 && (adjustedPValue === null || adjustedPValue > rules.significanceLevel)) {
    if (candidate.groupTest) {
      const { label, pValue } = candidate.groupTest;
      const adjustedNote = adjustedPValue === pValue ? "" : `, adjusted ${formatP(adjustedPValue)}`;
      return drop(liftPoints, "not-significant", `not significant: ${label} p = ${formatP(pValue)}${adjustedNote} > ${rules.significanceLevel}`);
    }
    const p = candidate.effect ? candidate.effect.pValue : stats.pValue;
    return drop(liftPoints, "not-significant", `not significant: p = ${formatP(p)}, Holm-adjusted ${formatP(adjustedPValue)} > ${rules.significanceLevel}`);
  }
  return { key, points: liftPoints, liftPoints, kept: true, adjustedPValue, dropCode: null, dropReason: null };
}

/** Integer points, half away from zero so that +2.5 and −2.5 round symmetrically. */
export function roundPoints(value: number): number {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return rounded === 0 ? 0 : rounded;
}

function formatP(p: number | null): string {
  if (p === null) return "n/a";
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}
