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
  const labels = Array.from(won);
  const wonCount = labels.reduce((a, b) => a + b, 0);
  const bothClasses = wonCount > 0 && wonCount < labels.length;
  const calibration = expectedCalibrationError(probabilities, labels as Array<0 | 1>, 10);
  return {
    leads: labels.length,
    won: wonCount,
    auc: bothClasses ? areaUnderRoc(probabilities, labels as Array<0 | 1>) : null,
    brier: brierScore(probabilities, labels as Array<0 | 1>),
    logLoss: logLoss(probabilities, labels as Array<0 | 1>),
    ece: calibration.ece,
    bins: calibration.bins.map((b: ProbabilityQuality["bins"][number]) => ({ lower: b.lower, upper: b.upper, count: b.count, meanPredicted: b.meanPredicted, observedRate: b.observedRate })),
  };
}
