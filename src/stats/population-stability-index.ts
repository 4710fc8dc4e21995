import { LeadliftError } from "../errors.js";

/**
 * Population stability index between an expected (training) and an actual
 * (current) distribution over the same bins: Σ (aᵢ − eᵢ)·ln(aᵢ/eᵢ), shares
 * floored at 1e-4 so empty bins stay finite (Siddiqi, Credit Risk
 * Scorecards, 2006). Read with the credit-scoring bands: < 0.10 stable,
 * 0.10–0.25 some shift, > 0.25 major shift.
 * @throws LeadliftError when the inputs differ in length or are empty.
 * @example populationStabilityIndex([0.5, 0.5], [0.6, 0.4]) // 0.0405
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[]): number {
  if (expected.length !== actual.length || expected.length === 0) {
    throw new LeadliftError("invalid-argument", `expected and actual must be non-empty and of the same length. Got ${expected.length} and ${actual.length}.`);
  }
  const normalise = (values: readonly number[]) => {
    const total = values.reduce((a, b) => a + b, 0);
    return values.map((v) => Math.max(1e-4, total > 0 ? v / total : 0));
  };
  const e = normalise(expected);
  const a = normalise(actual);
  let psi = 0;
  for (let i = 0; i < e.length; i++) psi += (a[i] - e[i]) * Math.log(a[i] / e[i]);
  return psi;
}

/** The credit-scoring reading of a PSI value. */
export function psiBand(psi: number): "stable" | "some shift" | "major shift" {
  return psi < 0.1 ? "stable" : psi <= 0.25 ? "some shift" : "major shift";
}
