import type { StackedDesign } from "../features/landmark-design.js";
import { choleskyFactor, choleskySolve } from "./cholesky.js";
import { fitLogistic, type LogisticFit } from "./fit-logistic.js";

/** A logistic regression on a stacked (landmark) design, with lead-clustered standard errors. */
export interface StackedLogisticFit {
  readonly intercept: number;
  /** One per design column. */
  readonly coefficients: number[];
  /** Cluster-robust (sandwich) standard errors, one per design column: a lead is one cluster however many rows it has. */
  readonly standardErrors: number[];
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: string[];
  /** Distinct (features, outcome) patterns the fit ran on. */
  readonly patterns: number;
  /** Leads (clusters) in the design. */
  readonly clusters: number;
}

export interface StackedLogisticOptions {
  /** L2 penalty λ on ½λ‖β‖², intercept free, with the rows weighted to sum to the number of leads (so λ means what it means on one row per lead). */
  readonly l2: number;
}

/**
 * Fits an L2-regularised logistic regression on a stacked design whose rows
 * belong to leads (clusters) that share one outcome, `won[lead]`.
 *
 * Exact compression: identical (features, outcome) rows are merged into one
 * weighted row before the Newton fit (the log-likelihood is a sum over
 * rows). Rows are weighted so their total is the number of leads, which
 * keeps the penalty's strength that of a one-row-per-lead fit. Standard
 * errors are the cluster-robust sandwich H⁻¹MH⁻¹·G/(G−1) (Liang & Zeger
 * 1986; statsmodels' `cov_type="cluster"` without its (N−1)/(N−K) factor),
 * with H the penalised information and M = Σ_leads UᵢUᵢᵀ the outer products
 * of each lead's summed score: a lead seen at 40 landmarks carries the
 * information of one lead, not of 40.
 */
export function fitStackedLogistic(design: StackedDesign, won: ArrayLike<number>, options: StackedLogisticOptions): StackedLogisticFit {
  return fitStackedPatterns(patternsOfDesign(design, won), options);
}

/**
 * A stacked design reduced to what the fit needs: its distinct (columns,
 * outcome) patterns with their summed weights — in the order they first
 * appear, lead by lead — the number of leads (clusters) and of rows
 * (landmarks) behind them, and the cluster meat for given coefficients.
 * Built from the design in memory (`patternsOfDesign`) or by an engine
 * that counts patterns itself.
 */
export interface StackedPatternSource {
  readonly columns: readonly string[];
  readonly patterns: StackedPatterns;
  readonly clusters: number;
  /** Σ of the rows' weights (landmarks), before scaling. */
  readonly totalWeight: number;
  /** Σ over leads of UᵢUᵢᵀ, Uᵢ = Σ over the lead's rows of w·scale·(y − p)·x, row-major (columns + 1)², intercept first. */
  meat(beta: Float64Array, scale: number): Float64Array;
}

/** Fits the regression of a pattern source (see `fitStackedLogistic`). */
export function fitStackedPatterns(source: StackedPatternSource, options: StackedLogisticOptions): StackedLogisticFit {
  const dim = source.columns.length + 1;
  const { patterns, clusters, totalWeight } = source;
  const scale = totalWeight > 0 ? clusters / totalWeight : 1;
  const weights = Float64Array.from(patterns.weight, (w) => w * scale);
  const fit = fitLogistic(patterns.features, patterns.labels, { l2: options.l2, sampleWeights: weights });
  const beta = Float64Array.of(fit.intercept, ...fit.coefficients);
  const bread = invert(information(patterns, weights, beta, options.l2, dim), dim);
  const meat = source.meat(beta, scale);
  const correction = clusters > 1 ? clusters / (clusters - 1) : 1;
  const standardErrors: number[] = [];
  for (let j = 1; j < dim; j++) standardErrors.push(bread === null ? 0 : Math.sqrt(Math.max(0, correction * sandwichDiagonal(bread, meat, dim, j))));
  return {
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    standardErrors,
    converged: fit.converged,
    iterations: fit.iterations,
    warnings: bread === null ? [...fit.warnings, "The information matrix could not be inverted: standard errors set to 0."] : fit.warnings,
    patterns: patterns.labels.length,
    clusters,
  };
}

/** The pattern source of a design held in memory. */
export function patternsOfDesign(design: StackedDesign, won: ArrayLike<number>): StackedPatternSource {
  let totalWeight = 0;
  for (let s = 0; s < design.segments; s++) totalWeight += design.segmentWeight[s];
  return {
    columns: design.columns,
    patterns: mergePatterns(design, won),
    clusters: countClusters(design),
    totalWeight,
    meat: (beta, scale) => clusterMeat(design, won, beta, scale, design.columns.length + 1),
  };
}

