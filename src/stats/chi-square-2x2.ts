import { LeadliftError } from "../errors.js";
import { erfc } from "./normal-cdf.js";

/**
 * Pearson's chi-square test of independence for the 2×2 table [[a, b], [c, d]],
 * one degree of freedom, optionally with Yates' continuity correction
 * (matches scipy.stats.chi2_contingency(table, correction=…)). The p-value
 * of χ²₁ is erfc(√(χ²/2)).
 * @throws LeadliftError when a row or column total is 0 (the statistic is undefined).
 * @example
 * chiSquare2x2(10, 20, 30, 40) // { statistic: 0.7937, pValue: 0.3730 }
 * chiSquare2x2(10, 20, 30, 40, { continuityCorrection: true }) // { statistic: 0.4464, pValue: 0.5040 }
 */
export function chiSquare2x2(
  a: number,
  b: number,
  c: number,
  d: number,
  options: { continuityCorrection?: boolean } = {},
): { statistic: number; pValue: number } {
  const total = a + b + c + d;
  const rows = [a + b, c + d];
  const cols = [a + c, b + d];
  if (rows.includes(0) || cols.includes(0)) {
    throw new LeadliftError("degenerate-table", `Cannot test a 2×2 table with an empty row or column: [[${a}, ${b}], [${c}, ${d}]].`);
  }
  const observed = [a, b, c, d];
  const expected = [(rows[0] * cols[0]) / total, (rows[0] * cols[1]) / total, (rows[1] * cols[0]) / total, (rows[1] * cols[1]) / total];
  const shift = options.continuityCorrection ? Math.min(0.5, Math.abs(a - expected[0])) : 0;
  let statistic = 0;
  for (let i = 0; i < 4; i++) statistic += (Math.abs(observed[i] - expected[i]) - shift) ** 2 / expected[i];
  return { statistic, pValue: erfc(Math.sqrt(statistic / 2)) };
}
