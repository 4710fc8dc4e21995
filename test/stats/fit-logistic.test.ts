import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { averageMarginalEffects } from "../../src/stats/average-marginal-effect.js";
import { blockPairs, expandOuterProducts, expandPatternSums, patternSums, toBinaryBlocks } from "../../src/stats/binary-blocks.js";
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

  it("names sample weights whose length does not match the labels", () => {
    expect(() => fitLogistic([Float64Array.of(1, 0)], [1, 0], { sampleWeights: [1] })).toThrowError(/sampleWeights has 1 rows; labels have 2\./);
  });

  // 0/1 designs are read as block codes, others as sparse rows: doubling one column forces
  // the sparse read and halves that coefficient exactly, leaving everything else unchanged.
  it.each([1, 6, 7, 13, 30])("fits %i flag columns the same whether read as block codes or as sparse rows", (columns) => {
    const { features, labels } = randomFlags(3000, columns, 0.6, columns);
    const weights = Array.from(labels, (_, i) => 1 + (i % 3));
    const blocks = fitLogistic(features, labels, { l2: 0, sampleWeights: weights });
    const doubled = features.map((column, j) => (j === 0 ? column.map((x) => 2 * x) : column));
    const sparse = fitLogistic(doubled, labels, { l2: 0, sampleWeights: weights });
    expect(blocks.converged && sparse.converged).toBe(true);
    expect(blocks.intercept).toBeCloseTo(sparse.intercept, 9);
    blocks.coefficients.forEach((c, j) => expect(c).toBeCloseTo(j === 0 ? 2 * sparse.coefficients[0] : sparse.coefficients[j], 9));
    blocks.standardErrors.forEach((se, j) => expect(se).toBeCloseTo(j === 1 ? 2 * sparse.standardErrors[1] : sparse.standardErrors[j], 9));
    expect(blocks.logLikelihood).toBeCloseTo(sparse.logLikelihood, 8);
  });

  it("treats integer sample weights as repeated rows", () => {
    const { features, labels } = randomFlags(500, 8, 0.5, 11);
    const weights = Array.from(labels, (_, i) => 1 + (i % 2));
    const repeat = (values: ArrayLike<number>) => Array.from(values).flatMap((v, i) => (weights[i] === 2 ? [v, v] : [v]));
    const weighted = fitLogistic(features, labels, { sampleWeights: weights });
    const repeated = fitLogistic(features.map((column) => Float64Array.from(repeat(column))), repeat(labels));
    weighted.coefficients.forEach((c, j) => expect(c).toBeCloseTo(repeated.coefficients[j], 9));
    expect(weighted.logLikelihood).toBeCloseTo(repeated.logLikelihood, 7);
  });

  // Half a million rows over 12 flags repeat patterns; summed in one running total, the
  // log-likelihood's rounding (~1e-6) exceeded what the last Newton step gains, step-halving
  // rejected it and the fit stalled for 100 steps just short of the gradient tolerance.
  it("converges on a large design without stalling on rounding in the log-likelihood", () => {
    const { features, labels } = randomFlags(500_000, 12, 0.1, 3);
    const fit = fitLogistic(features, labels);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThanOrEqual(8);
  });
});

describe("binary blocks", () => {
  it.each([0, 1, 6, 7, 13, 20])("expand per-pattern sums into Σ c·x and Σ c·xxᵀ (%i columns)", (columns) => {
    const rows = 400;
    const { features } = randomFlags(rows, columns, 0.4, 100 + columns);
    const blocks = toBinaryBlocks(features, rows);
    if (blocks === null) throw new Error("flags should pack");
    const random = mulberry32(7);
    const c = Array.from({ length: rows }, () => random());
    const size = 1 << blocks.width;
    // The tables a pass fills, filled here row by row from the codes.
    const perBlock = new Float64Array(blocks.blocks * size);
    const first = new Float64Array(size);
    const pairs = new Float64Array(blockPairs(blocks) * size * size);
    for (let i = 0; i < rows; i++) {
      const code = (g: number) => blocks.codes[i * blocks.blocks + g];
      first[code(0)] += c[i];
      for (let g = 0, pair = 0; g < blocks.blocks; g++) {
        perBlock[g * size + code(g)] += c[i];
        for (let h = g + 1; h < blocks.blocks; h++, pair++) pairs[pair * size * size + code(g) * size + code(h)] += c[i];
      }
    }
    const dim = columns + 1;
    const x = (i: number, j: number) => (j === 0 ? 1 : features[j - 1][i]);
    const matrix = new Float64Array(dim * dim);
    expandOuterProducts(blocks, first, pairs, matrix);
    const sums = new Float64Array(dim);
    expandPatternSums(blocks, perBlock, sums, 1);
    for (let j = 0; j < dim; j++) {
      let sum = 0;
      for (let i = 0; i < rows; i++) sum += c[i] * x(i, j);
      if (j > 0) expect(sums[j]).toBeCloseTo(sum, 9);
      for (let k = 0; k <= j; k++) {
        let cross = 0;
        for (let i = 0; i < rows; i++) cross += c[i] * x(i, j) * x(i, k);
        expect(matrix[j * dim + k]).toBeCloseTo(cross, 9);
      }
    }
    const beta = Array.from({ length: columns }, () => random() - 0.5);
    const table = new Float64Array(blocks.blocks * size);
    patternSums(blocks, beta, table);
    for (let i = 0; i < rows; i += 37) {
      let eta = 0;
      for (let g = 0; g < blocks.blocks; g++) eta += table[g * size + blocks.codes[i * blocks.blocks + g]];
      expect(eta).toBeCloseTo(beta.reduce((s, b, j) => s + b * features[j][i], 0), 12);
    }
  });

  it("refuses values other than 0 and 1, NaN included", () => {
    expect(toBinaryBlocks([Float64Array.of(0, 1, 2)], 3)).toBeNull();
    expect(toBinaryBlocks([Float64Array.of(0, 1), Float64Array.of(Number.NaN, 0)], 2)).toBeNull();
    expect(toBinaryBlocks([Float64Array.of(0, 1, 1)], 3)?.ones).toBe(2);
  });
});

/** Seeded 0/1 columns with a logistic truth, for layout and rounding checks. */
function randomFlags(rows: number, columns: number, density: number, seed: number) {
  const random = mulberry32(seed);
  const features = Array.from({ length: columns }, () => new Float64Array(rows));
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let eta = -2;
    for (let j = 0; j < columns; j++) {
      const x = random() < density ? 1 : 0;
      features[j][i] = x;
      eta += ((j % 5) - 2) * 0.3 * x;
    }
    labels[i] = random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { features, labels };
}

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
