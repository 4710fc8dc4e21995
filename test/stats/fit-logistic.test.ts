import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { averageMarginalEffects } from "../../src/stats/average-marginal-effect.js";
import { fitLogistic, predictLogistic } from "../../src/stats/fit-logistic.js";
import { mulberry32 } from "../helpers/temp-files.js";

/** Made by test/fixtures/logistic/make-reference.py (statsmodels Logit, scikit-learn LogisticRegression). */
const REF = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/logistic/reference.json"), "utf8"));
const X: Float64Array[] = REF.X.map((column: number[]) => Float64Array.from(column));
const y: number[] = REF.y;

describe("fitLogistic", () => {
  const fit = fitLogistic(X, y, { l2: 0 });

  it("matches statsmodels Logit coefficients and standard errors to 1e-4 without penalty", () => {
    const [intercept, ...coefficients] = REF.statsmodels.params;
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(intercept, 4);
    coefficients.forEach((c: number, j: number) => expect(fit.coefficients[j]).toBeCloseTo(c, 4));
    REF.statsmodels.bse.forEach((se: number, j: number) => expect(fit.standardErrors[j]).toBeCloseTo(se, 4));
    expect(fit.logLikelihood).toBeCloseTo(REF.statsmodels.llf, 6);
  });

  it("matches scikit-learn LogisticRegression(C) with λ = 1/C, intercept unpenalised", () => {
    const penalised = fitLogistic(X, y, { l2: 1 / REF.sklearn.C });
    expect(penalised.intercept).toBeCloseTo(REF.sklearn.intercept, 4);
    REF.sklearn.coef.forEach((c: number, j: number) => expect(penalised.coefficients[j]).toBeCloseTo(c, 4));
  });

  it("gives the same coefficients when rows are shuffled (property)", () => {
    const random = mulberry32(5);
    const order = y.map((_, i) => i).sort(() => random() - 0.5);
    const shuffled = fitLogistic(X.map((column) => Float64Array.from(order, (i) => column[i])), order.map((i) => y[i]), { l2: 0 });
    shuffled.coefficients.forEach((c, j) => expect(c).toBeCloseTo(fit.coefficients[j], 8));
  });

  it("keeps predictions inside [0, 1]", () => {
    for (let i = 0; i < y.length; i += 50) {
      const p = predictLogistic(fit, X.map((column) => column[i]));
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
  });

  it("reports perfect separation with a fix", () => {
    const x = Float64Array.of(0, 0, 0, 1, 1, 1);
    expect(() => fitLogistic([x], [0, 0, 0, 1, 1, 1], { l2: 0 })).toThrowError(/separation: the coefficient of feature 0 diverges.*Use a positive "l2" penalty/);
    expect(fitLogistic([x], [0, 0, 0, 1, 1, 1], { l2: 1 }).converged).toBe(true);
  });

  it("names the row of a label that is not 0 or 1", () => {
    expect(() => fitLogistic([Float64Array.of(1, 0)], [1, 2])).toThrowError(/Labels must be 0 or 1\. Got 2 at row 1\./);
  });
});

describe("averageMarginalEffects", () => {
  const fit = fitLogistic(X, y, { l2: 0 });
  const effects = averageMarginalEffects(fit, X);

  it("matches statsmodels get_margeff(dummy=True) to 1e-4", () => {
    REF.statsmodels.margeff.forEach((m: number, j: number) => expect(effects[j]).toBeCloseTo(m, 4));
  });

  it("gives a pure follower action a near-zero effect although its univariate lift is large", () => {
    const follower = REF.columns.indexOf("follower");
    const did = X[follower];
    const rate = (flag: number) => {
      let won = 0;
      let total = 0;
      for (let i = 0; i < y.length; i++) if (did[i] === flag) { total++; won += y[i]; }
      return won / total;
    };
    const univariateLift = rate(1) - rate(0);
    expect(univariateLift).toBeGreaterThan(0.15);
    expect(Math.abs(effects[follower])).toBeLessThan(0.05);
  });
});
