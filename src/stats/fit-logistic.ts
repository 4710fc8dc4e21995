import { LeadliftError } from "../errors.js";
import { type BinaryBlocks, blockPairs, expandOuterProducts, expandPatternSums, patternSums, toBinaryBlocks } from "./binary-blocks.js";
import { choleskyFactor, choleskyInverseDiagonal, choleskySolve } from "./cholesky.js";
import { type SparseRows, toSparseRows } from "./sparse-rows.js";

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
 * The two reads of the data a Newton fit makes, whatever the row layout.
 * Both return the unpenalised log-likelihood at β.
 */
interface RowPasses {
  /** Also adds the score (gradient) and information (lower triangle, row-major) into the given zeroed arrays. */
  accumulate(beta: Float64Array, gradient: Float64Array, information: Float64Array): number;
  /** The log-likelihood alone: what step-halving needs. */
  logLikelihood(beta: Float64Array): number;
}

/** Log-likelihood, gradient and information matrix at one β: everything a Newton step needs. */
interface NewtonTerms {
  /** Unpenalised log-likelihood. */
  logLikelihood: number;
  /** Log-likelihood minus ½λ‖β‖² (intercept excluded): what a step must not decrease. */
  penalised: number;
  /** Gradient of the penalised log-likelihood, [intercept, ...coefficients]. */
  readonly gradient: Float64Array;
  /** Penalised information matrix (minus the Hessian), row-major; only the lower triangle is filled. */
  readonly information: Float64Array;
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
 * read as block codes ({@link toBinaryBlocks}), others as sparse rows.
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

/** Block codes when every feature is 0/1 and they are the cheaper read ({@link blocksPay}); sparse rows otherwise. */
function rowPasses(features: ReadonlyArray<ArrayLike<number>>, labels: Uint8Array, weights: Float64Array | null): RowPasses {
  const blocks = features.length <= MAX_BLOCK_COLUMNS ? toBinaryBlocks(features, labels.length) : null;
  return blocks !== null && blocksPay(blocks) ? blockPasses(blocks, labels, weights) : sparseRowPasses(toSparseRows(features, labels.length), labels, weights);
}

/** Widest 0/1 design read as block codes: 8 blocks of 6, 28 block-pair tables (0.9 MB). */
const MAX_BLOCK_COLUMNS = 48;

/**
 * Whether block codes beat sparse rows, counting sums updated per row: a
 * block layout updates one cell per block pair, per block and for block 0;
 * a sparse row with k flags 3k cells (η, score, intercept column) and
 * k(k + 1)/2 for its outer product. The count matched which layout was
 * faster on 500k-row designs of 6 to 48 flags, 1.5 to 10 set per row.
 */
function blocksPay({ blocks, ones, rows }: BinaryBlocks): boolean {
  const k = ones / Math.max(1, rows);
  return (blocks * (blocks + 1)) / 2 + 1 <= 3 * k + (k * (k + 1)) / 2;
}

/** Rows per partial sum of the log-likelihood (see {@link sumByChunks}). */
const ROWS_PER_SUM = 4096;

/**
 * Σ part(from, to) over consecutive row ranges. A running total over a
 * million rows loses ~1e-6 to rounding, more than a converged Newton step
 * gains, so step-halving would reject good steps and the fit would stall
 * short of the gradient tolerance; chunk totals keep the error near 1e-9.
 */
function sumByChunks(rows: number, part: (from: number, to: number) => number): number {
  let total = 0;
  for (let from = 0; from < rows; from += ROWS_PER_SUM) total += part(from, Math.min(rows, from + ROWS_PER_SUM));
  return total;
}

function newtonTerms(dim: number): NewtonTerms {
  return { logLikelihood: 0, penalised: 0, gradient: new Float64Array(dim), information: new Float64Array(dim * dim) };
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

/**
 * A row's log-likelihood term, y·η − log(1 + e^η), from t = e^−|η| (the one
 * exp a row needs: it gives the probability and its variance too).
 */
function logLikelihoodTerm(label: number, eta: number, t: number): number {
  return label * eta - Math.max(eta, 0) - Math.log1p(t);
}

function blockPasses(blocks: BinaryBlocks, labels: Uint8Array, weights: Float64Array | null): RowPasses {
  const size = 1 << blocks.width;
  const etaTable = new Float64Array(blocks.blocks * size);
  const residualTable = new Float64Array(blocks.blocks * size);
  const first = new Float64Array(size);
  const pairs = new Float64Array(blockPairs(blocks) * size * size);
  return {
    accumulate(beta, gradient, information) {
      patternSums(blocks, beta.subarray(1), etaTable);
      residualTable.fill(0);
      first.fill(0);
      pairs.fill(0);
      const logLikelihood = sumByChunks(blocks.rows, (from, to) => accumulateBlocks(blocks, labels, weights, beta[0], etaTable, residualTable, first, pairs, from, to));
      for (let u = 0; u < size; u++) gradient[0] += residualTable[u];
      expandPatternSums(blocks, residualTable, gradient, 1);
      expandOuterProducts(blocks, first, pairs, information);
      return logLikelihood;
    },
    logLikelihood(beta) {
      patternSums(blocks, beta.subarray(1), etaTable);
      return sumByChunks(blocks.rows, (from, to) => blockLogLikelihood(blocks, labels, weights, beta[0], etaTable, from, to));
    },
  };
}

/**
 * The pass over block codes: per row, η is one lookup per block; the
 * residual goes to one cell per block and the curvature to block 0's
 * pattern cell and one cell per block pair (see {@link expandOuterProducts}).
 */
function accumulateBlocks(
  { codes, blocks: count, width }: BinaryBlocks,
  labels: Uint8Array,
  weights: Float64Array | null,
  intercept: number,
  etaTable: Float64Array,
  residualTable: Float64Array,
  first: Float64Array,
  pairs: Float64Array,
  from: number,
  to: number,
): number {
  const size = 1 << width;
  const tableSize = size * size;
  let logLikelihood = 0;
  for (let i = from, base = from * count; i < to; i++, base += count) {
    let eta = intercept;
    for (let g = 0; g < count; g++) eta += etaTable[g * size + codes[base + g]];
    const w = weights === null ? 1 : weights[i];
    const t = Math.exp(-Math.abs(eta));
    const q = 1 / (1 + t);
    logLikelihood += w * logLikelihoodTerm(labels[i], eta, t);
    const residual = w * (labels[i] - (eta >= 0 ? q : t * q));
    const curvature = w * t * q * q;
    first[codes[base]] += curvature;
    for (let g = 0, pair = 0; g < count; g++) {
      const u = codes[base + g];
      residualTable[g * size + u] += residual;
      const row = u * size;
      for (let h = g + 1; h < count; h++, pair += tableSize) pairs[pair + row + codes[base + h]] += curvature;
    }
  }
  return logLikelihood;
}

function blockLogLikelihood(
  { codes, blocks: count, width }: BinaryBlocks,
  labels: Uint8Array,
  weights: Float64Array | null,
  intercept: number,
  etaTable: Float64Array,
  from: number,
  to: number,
): number {
  const size = 1 << width;
  let logLikelihood = 0;
  for (let i = from, base = from * count; i < to; i++, base += count) {
    let eta = intercept;
    for (let g = 0; g < count; g++) eta += etaTable[g * size + codes[base + g]];
    logLikelihood += (weights === null ? 1 : weights[i]) * logLikelihoodTerm(labels[i], eta, Math.exp(-Math.abs(eta)));
  }
  return logLikelihood;
}

function sparseRowPasses(rows: SparseRows, labels: Uint8Array, weights: Float64Array | null): RowPasses {
  return {
    accumulate: (beta, gradient, information) => sumByChunks(rows.rows, (from, to) => accumulateSparse(rows, labels, weights, beta, gradient, information, from, to)),
    logLikelihood: (beta) => sumByChunks(rows.rows, (from, to) => sparseLogLikelihood(rows, labels, weights, beta, from, to)),
  };
}

/** The pass over sparse rows: each row's outer product over its non-zero cells, lower triangle only. */
function accumulateSparse(
  { start, column, value }: SparseRows,
  labels: Uint8Array,
  weights: Float64Array | null,
  beta: Float64Array,
  gradient: Float64Array,
  information: Float64Array,
  from: number,
  to: number,
): number {
  const dim = beta.length;
  let logLikelihood = 0;
  for (let i = from; i < to; i++) {
    const first = start[i];
    const end = start[i + 1];
    let eta = beta[0];
    for (let a = first; a < end; a++) eta += beta[column[a] + 1] * value[a];
    const w = weights === null ? 1 : weights[i];
    const t = Math.exp(-Math.abs(eta));
    const q = 1 / (1 + t);
    logLikelihood += w * logLikelihoodTerm(labels[i], eta, t);
    const residual = w * (labels[i] - (eta >= 0 ? q : t * q));
    const curvature = w * t * q * q;
    gradient[0] += residual;
    information[0] += curvature;
    for (let a = first; a < end; a++) {
      const j = column[a] + 1;
      const x = value[a];
      gradient[j] += residual * x;
      const cx = curvature * x;
      const row = j * dim;
      information[row] += cx;
      for (let b = first; b <= a; b++) information[row + 1 + column[b]] += cx * value[b];
    }
  }
  return logLikelihood;
}

function sparseLogLikelihood({ start, column, value }: SparseRows, labels: Uint8Array, weights: Float64Array | null, beta: Float64Array, from: number, to: number): number {
  let logLikelihood = 0;
  for (let i = from; i < to; i++) {
    let eta = beta[0];
    for (let a = start[i], to = start[i + 1]; a < to; a++) eta += beta[column[a] + 1] * value[a];
    logLikelihood += (weights === null ? 1 : weights[i]) * logLikelihoodTerm(labels[i], eta, Math.exp(-Math.abs(eta)));
  }
  return logLikelihood;
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
