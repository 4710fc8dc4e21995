import { LeadliftError } from "../errors.js";

export interface LogisticOptions {
  /**
   * L2 penalty λ on ½λ‖β‖² added to the negative log-likelihood summed over
   * rows; the intercept is not penalised. λ = 1/C for scikit-learn's
   * LogisticRegression(C). Default 1.
   */
  readonly l2?: number;
  /** Most Newton steps. Default 100. */
  readonly maxIterations?: number;
  /** Converged when the largest absolute gradient entry falls below this. Default 1e-8. */
  readonly tolerance?: number;
  /** Row weights (default all 1). */
  readonly sampleWeights?: ArrayLike<number>;
}

export interface LogisticFit {
  readonly intercept: number;
  readonly coefficients: number[];
  readonly iterations: number;
  readonly converged: boolean;
  /** Log-likelihood (unpenalised) at the solution. */
  readonly logLikelihood: number;
  /** Standard errors [intercept, ...coefficients] from the inverse penalised Hessian. */
  readonly standardErrors: number[];
  readonly warnings: string[];
}

/**
 * Fits a logistic regression by Newton–Raphson (IRLS) with an L2 penalty,
 * on column-major features (one Float64Array per feature). Step-halving
 * guards the penalised log-likelihood; convergence is on the gradient's
 * max-norm. Written here because ml-logistic-regression is fixed-rate
 * gradient ascent without intercept, penalty or convergence test.
 * @throws LeadliftError for mismatched lengths, non-0/1 labels, or
 *   separation (coefficients diverging) without a penalty.
 * @example fitLogistic([Float64Array.of(0, 1, 0, 1)], [0, 1, 1, 0], { l2: 0 }).coefficients // [0]
 */
export function fitLogistic(features: ReadonlyArray<ArrayLike<number>>, labels: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-8;
  const n = labels.length;
  const p = features.length;
  const dim = p + 1;
  for (let j = 0; j < p; j++) {
    if (features[j].length !== n) {
      throw new LeadliftError("invalid-argument", `Feature ${j} has ${features[j].length} rows; labels have ${n}.`);
    }
  }
  for (let i = 0; i < n; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new LeadliftError("invalid-argument", `Labels must be 0 or 1. Got ${JSON.stringify(labels[i])} at row ${i}.`);
    }
  }
  const weights = options.sampleWeights;
  const rows = toSparseRows(features, n);
  const { start: rowStart, column: cols, value: vals } = rows;
  const beta = new Float64Array(dim);
  // Start the intercept at the log-odds of the base rate: one Newton step fewer on typical data.
  let positives = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    positives += w * labels[i];
    totalWeight += w;
  }
  if (positives > 0 && positives < totalWeight) beta[0] = Math.log(positives / (totalWeight - positives));
  const warnings: string[] = [];
  const eta = new Float64Array(n);
  const penalisedLogLikelihood = (b: Float64Array): number => {
    let ll = 0;
    for (let i = 0; i < n; i++) {
      let e = b[0];
      for (let k = rowStart[i], end = rowStart[i + 1]; k < end; k++) e += b[cols[k] + 1] * vals[k];
      eta[i] = e;
      const w = weights ? weights[i] : 1;
      // log σ(e) = −log(1 + exp(−e)), computed stably.
      ll += w * (labels[i] * e - softplus(e));
    }
    let penalty = 0;
    for (let j = 1; j < dim; j++) penalty += b[j] * b[j];
    return ll - 0.5 * l2 * penalty;
  };
  let current = penalisedLogLikelihood(beta);
  let iterations = 0;
  let converged = false;
  let hessian = new Float64Array(dim * dim);
  const gradient = new Float64Array(dim);
  for (; iterations < maxIterations; iterations++) {
    gradient.fill(0);
    hessian = new Float64Array(dim * dim);
    // One pass over the non-zero cells of each row: binary lead features are sparse, so
    // the Hessian update costs (non-zeros per row)² instead of p².
    for (let i = 0; i < n; i++) {
      const probability = 1 / (1 + Math.exp(-eta[i]));
      const w = weights ? weights[i] : 1;
      const residual = w * (labels[i] - probability);
      const curvature = w * probability * (1 - probability);
      gradient[0] += residual;
      hessian[0] += curvature;
      const from = rowStart[i];
      const to = rowStart[i + 1];
      for (let a = from; a < to; a++) {
        const j = cols[a] + 1;
        const xj = vals[a];
        gradient[j] += residual * xj;
        const cj = curvature * xj;
        const offset = j * dim + 1;
        hessian[offset - 1] += cj;
        for (let b = from; b <= a; b++) hessian[offset + cols[b]] += cj * vals[b];
      }
    }
    for (let j = 1; j < dim; j++) {
      gradient[j] -= l2 * beta[j];
      hessian[j * dim + j] += l2;
    }
    let maxGradient = 0;
    for (let j = 0; j < dim; j++) maxGradient = Math.max(maxGradient, Math.abs(gradient[j]));
    if (maxGradient < tolerance * Math.max(1, n / 1000)) {
      converged = true;
      break;
    }
    const step = solveSymmetric(hessian, gradient, dim, warnings);
    let scale = 1;
    const next = new Float64Array(dim);
    let candidate = -Infinity;
    for (let halving = 0; halving < 30; halving++) {
      for (let j = 0; j < dim; j++) next[j] = beta[j] + scale * step[j];
      candidate = penalisedLogLikelihood(next);
      if (candidate >= current - 1e-12 * Math.abs(current)) break;
      scale /= 2;
    }
    beta.set(next);
    current = candidate;
  }
  penalisedLogLikelihood(beta);
  if (l2 === 0) {
    for (let j = 1; j < dim; j++) {
      if (Math.abs(beta[j]) > 30) {
        throw new LeadliftError(
          "separation",
          `Perfect or quasi-complete separation: the coefficient of feature ${j - 1} diverges (${beta[j].toFixed(1)} after ${iterations} steps). Use a positive "l2" penalty or drop the feature.`,
        );
      }
    }
  }
  if (!converged) warnings.push(`Did not converge in ${maxIterations} Newton steps; estimates may be inaccurate.`);
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) logLikelihood += (weights ? weights[i] : 1) * (labels[i] * eta[i] - softplus(eta[i]));
  const standardErrors = inverseDiagonal(hessian, dim).map((v) => Math.sqrt(Math.max(0, v)));
  return { intercept: beta[0], coefficients: Array.from(beta.subarray(1)), iterations, converged, logLikelihood, standardErrors, warnings };
}

