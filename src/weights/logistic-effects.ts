import type { StackedDesign } from "../features/landmark-design.js";
import { erfc } from "../stats/normal-cdf.js";
import { fitStackedLogistic, fitStackedPatterns, type StackedLogisticFit, type StackedPatternSource } from "../stats/fit-stacked-logistic.js";

/** A column's estimated effect, with the other columns held fixed. */
export interface ColumnEffect {
  readonly coefficient: number;
  /** Lead-clustered (sandwich) standard error of the coefficient. */
  readonly standardError: number;
  /** Wald two-sided p-value of the coefficient. */
  readonly pValue: number;
  /**
   * Change in close probability (0–1) the column makes for a lead at the
   * target close rate p*: σ(logit p* + β) − p*, the seed rule's "raises close
   * probability by N points" read off the regression for a lead near the
   * threshold (rather than averaged over a population mostly far below it).
   */
  readonly effectAtTarget: number;
}

export interface LogisticEffects {
  /** Effect by column key; nuisance columns (lead-age bands) included. */
  readonly effects: Map<string, ColumnEffect>;
  readonly fit: StackedLogisticFit;
}

/**
 * Fits one regularised logistic regression on all candidate columns at
 * once — so correlated actions are not double-counted (a follower borrows
 * nothing from its leader) — on the stacked landmark design, and returns
 * each column's coefficient, lead-clustered standard error, Wald p-value
 * and effect on a lead at the target close rate `targetRate` (0 < rate < 1).
 * `design` may be the design in memory or its patterns as an engine counted
 * them (`StackedPatternSource`; `won` is then unused).
 */
export function estimateLogisticEffects(design: StackedDesign | StackedPatternSource, won: ArrayLike<number>, options: { l2: number; targetRate: number }): LogisticEffects {
  const fit = "patterns" in design ? fitStackedPatterns(design, { l2: options.l2 }) : fitStackedLogistic(design, won, { l2: options.l2 });
  const atTarget = Math.log(options.targetRate / (1 - options.targetRate));
  const effects = new Map<string, ColumnEffect>();
  design.columns.forEach((key, j) => {
    const standardError = fit.standardErrors[j];
    const z = standardError > 0 ? fit.coefficients[j] / standardError : 0;
    effects.set(key, {
      coefficient: fit.coefficients[j],
      standardError,
      pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)),
      effectAtTarget: 1 / (1 + Math.exp(-(atTarget + fit.coefficients[j]))) - options.targetRate,
    });
  });
  return { effects, fit };
}
