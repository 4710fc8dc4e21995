/**
 * The band edges after merging adjacent bands until close rates run one way
 * — all non-decreasing or all non-increasing with the value, whichever
 * direction the data lean (the sign of the least-squares slope of the won
 * rate on band order, weighted by leads) — by pool-adjacent-violators on
 * the bands' close rates (the scorecard's monotonic binning, as in
 * optbinning's `monotonic_trend="auto"`). A monotone band scale keeps points
 * explainable ("more visits, more points") and stops noise from earning
 * points band by band. Values at an edge belong to the band below it, as
 * the runtime's band transform reads them.
 * @example monotoneEdges([1, 2, 3, 4], [0, 1, 0, 1], [1, 2, 3]) // [1, 3]
 */
export function monotoneEdges(values: readonly number[], won: ArrayLike<number>, edges: readonly number[]): number[] {
  const bands = edges.length + 1;
  const leads = new Float64Array(bands);
  const wins = new Float64Array(bands);
  values.forEach((value, i) => {
    let band = 0;
    while (band < edges.length && value > edges[band]) band++;
    leads[band] += 1;
    wins[band] += won[i];
  });
  // Blocks of adjacent bands: [first band, last band, leads, wins].
  let blocks = Array.from({ length: bands }, (_, b) => ({ from: b, to: b, leads: leads[b], wins: wins[b] })).filter((b) => b.leads > 0);
  const direction = trendSign(blocks);
  const rate = (b: { leads: number; wins: number }) => b.wins / b.leads;
  const merged: typeof blocks = [];
  for (const block of blocks) {
    merged.push({ ...block });
    while (merged.length > 1 && direction * (rate(merged[merged.length - 1]) - rate(merged[merged.length - 2])) < 0) {
      const last = merged.pop()!;
      const before = merged[merged.length - 1];
      merged[merged.length - 1] = { from: before.from, to: last.to, leads: before.leads + last.leads, wins: before.wins + last.wins };
    }
  }
  blocks = merged;
  // Keep the edge that closes each block but the last (empty bands fold into their neighbours).
  return blocks.slice(0, -1).map((b) => edges[b.to]);
}

/** +1 when close rates tend to rise with band order, −1 when they fall (least squares, weighted by leads). */
function trendSign(blocks: ReadonlyArray<{ from: number; leads: number; wins: number }>): 1 | -1 {
  const total = blocks.reduce((s, b) => s + b.leads, 0);
  const meanX = blocks.reduce((s, b) => s + b.from * b.leads, 0) / total;
  const meanY = blocks.reduce((s, b) => s + b.wins, 0) / total;
  const slope = blocks.reduce((s, b) => s + b.leads * (b.from - meanX) * (b.wins / b.leads - meanY), 0);
  return slope >= 0 ? 1 : -1;
}
