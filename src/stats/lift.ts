import { fisherExactTwoSided } from "./fisher-exact.js";
import { cochranMantelHaenszelTest, mantelHaenszelRiskDifference } from "./mantel-haenszel.js";
import { newcombeDifferenceInterval } from "./newcombe-interval.js";
import { wilsonInterval } from "./wilson-interval.js";

/** A 0–1 interval. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** Lift statistics of one binary indicator (an action, or a profile value) against winning. */
export interface LiftStats {
  /** Leads with the indicator, and how many of them won. */
  readonly leadsWith: number;
  readonly wonWith: number;
  readonly leadsWithout: number;
  readonly wonWithout: number;
  /** P(won | indicator), P(won | no indicator); null when the group is empty. */
  readonly closeRateWith: number | null;
  readonly closeRateWithout: number | null;
  /** Wilson 95% interval of `closeRateWith`. */
  readonly closeRateWithInterval: Interval | null;
  /** Crude lift: closeRateWith − closeRateWithout (0–1 scale). */
  readonly lift: number | null;
  /** Newcombe hybrid-score 95% interval of the crude lift. */
  readonly liftInterval: Interval | null;
  /**
   * The lift points are made of: Mantel–Haenszel risk difference across strata (exposure strata, or
   * landmarks: leads compared at the same ages while still with marketing, see landmark-lift.ts);
   * the crude lift when there is one stratum.
   */
  readonly adjustedLift: number | null;
  readonly adjustedLiftInterval: Interval | null;
  /** Strata (or landmarks) with leads on both sides. */
  readonly strataUsed: number;
  /** Two-sided p-value: Fisher exact (one stratum), Cochran–Mantel–Haenszel (several) or the lead-clustered Wald test over landmarks. */
  readonly pValue: number | null;
  readonly test: "fisher-exact" | "cochran-mantel-haenszel" | "landmark-wald" | null;
  /** Distinct leads on each side of the comparison behind `adjustedLift` (at the cut-off: leadsWith/leadsWithout). */
  readonly comparedLeadsWith: number;
  readonly comparedLeadsWithout: number;
  /** Share of all won leads that had the indicator ("9 of 10 won deals viewed pricing"). */
  readonly shareOfWon: number | null;
  /** Why no lift could be computed (everyone or no-one has the indicator), else null. */
  readonly degenerate: string | null;
}

/**
 * Lift in close rate when the indicator is present: P(won | with) −
 * P(won | without), crude and adjusted for exposure time (Mantel–Haenszel
 * risk difference over strata, weights n₁n₀/N; Greenland & Robins 1985),
 * so that leads are compared with leads who had as long to act.
 * Inputs are parallel arrays over training leads; the caller has already
 * applied the point-in-time cut-off. Returns nulls and a `degenerate`
 * reason — never NaN — when a group is empty.
 * @example computeLift(Uint8Array.of(1,0,1,0), Uint8Array.of(1,1,0,0), new Uint8Array(4), 1).lift // 0
 */
export function computeLift(
  won: ArrayLike<number>,
  indicator: ArrayLike<number>,
  stratumOf: ArrayLike<number>,
  strataCount: number,
  confidence = 0.95,
): LiftStats {
  const exposedWon = new Float64Array(strataCount);
  const exposedTotal = new Float64Array(strataCount);
  const unexposedWon = new Float64Array(strataCount);
  const unexposedTotal = new Float64Array(strataCount);
  for (let i = 0; i < won.length; i++) {
    const s = stratumOf[i];
    if (indicator[i]) {
      exposedTotal[s] += 1;
      exposedWon[s] += won[i];
    } else {
      unexposedTotal[s] += 1;
      unexposedWon[s] += won[i];
    }
  }
  const leadsWith = sum(exposedTotal);
  const wonWith = sum(exposedWon);
  const leadsWithout = sum(unexposedTotal);
  const wonWithout = sum(unexposedWon);
  const totalWon = wonWith + wonWithout;
  const closeRateWith = leadsWith > 0 ? wonWith / leadsWith : null;
  const closeRateWithout = leadsWithout > 0 ? wonWithout / leadsWithout : null;
  const shareOfWon = totalWon > 0 ? wonWith / totalWon : null;
  const base = {
    leadsWith,
    wonWith,
    leadsWithout,
    wonWithout,
    closeRateWith,
    closeRateWithout,
    closeRateWithInterval: leadsWith > 0 ? pick(wilsonInterval(wonWith, leadsWith, confidence)) : null,
    shareOfWon,
    comparedLeadsWith: leadsWith,
    comparedLeadsWithout: leadsWithout,
  };
  if (leadsWith === 0 || leadsWithout === 0) {
    return {
      ...base,
      lift: null,
      liftInterval: null,
      adjustedLift: null,
      adjustedLiftInterval: null,
      strataUsed: 0,
      pValue: null,
      test: null,
      degenerate: leadsWith === 0 ? "no training lead has it" : "every training lead has it",
    };
  }
  const lift = (closeRateWith as number) - (closeRateWithout as number);
  const liftInterval = pick(newcombeDifferenceInterval(wonWith, leadsWith, wonWithout, leadsWithout, confidence));
  const strata = Array.from({ length: strataCount }, (_, s) => ({
    exposedWon: exposedWon[s],
    exposedTotal: exposedTotal[s],
    unexposedWon: unexposedWon[s],
    unexposedTotal: unexposedTotal[s],
  }));
  const usable = strata.filter((s) => s.exposedTotal > 0 && s.unexposedTotal > 0);
  if (strataCount <= 1 || usable.length === 0) {
    return {
      ...base,
      lift,
      liftInterval,
      adjustedLift: lift,
      adjustedLiftInterval: liftInterval,
      strataUsed: 1,
      pValue: fisherExactTwoSided(wonWith, leadsWith - wonWith, wonWithout, leadsWithout - wonWithout),
      test: "fisher-exact",
      degenerate: null,
    };
  }
  const adjusted = mantelHaenszelRiskDifference(usable, confidence);
  const noVariation = usable.every(
    (s) => (s.exposedWon + s.unexposedWon) === 0 || (s.exposedWon + s.unexposedWon) === s.exposedTotal + s.unexposedTotal,
  );
  return {
    ...base,
    lift,
    liftInterval,
    adjustedLift: adjusted.estimate,
    adjustedLiftInterval: { lower: adjusted.lower, upper: adjusted.upper },
    strataUsed: adjusted.strataUsed,
    pValue: noVariation ? 1 : cochranMantelHaenszelTest(usable).pValue,
    test: "cochran-mantel-haenszel",
    degenerate: null,
  };
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function pick(interval: { lower: number; upper: number }): Interval {
  return { lower: interval.lower, upper: interval.upper };
}
