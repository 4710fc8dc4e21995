/** Shares of leads per score bin, for drift monitoring (PSI) against later data. */
export interface ScoreDistribution {
  /** Ascending inner bin edges: bins are (−∞, e₀], (e₀, e₁], …, (eₖ, ∞). */
  readonly edges: number[];
  readonly shares: number[];
}

/** Bin index of `score` for the given inner edges. */
export function binOf(edges: readonly number[], score: number): number {
  let b = 0;
  while (b < edges.length && score > edges[b]) b++;
  return b;
}

/**
 * Decile edges of the training scores (distinct values only) and the share
 * of leads in each bin — the expected distribution a monthly PSI check
 * compares new data with.
 */
export function describeScoreDistribution(scores: ArrayLike<number>, bins = 10): ScoreDistribution {
  // A typed array's own numeric sort: the same order as sorting numbers with a comparator, without boxing each score.
  const sorted = Float64Array.from(scores).sort();
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = sorted[Math.min(sorted.length - 1, Math.ceil((k / bins) * sorted.length) - 1)];
    if (edge !== undefined && edge < sorted[sorted.length - 1] && (edges.length === 0 || edge > edges[edges.length - 1])) edges.push(edge);
  }
  return { edges, shares: shareByBin(edges, sorted) };
}

/** Share of `scores` in each bin defined by `edges`. */
export function shareByBin(edges: readonly number[], scores: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < scores.length; i++) counts[binOf(edges, scores[i])] += 1;
  return counts.map((c) => (scores.length > 0 ? c / scores.length : 0));
}