/**
 * Pattern features as the fit takes them: 0/1 columns of the distinct
 * patterns, with their columns, outcomes and weights. Bytes, not doubles:
 * the fit reads the same 0s and 1s, and at 200k leads the columns of 180k
 * patterns took 0.6 s to allocate and fill as Float64Arrays.
 */
export function patternsFromColumns(columnCount: number, columnsOf: Int32Array[], labels: ArrayLike<number>, weight: ArrayLike<number>): StackedPatterns {
  const features = Array.from({ length: columnCount }, () => new Uint8Array(columnsOf.length));
  columnsOf.forEach((columns, p) => {
    for (const c of columns) features[c][p] = 1;
  });
  return { features, labels: Uint8Array.from(labels), weight: Float64Array.from(weight), columnsOf };
}

/** Linear predictor of one design row (intercept included) for sparse 0/1 columns. */
export function stackedLinearPredictor(fit: Pick<LogisticFit, "intercept" | "coefficients">, columns: ArrayLike<number>): number {
  let e = fit.intercept;
  for (let c = 0; c < columns.length; c++) e += fit.coefficients[columns[c]];
  return e;
}

/** Distinct patterns of a stacked design. */
export interface StackedPatterns {
  /** Column-major 0/1 features of the distinct patterns. */
  readonly features: Uint8Array[];
  readonly labels: Uint8Array;
  readonly weight: Float64Array;
  /** Sparse columns of each pattern. */
  readonly columnsOf: Int32Array[];
}

function mergePatterns(design: StackedDesign, won: ArrayLike<number>): StackedPatterns {
  // Distinct (outcome, columns) found by a hash of the columns with chaining (no key string per segment).
  const firstOfHash = new Map<number, number>();
  const nextInChain: number[] = [];
  const columnsOf: Int32Array[] = [];
  const labels: number[] = [];
  const weight: number[] = [];
  const { columnIndex, columnOffsets } = design;
  for (let s = 0; s < design.segments; s++) {
    const from = columnOffsets[s];
    const to = columnOffsets[s + 1];
    const y = won[design.segmentLead[s]] ? 1 : 0;
    let hash = 0x811c9dc5 ^ y;
    for (let c = from; c < to; c++) hash = Math.imul(hash ^ columnIndex[c], 0x01000193);
    let p = firstOfHash.get(hash) ?? -1;
    while (p >= 0 && !(labels[p] === y && sameColumns(columnsOf[p], columnIndex, from, to))) p = nextInChain[p];
    if (p < 0) {
      p = labels.length;
      nextInChain.push(firstOfHash.get(hash) ?? -1);
      firstOfHash.set(hash, p);
      columnsOf.push(columnIndex.slice(from, to));
      labels.push(y);
      weight.push(0);
    }
    weight[p] += design.segmentWeight[s];
  }
  return patternsFromColumns(design.columns.length, columnsOf, labels, weight);
}

function sameColumns(columns: Int32Array, index: Int32Array, from: number, to: number): boolean {
  if (columns.length !== to - from) return false;
  for (let c = 0; c < columns.length; c++) if (columns[c] !== index[from + c]) return false;
  return true;
}

function countClusters(design: StackedDesign): number {
  const seen = new Set<number>();
  for (let s = 0; s < design.segments; s++) seen.add(design.segmentLead[s]);
  return seen.size;
}

/**
 * Penalised information Σ w·p(1−p)·xxᵀ + λ·I (intercept unpenalised), row-major dim × dim.
 * A pattern's entries go in one reused Int32Array: a plain array emptied per
 * pattern reallocated its storage each time (65 MB of garbage per training at 200k leads).
 */
function information(patterns: StackedPatterns, weights: Float64Array, beta: Float64Array, l2: number, dim: number): Float64Array {
  const matrix = new Float64Array(dim * dim);
  const active = new Int32Array(dim);
  for (let p = 0; p < patterns.labels.length; p++) {
    const columns = patterns.columnsOf[p];
    let e = beta[0];
    for (const c of columns) e += beta[c + 1];
    const prob = 1 / (1 + Math.exp(-e));
    const v = weights[p] * prob * (1 - prob);
    let count = 0;
    active[count++] = 0;
    for (const c of columns) active[count++] = c + 1;
    // The upper triangle only: the lower one would add the same v in the same order (copied below).
    for (let a = 0; a < count; a++) {
      const i = active[a];
      for (let b = a; b < count; b++) {
        const j = active[b];
        matrix[i <= j ? i * dim + j : j * dim + i] += v;
      }
    }
  }
  for (let i = 0; i < dim; i++) for (let j = i + 1; j < dim; j++) matrix[j * dim + i] = matrix[i * dim + j];
  for (let j = 1; j < dim; j++) matrix[j * dim + j] += l2;
  return matrix;
}

