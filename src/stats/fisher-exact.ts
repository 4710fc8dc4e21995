import { LeadliftError } from "../errors.js";
import { logFactorial } from "./log-factorial.js";

/**
 * Two-sided p-value of Fisher's exact test for the 2×2 table [[a, b], [c, d]]:
 * the summed hypergeometric probability of all tables with the same margins
 * that are no more likely than the observed one (with relative tolerance
 * 1 + 1e-7, the convention of R's fisher.test and scipy.stats.fisher_exact).
 * Works in log space, so counts in the tens of thousands are fine.
 * @throws LeadliftError when a count is not a whole number ≥ 0.
 * @example fisherExactTwoSided(8, 2, 1, 5) // 0.03496503
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const [name, value] of [["a", a], ["b", b], ["c", c], ["d", d]] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new LeadliftError("invalid-argument", `Argument "${name}" must be a whole number ≥ 0. Got ${JSON.stringify(value)}.`);
    }
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const total = row1 + row2;
  if (total === 0) return 1;
  const constant = logFactorial(row1) + logFactorial(row2) + logFactorial(col1) + logFactorial(total - col1) - logFactorial(total);
  const logProbability = (x: number) =>
    constant - logFactorial(x) - logFactorial(row1 - x) - logFactorial(col1 - x) - logFactorial(row2 - col1 + x);
  const low = Math.max(0, col1 - row2);
  const high = Math.min(row1, col1);
  const observed = logProbability(a);
  const cutoff = observed + Math.log1p(1e-7);
  let sum = 0;
  for (let x = low; x <= high; x++) {
    const lp = logProbability(x);
    if (lp <= cutoff) sum += Math.exp(lp);
  }
  return Math.min(1, sum);
}
