import { LeadliftError } from "../errors.js";

/**
 * Brier score: mean squared difference between predicted probability and
 * outcome (0 best; Brier 1950). Same as sklearn's brier_score_loss.
 * @throws LeadliftError when lengths differ or the input is empty.
 * @example brierScore([0.1, 0.9], [0, 1]) // 0.01
 */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  checkPairs(probabilities, labels);
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += (probabilities[i] - Number(labels[i])) ** 2;
  return sum / probabilities.length;
}

/** @internal Same-length, non-empty check shared by the probability metrics. */
export function checkPairs(probabilities: ArrayLike<number>, labels: ArrayLike<number | boolean>): void {
  if (probabilities.length !== labels.length || probabilities.length === 0) {
    throw new LeadliftError(
      "invalid-argument",
      `probabilities and labels must be non-empty and of the same length. Got ${probabilities.length} and ${labels.length}.`,
    );
  }
}
