import { checkConfidence, checkCounts, wilsonInterval, type ProportionInterval } from "./wilson-interval.js";

/**
 * Interval for a difference of proportions pA − pB by Newcombe's hybrid
 * score method (Newcombe 1998, method 10): combines the Wilson intervals of
 * each proportion. Good coverage for small counts and rates near 0 — the
 * typical lead-scoring case — where the Wald interval fails.
 * @example
 * // 30 of 100 vs 10 of 100: Wilson intervals 0.2190–0.3959 and 0.0552–0.1744 combine into
 * newcombeDifferenceInterval(30, 100, 10, 100) // { estimate: 0.2000, lower: 0.0900, upper: 0.3058 }
 */
export function newcombeDifferenceInterval(
  successesA: number,
  trialsA: number,
  successesB: number,
  trialsB: number,
  confidence = 0.95,
): ProportionInterval {
  checkCounts(successesA, trialsA);
  checkCounts(successesB, trialsB);
  checkConfidence(confidence);
  const a = wilsonInterval(successesA, trialsA, confidence);
  const b = wilsonInterval(successesB, trialsB, confidence);
  const pA = a.estimate;
  const pB = b.estimate;
  const difference = pA - pB;
  const lowerDistance = Math.sqrt((pA - a.lower) ** 2 + (b.upper - pB) ** 2);
  const upperDistance = Math.sqrt((a.upper - pA) ** 2 + (pB - b.lower) ** 2);
  return { lower: Math.max(-1, difference - lowerDistance), upper: Math.min(1, difference + upperDistance), estimate: difference };
}
