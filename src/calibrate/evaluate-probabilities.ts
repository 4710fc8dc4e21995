import { areaUnderRoc } from "../stats/auc.js";
import { brierScore } from "../stats/brier-score.js";
import { expectedCalibrationError } from "../stats/expected-calibration-error.js";
import { logLoss } from "../stats/log-loss.js";

/** How well predicted close probabilities match what happened. */
export interface ProbabilityQuality {
  readonly leads: number;
  readonly won: number;
  /** Area under the ROC curve; null when only one class is present. */
  readonly auc: number | null;
  readonly brier: number;
  readonly logLoss: number;
  /** Expected calibration error over 10 equal-width bins, and the reliability bins. */
  readonly ece: number;
  readonly bins: Array<{ lower: number; upper: number; count: number; meanPredicted: number | null; observedRate: number | null }>;
}

/** AUC, Brier score, log-loss, ECE and reliability bins for predictions against outcomes. */
export function evaluateProbabilities(probabilities: ArrayLike<number>, won: ArrayLike<number>): ProbabilityQuality {
  return evaluateProbabilitiesRankedBy(probabilities, won, probabilities);
}

/**
 * `evaluateProbabilities` with the AUC of `ranking` in place of the
 * probabilities' own (the scores they were mapped from: see
 * probabilityQuality), which is then not computed for nothing. The outcomes
 * are read where they are, not copied into an array first (an iterator step
 * per lead: garbage at 1M leads).
 */
export function evaluateProbabilitiesRankedBy(probabilities: ArrayLike<number>, won: ArrayLike<number>, ranking: ArrayLike<number>): ProbabilityQuality {
  let wonCount = 0;
  for (let i = 0; i < won.length; i++) wonCount += won[i];
  const bothClasses = wonCount > 0 && wonCount < won.length;
  const calibration = expectedCalibrationError(probabilities, won, 10);
  return {
    leads: won.length,
    won: wonCount,
    auc: bothClasses ? areaUnderRoc(ranking, won) : null,
    brier: brierScore(probabilities, won),
    logLoss: logLoss(probabilities, won),
    ece: calibration.ece,
    bins: calibration.bins.map((b: ProbabilityQuality["bins"][number]) => ({ lower: b.lower, upper: b.upper, count: b.count, meanPredicted: b.meanPredicted, observedRate: b.observedRate })),
  };
}
