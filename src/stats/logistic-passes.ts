import { type BinaryBlocks, blockPairs, expandOuterProducts, expandPatternSums, patternSums, toBinaryBlocks } from "./binary-blocks.js";
import { type SparseRows, toSparseRows } from "./sparse-rows.js";

/*
 * The data-reading half of the logistic fit (fit-logistic.ts holds the Newton
 * iteration): per-row log-likelihood, gradient and information sums, over
 * either of two layouts. The two accumulate loops repeat their per-row
 * arithmetic on purpose — each is the hot loop of its layout.
 */

/**
 * The two reads of the data a Newton fit makes, whatever the row layout.
 * Both return the unpenalised log-likelihood at β.
 */
export interface RowPasses {
  /** Also adds the score (gradient) and information (lower triangle, row-major) into the given zeroed arrays. */
  accumulate(beta: Float64Array, gradient: Float64Array, information: Float64Array): number;
  /** The log-likelihood alone: what step-halving needs. */
  logLikelihood(beta: Float64Array): number;
}

/** Log-likelihood, gradient and information matrix at one β: everything a Newton step needs. */
export interface NewtonTerms {
  /** Unpenalised log-likelihood. */
  logLikelihood: number;
  /** Log-likelihood minus ½λ‖β‖² (intercept excluded): what a step must not decrease. */
  penalised: number;
  /** Gradient of the penalised log-likelihood, [intercept, ...coefficients]. */
  readonly gradient: Float64Array;
  /** Penalised information matrix (minus the Hessian), row-major; only the lower triangle is filled. */
  readonly information: Float64Array;
}

/** Block codes when every feature is 0/1 and they are the cheaper read ({@link blocksPay}); sparse rows otherwise. */
export function rowPasses(features: ReadonlyArray<ArrayLike<number>>, labels: Uint8Array, weights: Float64Array | null): RowPasses {
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

export function newtonTerms(dim: number): NewtonTerms {
  return { logLikelihood: 0, penalised: 0, gradient: new Float64Array(dim), information: new Float64Array(dim * dim) };
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
