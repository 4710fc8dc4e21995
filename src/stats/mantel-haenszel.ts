import { LeadliftError } from "../errors.js";
import { erfc } from "./normal-cdf.js";
import { normalQuantile } from "./normal-quantile.js";
import { checkConfidence } from "./wilson-interval.js";

/** One stratum's 2×2 table: won and total among exposed (did the action) and unexposed leads. */
export interface Stratum {
  readonly exposedWon: number;
  readonly exposedTotal: number;
  readonly unexposedWon: number;
  readonly unexposedTotal: number;
}

/**
 * Mantel–Haenszel common risk difference across strata, weights
 * n₁ₖn₀ₖ/Nₖ, with the Greenland–Robins (1985) variance
 * Σ (aₖbₖn₀ₖ³ + cₖdₖn₁ₖ³)/(n₁ₖn₀ₖNₖ²) / (Σ n₁ₖn₀ₖ/Nₖ)²
 * (Greenland S, Robins JM. Biometrics 41:55–68; Rothman, Modern
 * Epidemiology, 3rd ed., eq. 15-18) and a normal interval. Strata with an
 * empty arm carry no information and are skipped (`strataUsed` counts the rest).
 * @throws LeadliftError when no stratum has both arms.
 * @example mantelHaenszelRiskDifference([{ exposedWon: 30, exposedTotal: 100, unexposedWon: 10, unexposedTotal: 100 }]).estimate // 0.2
 */
export function mantelHaenszelRiskDifference(
  strata: readonly Stratum[],
  confidence = 0.95,
): { estimate: number; lower: number; upper: number; standardError: number; strataUsed: number } {
  checkConfidence(confidence);
  let numerator = 0;
  let weightSum = 0;
  let varianceSum = 0;
  let strataUsed = 0;
  for (const s of strata) {
    const n1 = s.exposedTotal;
    const n0 = s.unexposedTotal;
    if (n1 <= 0 || n0 <= 0) continue;
    strataUsed += 1;
    const total = n1 + n0;
    const a = s.exposedWon;
    const b = n1 - a;
    const c = s.unexposedWon;
    const d = n0 - c;
    numerator += (a * n0 - c * n1) / total;
    weightSum += (n1 * n0) / total;
    varianceSum += (a * b * n0 ** 3 + c * d * n1 ** 3) / (n1 * n0 * total * total);
  }
  if (strataUsed === 0) {
    throw new LeadliftError("degenerate-strata", "Cannot compute a Mantel–Haenszel risk difference: no stratum has both exposed and unexposed leads.");
  }
  const estimate = numerator / weightSum;
  const standardError = Math.sqrt(varianceSum) / weightSum;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return {
    estimate,
    lower: Math.max(-1, estimate - z * standardError),
    upper: Math.min(1, estimate + z * standardError),
    standardError,
    strataUsed,
  };
}

/**
 * Cochran–Mantel–Haenszel test of no association across strata, without
 * continuity correction (as statsmodels `StratifiedTable.test_null_odds(correction=False)`):
 * χ² = (Σ aₖ − E aₖ)² / Σ Var aₖ with the hypergeometric moments, df 1.
 * A p-value of 1 is returned when no stratum has variation (nothing to test).
 */
export function cochranMantelHaenszelTest(strata: readonly Stratum[]): { statistic: number; pValue: number } {
  let deviation = 0;
  let variance = 0;
  for (const s of strata) {
    const n1 = s.exposedTotal;
    const n0 = s.unexposedTotal;
    const total = n1 + n0;
    if (total < 2) continue;
    const wonTotal = s.exposedWon + s.unexposedWon;
    deviation += s.exposedWon - (n1 * wonTotal) / total;
    variance += (n1 * n0 * wonTotal * (total - wonTotal)) / (total * total * (total - 1));
  }
  if (variance <= 0) return { statistic: 0, pValue: 1 };
  const statistic = (deviation * deviation) / variance;
  return { statistic, pValue: erfc(Math.sqrt(statistic / 2)) };
}
