import { LeadliftError } from "../errors.js";
import { choleskyFactor, choleskyInverseDiagonal, choleskySolve } from "./cholesky.js";
import { newtonTerms, rowPasses, type NewtonTerms, type RowPasses } from "./logistic-passes.js";

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

const MAX_HALVINGS = 30;

/**
 * Fits a logistic regression by Newton–Raphson (IRLS) with an L2 penalty,
 * on column-major features (one Float64Array per feature). Step-halving
 * guards the penalised log-likelihood; convergence is on the gradient's
 * max-norm. Written here because ml-logistic-regression is fixed-rate
 * gradient ascent without intercept, penalty or convergence test.
 *
 * Each Newton step reads the data once: the pass that evaluates a trial β
 * also accumulates the gradient and information there, which the next step
 * needs when the trial is accepted (it nearly always is). 0/1 features are
 * read as block codes, others as sparse rows (see logistic-passes.ts).
 * @throws LeadliftError for mismatched lengths, non-0/1 labels, or
 *   separation (coefficients diverging) without a penalty.
 * @example fitLogistic([Float64Array.of(0, 1, 0, 1)], [0, 1, 1, 0], { l2: 0 }).coefficients // [0]
 */
export function fitLogistic(features: ReadonlyArray<ArrayLike<number>>, labels: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-8;
  const n = labels.length;
  const dim = features.length + 1;
  const y = checkedLabels(features, labels, options.sampleWeights);
  const weights = options.sampleWeights === undefined ? null : Float64Array.from(options.sampleWeights);
  const passes = rowPasses(features, y, weights);
  const beta = new Float64Array(dim);
  // Start the intercept at the log-odds of the base rate: one Newton step fewer on typical data.
  beta[0] = baseRateLogOdds(y, weights);
  const warnings: string[] = [];
  let terms = newtonTerms(dim);
  let trial = newtonTerms(dim);
  evaluate(passes, beta, l2, terms);
  const factor = new Float64Array(dim * dim);
  const step = new Float64Array(dim);
  const candidate = new Float64Array(dim);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    if (maxAbs(terms.gradient) < tolerance * Math.max(1, n / 1000)) {
      converged = true;
      break;
    }
    if (factorInformation(terms.information, dim, factor) === "ridged" && !warnings.includes(NEAR_SINGULAR)) warnings.push(NEAR_SINGULAR);
    step.set(terms.gradient);
    choleskySolve(factor, dim, step);
    for (let j = 0; j < dim; j++) candidate[j] = beta[j] + step[j];
    evaluate(passes, candidate, l2, trial);
    if (!improves(trial.penalised, terms.penalised)) {
      halveStep(passes, l2, beta, step, terms.penalised, candidate);
      evaluate(passes, candidate, l2, trial);
    }
    beta.set(candidate);
    [terms, trial] = [trial, terms];
  }
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
  return {
    intercept: beta[0],
    coefficients: Array.from(beta.subarray(1)),
    iterations,
    converged,
    logLikelihood: terms.logLikelihood,
    standardErrors: standardErrors(terms.information, dim),
    warnings,
  };
}

/** P(y = 1 | row) for a fitted model. */
export function predictLogistic(fit: Pick<LogisticFit, "intercept" | "coefficients">, row: ArrayLike<number>): number {
  let e = fit.intercept;
  for (let j = 0; j < fit.coefficients.length; j++) e += fit.coefficients[j] * row[j];
  return 1 / (1 + Math.exp(-e));
}

