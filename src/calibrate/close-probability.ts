import { fitIsotonic, predictIsotonic } from "../stats/isotonic-regression.js";
import { fitLogistic, predictLogistic } from "../stats/fit-logistic.js";
import { sortedDistinct } from "../stats/sorted-distinct.js";

/** Score → close probability, as a piecewise-linear table the runtime interpolates. */
export interface CloseProbabilityMap {
  /** Isotonic regression (pool-adjacent-violators) when data allow, else Platt scaling. */
  readonly method: "isotonic" | "platt";
  /** Ascending scores… */
  readonly scores: number[];
  /** …and the close probability at each (0–1, non-decreasing); clipped at the ends. */
  readonly probabilities: number[];
  /** Closed leads and wins it was fitted on. */
  readonly fittedOn: { readonly leads: number; readonly won: number };
}

/** Fewest won leads for isotonic regression; below it the two-parameter Platt fit is steadier. */
export const MIN_WON_FOR_ISOTONIC = 50;

/**
 * Fits P(won | score) on closed leads' scores at their cut-off: isotonic
 * regression (monotone, no shape assumed; Zadrozny & Elkan 2002) when there
 * are at least `MIN_WON_FOR_ISOTONIC` wins, otherwise Platt scaling
 * (logistic in the score; Platt 1999), tabulated at the observed scores.
 */
export function fitCloseProbability(scores: ArrayLike<number>, won: ArrayLike<number>): CloseProbabilityMap {
  let wonCount = 0;
  for (let i = 0; i < won.length; i++) wonCount += won[i];
  const fittedOn = { leads: scores.length, won: wonCount };
  const distinct = sortedDistinct(scores) ?? [...new Set(Array.from(scores))].sort((a, b) => a - b);
  if (wonCount >= MIN_WON_FOR_ISOTONIC) {
    const fit = fitIsotonic(scores, won);
    return { method: "isotonic", scores: distinct, probabilities: distinct.map((s) => predictIsotonic(fit, s)), fittedOn };
  }
  const fit = fitLogistic([Float64Array.from(scores)], won, { l2: 1e-3 });
  return { method: "platt", scores: distinct, probabilities: distinct.map((s) => predictLogistic(fit, [s])), fittedOn };
}

/** Probability for `score` by linear interpolation in the table, clipped at its ends. */
export function probabilityAt(map: Pick<CloseProbabilityMap, "scores" | "probabilities">, score: number): number {
  const { scores, probabilities } = map;
  if (scores.length === 0) return 0;
  if (score <= scores[0]) return probabilities[0];
  const last = scores.length - 1;
  if (score >= scores[last]) return probabilities[last];
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (scores[mid] <= score) low = mid;
    else high = mid;
  }
  const share = (score - scores[low]) / (scores[high] - scores[low]);
  return probabilities[low] + share * (probabilities[high] - probabilities[low]);
}
