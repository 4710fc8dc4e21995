import type { LogisticFit } from "./fit-logistic.js";

/**
 * Average marginal effect of each feature on P(y = 1), 0–1 scale. For a
 * binary (0/1) feature: the average over rows of P(x with xⱼ = 1) − P(x with
 * xⱼ = 0), the discrete effect Stata's `margins, dydx()` and statsmodels'
 * `get_margeff(dummy=True)` report; for other features the derivative
 * βⱼ·mean p(1 − p). This is the seed rule's "raises close probability by N
 * points" with the other features held at their observed values.
 * @example
 * // Odds × 3 from even odds: P(y = 1) goes from 0.5 to 0.75 in every row.
 * averageMarginalEffects({ intercept: 0, coefficients: [Math.log(3)] }, [[0, 1, 1, 0]]) // [0.25]
 * // Not 0/1, so the derivative: mean of 2 · p(1 − p) at p = 0.5 and 0.7311.
 * averageMarginalEffects({ intercept: 0, coefficients: [2] }, [[0, 0.5]]) // [0.4466]
 */
export function averageMarginalEffects(fit: Pick<LogisticFit, "intercept" | "coefficients">, features: ReadonlyArray<ArrayLike<number>>): number[] {
  const rows = features.length === 0 ? 0 : features[0].length;
  const linear = new Float64Array(rows).fill(fit.intercept);
  features.forEach((column, j) => {
    const beta = fit.coefficients[j];
    for (let i = 0; i < rows; i++) linear[i] += beta * column[i];
  });
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  return features.map((column, j) => {
    const beta = fit.coefficients[j];
    let binary = true;
    for (let i = 0; i < rows && binary; i++) binary = column[i] === 0 || column[i] === 1;
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      if (binary) {
        const base = linear[i] - beta * column[i];
        sum += sigmoid(base + beta) - sigmoid(base);
      } else {
        const p = sigmoid(linear[i]);
        sum += beta * p * (1 - p);
      }
    }
    return rows > 0 ? sum / rows : 0;
  });
}
