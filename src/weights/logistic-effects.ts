import { averageMarginalEffects } from "../stats/average-marginal-effect.js";
import { fitLogistic, type LogisticFit } from "../stats/fit-logistic.js";
import { erfc } from "../stats/normal-cdf.js";

/** One 0/1 column offered to the regression. */
export interface RegressionColumn {
  readonly key: string;
  readonly values: ArrayLike<number>;
}

/** A column's estimated effect, with the other columns held at their observed values. */
export interface ColumnEffect {
  readonly coefficient: number;
  readonly standardError: number;
  /** Wald two-sided p-value of the coefficient. */
  readonly pValue: number;
  /** Average marginal effect on close probability, 0–1. */
  readonly averageMarginalEffect: number;
}

export interface LogisticEffects {
  /** Effect by column key; columns left out of the regression are absent. */
  readonly effects: Map<string, ColumnEffect>;
  readonly fit: LogisticFit;
  readonly columnsUsed: number;
}

/**
 * Fits one regularised logistic regression on all candidate columns at
 * once, so correlated actions are not double-counted (a follower action
 * borrows nothing from its leader), and returns each column's coefficient,
 * Wald p-value and average marginal effect. Columns with fewer than
 * `minLeads` ones or zeros are left out (they cannot be estimated).
 */
export function estimateLogisticEffects(
  columns: readonly RegressionColumn[],
  won: ArrayLike<number>,
  options: { l2: number; minLeads: number },
): LogisticEffects {
  const usable = columns.filter((c) => {
    let ones = 0;
    for (let i = 0; i < c.values.length; i++) ones += c.values[i];
    return ones >= options.minLeads && c.values.length - ones >= options.minLeads;
  });
  const matrix = usable.map((c) => Float64Array.from(c.values));
  const fit = fitLogistic(matrix, won, { l2: options.l2 });
  const marginal = averageMarginalEffects(fit, matrix);
  const effects = new Map<string, ColumnEffect>();
  usable.forEach((c, j) => {
    const standardError = fit.standardErrors[j + 1];
    const z = standardError > 0 ? fit.coefficients[j] / standardError : 0;
    effects.set(c.key, {
      coefficient: fit.coefficients[j],
      standardError,
      pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)),
      averageMarginalEffect: marginal[j],
    });
  });
  return { effects, fit, columnsUsed: usable.length };
}
