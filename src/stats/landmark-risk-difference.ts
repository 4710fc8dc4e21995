import type { LandmarkRanges } from "../features/landmarks.js";
import { erfc } from "./normal-cdf.js";
import { normalQuantile } from "./normal-quantile.js";
import { checkConfidence } from "./wilson-interval.js";

/** The pooled comparison of the two groups over landmarks. */
export interface LandmarkRiskDifference {
  /** Mantel–Haenszel risk difference P(won | with) − P(won | without), pooled over landmarks (0–1). */
  readonly estimate: number;
  /** Lead-clustered (sandwich) standard error: a lead seen at many landmarks still counts as one lead. */
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
  /** Two-sided Wald p-value; null when the standard error is 0 with a non-zero estimate (nothing varies to test against). */
  readonly pValue: number | null;
  /** Landmarks where both groups had leads (the others carry no information). */
  readonly landmarksUsed: number;
  /** Distinct leads in each group at some used landmark, and how many of them won. */
  readonly leadsWith: number;
  readonly wonWith: number;
  readonly leadsWithout: number;
  readonly wonWithout: number;
}

/**
 * Compares close rates of two groups at the same landmarks (lead ages) —
 * the landmark design of van Houwelingen (2007, Scand J Stat 34:70–85):
 * at each landmark only the leads still at risk there are compared, so
 * neither the time a lead had to act nor the moment it left (hand-off,
 * which an action itself may trigger) is conditioned on beyond "still here
 * at this age". Within each landmark the two groups give a risk difference;
 * they are pooled with Mantel–Haenszel weights n₁ₖn₀ₖ/Nₖ (Greenland &
 * Robins 1985). One lead appears at many landmarks with one outcome, so the
 * variance is the cluster-robust sandwich over leads (Liang & Zeger 1986),
 * with the weights held fixed and the G/(G−1) small-sample factor: the
 * estimate is linear in the outcomes, Σᵢ cᵢyᵢ, and Var = G/(G−1)·Σᵢ Uᵢ²
 * with Uᵢ = Σ over lead i's landmarks of ±wₖ/(W·n_gk)·(yᵢ − p̂_gk).
 * With one landmark per lead this is the usual unpooled (Wald) variance.
 * Returns null when no landmark has leads in both groups.
 * @param won 1 = won, 0 = lost, per lead (index = `ranges.lead`).
 * @param landmarks number of landmarks (range ends are at most this).
 * @param multiplicity per `ranges.lead`, how many leads it stands for (default 1 each): leads
 *   with the same ranges and outcome may be given once, counted — the form in which an engine
 *   or a warehouse hands over the comparison (only the variance's sum of squares is then added
 *   in another order, so it can differ in the last bits).
 * @example
 * // One landmark; leads 0–9 with the action (3 won), leads 10–19 without (1 won).
 * const won = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
 * const ranges = {
 *   lead: Int32Array.from(won, (_, i) => i), start: new Int32Array(20), end: new Int32Array(20).fill(1),
 *   group: Uint8Array.from(won, (_, i) => (i < 10 ? 1 : 0)), length: 20,
 * };
 * landmarkRiskDifference(won, ranges, 1) // { estimate: 0.2000, leadsWith: 10, wonWith: 3, leadsWithout: 10, wonWithout: 1 }
 * // One landmark per lead: the Wald variance 0.3·0.7/10 + 0.1·0.9/10 = 0.03, times G/(G − 1) = 20/19.
 * landmarkRiskDifference(won, ranges, 1).standardError // 0.17770
 */
