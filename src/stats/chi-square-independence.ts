import { LeadliftError } from "../errors.js";
import { gammaln } from "simple-statistics";

/**
 * Pearson's χ² test of independence between a categorical feature and
 * winning (an r × 2 table, no continuity correction; as scipy's
 * `chi2_contingency(table, correction=False)`): does the close rate differ
 * across the feature's levels at all? A feature-level test, so that a
 * feature whose levels jointly matter keeps all of them, and one that does
 * not (a country without effect) keeps none. Levels with no leads are left
 * out; null when fewer than two levels or a single outcome remain.
 * @example chiSquareIndependence([[30, 270], [20, 380], [10, 490]]) // { statistic: 25.263, degreesOfFreedom: 2, pValue: 3.27e-6 }
 */
export function chiSquareIndependence(table: ReadonlyArray<readonly [won: number, lost: number]>): { statistic: number; degreesOfFreedom: number; pValue: number } | null {
  const rows = table.filter(([w, l]) => w + l > 0);
  let wonTotal = 0;
  let lostTotal = 0;
  for (const [w, l] of rows) {
    if (w < 0 || l < 0) throw new LeadliftError("invalid-argument", `Counts must be non-negative. Got ${JSON.stringify([w, l])}.`);
    wonTotal += w;
    lostTotal += l;
  }
  const total = wonTotal + lostTotal;
  if (rows.length < 2 || wonTotal === 0 || lostTotal === 0) return null;
  let statistic = 0;
  for (const [w, l] of rows) {
    const n = w + l;
    const expectedWon = (n * wonTotal) / total;
    const expectedLost = (n * lostTotal) / total;
    statistic += (w - expectedWon) ** 2 / expectedWon + (l - expectedLost) ** 2 / expectedLost;
  }
  const degreesOfFreedom = rows.length - 1;
  return { statistic, degreesOfFreedom, pValue: chiSquareSurvival(statistic, degreesOfFreedom) };
}

/**
 * P(X ≥ x) for X ~ χ²(k): the regularised upper incomplete gamma Q(k/2, x/2),
 * by its series below a + 1 and Lentz's continued fraction above
 * (Numerical Recipes, 3rd ed., §6.2).
 * @example chiSquareSurvival(3.84, 1) // 0.05004
 */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) throw new LeadliftError("invalid-argument", `Degrees of freedom must be positive. Got ${degreesOfFreedom}.`);
  if (!(x > 0)) return 1;
  const a = degreesOfFreedom / 2;
  const z = x / 2;
  return z < a + 1 ? 1 - lowerSeries(a, z) : upperContinuedFraction(a, z);
}

/** P(a, z) by its power series. */
function lowerSeries(a: number, z: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 1000; n++) {
    term *= z / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
  }
  return sum * Math.exp(-z + a * Math.log(z) - gammaln(a));
}

/** Q(a, z) by the modified Lentz continued fraction. */
function upperContinuedFraction(a: number, z: number): number {
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z + a * Math.log(z) - gammaln(a)) * h;
}