/** P(y = 1 | row) for a fitted model. */
export function predictLogistic(fit: Pick<LogisticFit, "intercept" | "coefficients">, row: ArrayLike<number>): number {
  let e = fit.intercept;
  for (let j = 0; j < fit.coefficients.length; j++) e += fit.coefficients[j] * row[j];
  return 1 / (1 + Math.exp(-e));
}

/** Column-major features as compressed sparse rows (non-zero cells only), columns ascending within a row. */
function toSparseRows(features: ReadonlyArray<ArrayLike<number>>, n: number) {
  const counts = new Int32Array(n + 1);
  for (const column of features) for (let i = 0; i < n; i++) if (column[i] !== 0) counts[i + 1]++;
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const nonZero = counts[n];
  const column = new Int32Array(nonZero);
  const value = new Float64Array(nonZero);
  const fill = counts.slice(0, n);
  features.forEach((values, j) => {
    for (let i = 0; i < n; i++) {
      if (values[i] === 0) continue;
      column[fill[i]] = j;
      value[fill[i]] = values[i];
      fill[i]++;
    }
  });
  return { start: counts, column, value };
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Cholesky factor (lower) of the symmetric matrix whose lower triangle is filled; null if not positive definite. */
function cholesky(matrix: Float64Array, dim: number): Float64Array | null {
  const factor = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * dim + j];
      for (let k = 0; k < j; k++) sum -= factor[i * dim + k] * factor[j * dim + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        factor[i * dim + i] = Math.sqrt(sum);
      } else {
        factor[i * dim + j] = sum / factor[j * dim + j];
      }
    }
  }
  return factor;
}

function solveSymmetric(matrix: Float64Array, rhs: Float64Array, dim: number, warnings: string[]): Float64Array {
  let factor = cholesky(matrix, dim);
  if (!factor) {
    const jittered = Float64Array.from(matrix);
    for (let i = 0; i < dim; i++) jittered[i * dim + i] += 1e-8 * Math.max(1, matrix[i * dim + i]);
    factor = cholesky(jittered, dim);
    if (!factor) throw new LeadliftError("singular", "The information matrix is singular: a feature is constant or duplicates others. Drop it or use a positive l2 penalty.");
    if (!warnings.includes("jitter")) warnings.push("The information matrix was near-singular; a small ridge was added to solve it.");
  }
  const y = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    let sum = rhs[i];
    for (let k = 0; k < i; k++) sum -= factor[i * dim + k] * y[k];
    y[i] = sum / factor[i * dim + i];
  }
  const x = new Float64Array(dim);
  for (let i = dim - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < dim; k++) sum -= factor[k * dim + i] * x[k];
    x[i] = sum / factor[i * dim + i];
  }
  return x;
}

function inverseDiagonal(matrix: Float64Array, dim: number): number[] {
  const diagonal: number[] = [];
  for (let c = 0; c < dim; c++) {
    const unit = new Float64Array(dim);
    unit[c] = 1;
    try {
      diagonal.push(solveSymmetric(matrix, unit, dim, [])[c]);
    } catch {
      diagonal.push(Number.NaN);
    }
  }
  return diagonal.map((v) => (Number.isFinite(v) ? v : 0));
}
