import { checkPairs } from "./brier-score.js";

/** One reliability bin: predictions in [lower, upper), with null rates when empty. */
export interface ReliabilityBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanPredicted: number | null;
  readonly observedRate: number | null;
}

/**
 * Expected calibration error over equal-width probability bins:
 * Σ (nᵦ/N)·|mean predicted − observed rate| (Naeini et al. 2015), with every
 * bin returned — empty ones included and marked by null rates, where
 * sklearn's calibration_curve silently drops them.
 * @example expectedCalibrationError([0.1, 0.1, 0.9, 0.9], [0, 0, 1, 1], 10).ece // 0.1
 */
export function expectedCalibrationError(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number | boolean>,
  bins = 10,
): { ece: number; bins: ReliabilityBin[] } {
  checkPairs(probabilities, labels);
  const counts = new Float64Array(bins);
  const predictedSums = new Float64Array(bins);
  const wonSums = new Float64Array(bins);
  for (let i = 0; i < probabilities.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(probabilities[i] * bins)));
    counts[b] += 1;
    predictedSums[b] += probabilities[i];
    wonSums[b] += Number(labels[i]);
  }
  let ece = 0;
  const result: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const count = counts[b];
    const meanPredicted = count > 0 ? predictedSums[b] / count : null;
    const observedRate = count > 0 ? wonSums[b] / count : null;
    if (count > 0) ece += (count / probabilities.length) * Math.abs((meanPredicted as number) - (observedRate as number));
    result.push({ lower: b / bins, upper: (b + 1) / bins, count, meanPredicted, observedRate });
  }
  return { ece, bins: result };
}