export function landmarkRiskDifference(
  won: ArrayLike<number>,
  ranges: LandmarkRanges,
  landmarks: number,
  confidence = 0.95,
  multiplicity?: ArrayLike<number>,
): LandmarkRiskDifference | null {
  checkConfidence(confidence);
  const counts = countByLandmark(won, ranges, landmarks, multiplicity);
  const { total, wonAt } = counts;
  let weightSum = 0;
  let numerator = 0;
  let landmarksUsed = 0;
  const weight = new Float64Array(landmarks);
  for (let k = 0; k < landmarks; k++) {
    const n1 = total[1][k];
    const n0 = total[0][k];
    if (n1 === 0 || n0 === 0) continue;
    landmarksUsed += 1;
    weight[k] = (n1 * n0) / (n1 + n0);
    weightSum += weight[k];
    numerator += weight[k] * (wonAt[1][k] / n1 - wonAt[0][k] / n0);
  }
  if (landmarksUsed === 0) return null;
  const estimate = numerator / weightSum;
  // Prefix sums of αₖ = wₖ/(W·n_gk) and αₖ·p̂_gk per group: each range's share of a lead's influence in O(1).
  const alpha = [new Float64Array(landmarks + 1), new Float64Array(landmarks + 1)];
  const alphaRate = [new Float64Array(landmarks + 1), new Float64Array(landmarks + 1)];
  for (let g = 0; g < 2; g++) {
    for (let k = 0; k < landmarks; k++) {
      const n = total[g][k];
      const a = weight[k] > 0 ? weight[k] / (weightSum * n) : 0;
      alpha[g][k + 1] = alpha[g][k] + a;
      alphaRate[g][k + 1] = alphaRate[g][k] + (a > 0 ? (a * wonAt[g][k]) / n : 0);
    }
  }
  let leadCount = 0;
  for (let r = 0; r < ranges.length; r++) if (ranges.lead[r] >= leadCount) leadCount = ranges.lead[r] + 1;
  const influence = new Float64Array(leadCount);
  // Bit 1: seen "with" at a used landmark; bit 2: seen "without".
  const seen = new Uint8Array(leadCount);
  for (let r = 0; r < ranges.length; r++) {
    const g = ranges.group[r];
    const lead = ranges.lead[r];
    const start = ranges.start[r];
    const end = Math.min(ranges.end[r], landmarks);
    if (end <= start) continue;
    const a = alpha[g][end] - alpha[g][start];
    if (a === 0) continue;
    seen[lead] |= g === 1 ? 1 : 2;
    const u = won[lead] * a - (alphaRate[g][end] - alphaRate[g][start]);
    influence[lead] += g === 1 ? u : -u;
  }
  let sumSquares = 0;
  let clusters = 0;
  const groups = { leadsWith: 0, wonWith: 0, leadsWithout: 0, wonWithout: 0 };
  for (let i = 0; i < leadCount; i++) {
    if (seen[i] === 0) continue;
    const m = multiplicity ? multiplicity[i] : 1;
    clusters += m;
    sumSquares += multiplicity ? m * (influence[i] * influence[i]) : influence[i] * influence[i];
    if (seen[i] & 1) {
      groups.leadsWith += m;
      groups.wonWith += m * won[i];
    }
    if (seen[i] & 2) {
      groups.leadsWithout += m;
      groups.wonWithout += m * won[i];
    }
  }
  const standardError = clusters > 1 ? Math.sqrt((sumSquares * clusters) / (clusters - 1)) : 0;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const pValue = standardError > 0 ? Math.min(1, erfc(Math.abs(estimate / standardError) / Math.SQRT2)) : estimate === 0 ? 1 : null;
  return {
    estimate,
    standardError,
    lower: Math.max(-1, estimate - z * standardError),
    upper: Math.min(1, estimate + z * standardError),
    pValue,
    landmarksUsed,
    ...groups,
  };
}

/** Leads and won leads per group at each landmark, by difference arrays over the ranges. */
function countByLandmark(won: ArrayLike<number>, ranges: LandmarkRanges, landmarks: number, multiplicity?: ArrayLike<number>) {
  const totalDiff = [new Float64Array(landmarks + 1), new Float64Array(landmarks + 1)];
  const wonDiff = [new Float64Array(landmarks + 1), new Float64Array(landmarks + 1)];
  for (let r = 0; r < ranges.length; r++) {
    const g = ranges.group[r];
    const start = ranges.start[r];
    const end = Math.min(ranges.end[r], landmarks);
    if (end <= start) continue;
    const m = multiplicity ? multiplicity[ranges.lead[r]] : 1;
    totalDiff[g][start] += m;
    totalDiff[g][end] -= m;
    const y = m * won[ranges.lead[r]];
    wonDiff[g][start] += y;
    wonDiff[g][end] -= y;
  }
  const total = [new Float64Array(landmarks), new Float64Array(landmarks)];
  const wonAt = [new Float64Array(landmarks), new Float64Array(landmarks)];
  for (let g = 0; g < 2; g++) {
    let n = 0;
    let w = 0;
    for (let k = 0; k < landmarks; k++) {
      n += totalDiff[g][k];
      w += wonDiff[g][k];
      total[g][k] = n;
      wonAt[g][k] = w;
    }
  }
  return { total, wonAt };
}