/** Σ over leads of UᵢUᵢᵀ, Uᵢ = Σ over the lead's rows of w·(y − p)·x (weights scaled as in the fit). */
function clusterMeat(design: StackedDesign, won: ArrayLike<number>, beta: Float64Array, scale: number, dim: number): Float64Array {
  const meat = new ClusterMeat(dim);
  // Segments arrive grouped by lead from the design builders.
  for (let s = 0; s < design.segments; s++) {
    const lead = design.segmentLead[s];
    const from = design.columnOffsets[s];
    const to = design.columnOffsets[s + 1];
    let e = beta[0];
    for (let c = from; c < to; c++) e += beta[design.columnIndex[c] + 1];
    meat.add(lead, design.segmentWeight[s] * scale * (won[lead] - 1 / (1 + Math.exp(-e))), design.columnIndex, from, to);
  }
  return meat.result();
}

/**
 * The lead-clustered meat Σ over leads of UᵢUᵢᵀ, built from design rows
 * that arrive grouped by lead: each row adds its residual term to Uᵢ's
 * intercept and to its 0/1 columns; a lead's Uᵢ is added to the meat when
 * the next lead starts (or all at once, `addScores`). Only the columns a
 * lead touched are visited, and only the upper triangle is summed: both
 * halves would add the same products (a·b = b·a exactly) in the same order,
 * so `result` copies it to the lower one.
 */
export class ClusterMeat {
  private readonly meat: Float64Array;
  private readonly score: Float64Array;
  private readonly touched: Uint8Array;
  private readonly touchedList: number[] = [];
  private lead = -1;

  constructor(private readonly dim: number) {
    this.meat = new Float64Array(dim * dim);
    this.score = new Float64Array(dim);
    this.touched = new Uint8Array(dim);
  }

  /** One row of `lead` (leads must not interleave): `value` = w·scale·(y − p̂) for the intercept and design columns `columns[from … to)`. */
  add(lead: number, value: number, columns: ArrayLike<number>, from = 0, to = columns.length): void {
    if (lead !== this.lead) {
      this.flush();
      this.lead = lead;
    }
    this.touch(0, value);
    for (let c = from; c < to; c++) this.touch(columns[c] + 1, value);
  }

  /** One lead's whole Uᵢ: `scores[k]` at entry `entries[k]` (0 the intercept, c + 1 design column c; each entry once), for `count` entries. */
  addScores(entries: ArrayLike<number>, scores: ArrayLike<number>, count: number): void {
    this.flush();
    this.lead = -1;
    this.addOuter(entries, scores, count);
  }

  /** The meat, row-major (columns + 1)², intercept first. */
  result(): Float64Array {
    this.flush();
    const { meat, dim } = this;
    for (let i = 0; i < dim; i++) for (let j = i + 1; j < dim; j++) meat[j * dim + i] = meat[i * dim + j];
    return meat;
  }

  private touch(j: number, value: number): void {
    if (!this.touched[j]) {
      this.touched[j] = 1;
      this.touchedList.push(j);
    }
    this.score[j] += value;
  }

  private flush(): void {
    const { score, touched, touchedList } = this;
    const count = touchedList.length;
    if (count === 0) return;
    const scores = touchedList.map((j) => score[j]);
    this.addOuter(touchedList, scores, count);
    for (const i of touchedList) {
      score[i] = 0;
      touched[i] = 0;
    }
    touchedList.length = 0;
  }

  /** Adds score·scoreᵀ over the given entries to the upper triangle. */
  private addOuter(entries: ArrayLike<number>, scores: ArrayLike<number>, count: number): void {
    const { meat, dim } = this;
    for (let a = 0; a < count; a++) {
      const i = entries[a];
      const si = scores[a];
      for (let b = a; b < count; b++) {
        const j = entries[b];
        meat[i <= j ? i * dim + j : j * dim + i] += si * scores[b];
      }
    }
  }
}

/** Full inverse of a symmetric positive definite matrix by Cholesky, or null when it is not. */
function invert(matrix: Float64Array, dim: number): Float64Array | null {
  const factor = new Float64Array(dim * dim);
  if (!choleskyFactor(matrix, dim, factor)) return null;
  const inverse = new Float64Array(dim * dim);
  const column = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    column.fill(0);
    column[j] = 1;
    choleskySolve(factor, dim, column);
    for (let i = 0; i < dim; i++) inverse[i * dim + j] = column[i];
  }
  return inverse;
}

/** (B M B)ⱼⱼ for symmetric B. */
function sandwichDiagonal(bread: Float64Array, meat: Float64Array, dim: number, j: number): number {
  let total = 0;
  for (let a = 0; a < dim; a++) {
    const ba = bread[j * dim + a];
    if (ba === 0) continue;
    for (let b = 0; b < dim; b++) total += ba * meat[a * dim + b] * bread[b * dim + j];
  }
  return total;
}
