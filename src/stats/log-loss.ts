import { checkPairs } from "./brier-score.js";

/**
 * Mean negative log-likelihood of the outcomes (natural log), probabilities
 * clipped to [1e-15, 1 − 1e-15] as sklearn's log_loss does.
 * @example logLoss([0.5, 0.5], [0, 1]) // 0.693147
 */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  checkPairs(probabilities, labels);
  const epsilon = 1e-15;
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - epsilon, Math.max(epsilon, probabilities[i]));
    sum -= labels[i] ? Math.log(p) : Math.log(1 - p);
  }
  return sum / probabilities.length;
}
