import { describe, expect, it } from "vitest";
import { monotoneEdges } from "../../src/features/monotone-bands.js";

/** `counts[b]` leads in band b (values b + 0.5, edges at 1, 2, …), `wins[b]` of them won. */
function bands(counts: number[], wins: number[]) {
  const values: number[] = [];
  const won: number[] = [];
  counts.forEach((n, b) => {
    for (let i = 0; i < n; i++) {
      values.push(b + 0.5);
      won.push(i < wins[b] ? 1 : 0);
    }
  });
  return { values, won, edges: counts.slice(1).map((_, b) => b + 1) };
}

describe("monotoneEdges", () => {
  it("keeps every edge when close rates already rise band by band", () => {
    const { values, won, edges } = bands([100, 100, 100, 100], [5, 10, 15, 20]);
    expect(monotoneEdges(values, won, edges)).toEqual([1, 2, 3]);
  });

  it("merges a dip into its neighbour by pool-adjacent-violators (hand-computed)", () => {
    // Rates 5%, 15%, 10%, 20%: bands 2 and 3 pool to 12.5% (still above 5%), so the edge between them goes.
    const { values, won, edges } = bands([100, 100, 100, 100], [5, 15, 10, 20]);
    expect(monotoneEdges(values, won, edges)).toEqual([1, 3]);
  });

  it("follows a falling trend when rates mostly fall", () => {
    // Rates 30%, 10%, 20%, 5%: falling overall; the rise from 10% to 20% pools to 15%.
    const { values, won, edges } = bands([100, 100, 100, 100], [30, 10, 20, 5]);
    expect(monotoneEdges(values, won, edges)).toEqual([1, 3]);
  });

  it("reads a flat trend as rising: pools the dip and keeps the rise after it", () => {
    const { values, won, edges } = bands([100, 100, 100], [10, 5, 10]);
    // Weighted slope 0 counts as rising, so 10% → 5% pools (7.5%), then 7.5% → 10% rises: that edge stays.
    expect(monotoneEdges(values, won, edges)).toEqual([2]);
  });
});

describe("monotoneEdges doc example", () => {
  it("matches its @example", () => {
    expect(monotoneEdges([1, 2, 3, 4], [0, 1, 0, 1], [1, 2, 3])).toEqual([1, 3]);
  });
});
