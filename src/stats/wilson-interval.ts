import { LeadliftError } from "../errors.js";
import { normalQuantile } from "./normal-quantile.js";

/** A 0–1 interval around an estimate. */
export interface ProportionInterval {
  readonly lower: number;
  readonly upper: number;
  readonly estimate: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927), without
 * continuity correction — the interval statsmodels calls "wilson". Unlike
 * the Wald interval it stays inside [0, 1] and behaves at 0 or n successes.
 * @throws LeadliftError when trials is 0 or counts are not whole numbers with 0 ≤ successes ≤ trials.
 * @example wilsonInterval(18, 160) // { lower: 0.0723563, upper: 0.1708145, estimate: 0.1125 }
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): ProportionInterval {
  checkCounts(successes, trials);
  checkConfidence(confidence);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === trials ? 1 : Math.min(1, centre + halfWidth),
    estimate: p,
  };
}

/** @internal Validates binomial counts with the project's error template. */
export function checkCounts(successes: number, trials: number): void {
  if (!Number.isInteger(trials) || trials <= 0) {
    throw new LeadliftError("invalid-argument", `Argument "trials" must be a whole number above 0. Got ${JSON.stringify(trials)}.`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new LeadliftError("invalid-argument", `Argument "successes" must be a whole number in [0, ${trials}]. Got ${JSON.stringify(successes)}.`);
  }
}

/** @internal */
export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new LeadliftError("invalid-argument", `Option "confidence" must be a number in (0, 1). Got ${JSON.stringify(confidence)}.`);
  }
}