/** The labels as bytes, after checking every length and that each label is 0 or 1. */
function checkedLabels(features: ReadonlyArray<ArrayLike<number>>, labels: ArrayLike<number>, sampleWeights: ArrayLike<number> | undefined): Uint8Array {
  const n = labels.length;
  for (let j = 0; j < features.length; j++) {
    if (features[j].length !== n) {
      throw new LeadliftError("invalid-argument", `Feature ${j} has ${features[j].length} rows; labels have ${n}.`);
    }
  }
  if (sampleWeights !== undefined && sampleWeights.length !== n) {
    throw new LeadliftError("invalid-argument", `sampleWeights has ${sampleWeights.length} rows; labels have ${n}.`);
  }
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) {
      throw new LeadliftError("invalid-argument", `Labels must be 0 or 1. Got ${JSON.stringify(label)} at row ${i}.`);
    }
    y[i] = label;
  }
  return y;
}

/** log(positives / negatives), or 0 when either is absent. */
function baseRateLogOdds(labels: Uint8Array, weights: Float64Array | null): number {
  let positives = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights === null ? 1 : weights[i];
    positives += w * labels[i];
    total += w;
  }
  return positives > 0 && positives < total ? Math.log(positives / (total - positives)) : 0;
}

/** Fills `out` at β in one pass over the rows, then adds the penalty (intercept excluded). */
function evaluate(passes: RowPasses, beta: Float64Array, l2: number, out: NewtonTerms): void {
  const { gradient, information } = out;
  gradient.fill(0);
  information.fill(0);
  out.logLikelihood = passes.accumulate(beta, gradient, information);
  const dim = beta.length;
  for (let j = 1; j < dim; j++) {
    gradient[j] -= l2 * beta[j];
    information[j * dim + j] += l2;
  }
  out.penalised = out.logLikelihood - penalty(beta, l2);
}

/** ½λ‖β‖², intercept excluded. */
function penalty(beta: Float64Array, l2: number): number {
  let squares = 0;
  for (let j = 1; j < beta.length; j++) squares += beta[j] * beta[j];
  return 0.5 * l2 * squares;
}

/** Accepts a step that does not lower the penalised log-likelihood beyond rounding. */
function improves(next: number, current: number): boolean {
  return next >= current - 1e-12 * Math.abs(current);
}

/**
 * Halves the step from β until the penalised log-likelihood does not fall
 * (the full step was already tried); leaves the point in `candidate`.
 */
function halveStep(passes: RowPasses, l2: number, beta: Float64Array, step: Float64Array, current: number, candidate: Float64Array): void {
  let scale = 1;
  for (let halving = 1; halving < MAX_HALVINGS; halving++) {
    scale /= 2;
    for (let j = 0; j < beta.length; j++) candidate[j] = beta[j] + scale * step[j];
    if (improves(passes.logLikelihood(candidate) - penalty(candidate, l2), current)) return;
  }
}

const NEAR_SINGULAR = "The information matrix was near-singular; a small ridge was added to solve it.";

/**
 * Cholesky factor of the information matrix into `factor`, adding a tiny
 * ridge when it is numerically singular.
 * @throws LeadliftError when even the ridged matrix is not positive definite.
 */
function factorInformation(information: Float64Array, dim: number, factor: Float64Array): "exact" | "ridged" {
  if (choleskyFactor(information, dim, factor)) return "exact";
  const ridged = Float64Array.from(information);
  for (let i = 0; i < dim; i++) ridged[i * dim + i] += 1e-8 * Math.max(1, information[i * dim + i]);
  if (choleskyFactor(ridged, dim, factor)) return "ridged";
  throw new LeadliftError("singular", "The information matrix is singular: a feature is constant or duplicates others. Drop it or use a positive l2 penalty.");
}

/** Square roots of the inverse information matrix's diagonal; 0 where it cannot be inverted. */
function standardErrors(information: Float64Array, dim: number): number[] {
  const factor = new Float64Array(dim * dim);
  try {
    factorInformation(information, dim, factor);
  } catch {
    return new Array<number>(dim).fill(0);
  }
  return Array.from(choleskyInverseDiagonal(factor, dim), (v) => (Number.isFinite(v) ? Math.sqrt(Math.max(0, v)) : 0));
}

function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (let j = 0; j < values.length; j++) largest = Math.max(largest, Math.abs(values[j]));
  return largest;
}
