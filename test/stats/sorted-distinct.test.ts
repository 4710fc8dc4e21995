import { describe, expect, it } from "vitest";
import { sortedDistinct, stableOrderByValue, orderByValue } from "../../src/stats/sorted-distinct.js";
import { fitIsotonic } from "../../src/stats/isotonic-regression.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

/** Few distinct values with ties, negatives, fractions, ±0 and ±Infinity, in random order. */
function values(seed: number, size: number): Float64Array {
  const random = mulberry32(seed);
  const levels = [-0, 0, -3, 2.5, 7, 1e-9, -Infinity, Infinity, 100, 0.1 + 0.2];
  return Float64Array.from({ length: size }, () => (random() < 0.5 ? levels[Math.floor(random() * levels.length)] : Math.floor(random() * 40) - 20));
}

describe("sortedDistinct and stableOrderByValue", () => {
  for (const seed of [1, 2, 3]) {
    it(`match a Set sorted by comparator and a stable comparator sort of the indices (random values ${seed})`, () => {
      const x = values(seed, 5000);
      const distinct = sortedDistinct(x);
      expect(distinct).toEqual([...new Set(Array.from(x))].sort((a, b) => a - b));
      expect(distinct?.some((v) => Object.is(v, -0))).toBe(false);
      const order = stableOrderByValue(x, distinct as number[]);
      expect(Array.from(order)).toEqual(Array.from({ length: x.length }, (_, i) => i).sort((i, j) => x[i] - x[j]));
      const descending = stableOrderByValue(x, distinct as number[], true);
      expect(Array.from(descending)).toEqual(Array.from({ length: x.length }, (_, i) => i).sort((i, j) => x[j] - x[i]));
    });
  }

  it("gives null with a NaN, and nothing for no values", () => {
    expect(sortedDistinct([1, Number.NaN, 0])).toBeNull();
    expect(sortedDistinct([])).toEqual([]);
    expect(Array.from(stableOrderByValue([], []))).toEqual([]);
  });

  it("leaves fitIsotonic's fit exactly as the comparator sort gave it (pooled float sums follow index order within ties)", () => {
    const random = mulberry32(9);
    const x = Float64Array.from({ length: 20000 }, () => Math.floor(random() * 300) / 7 - 10);
    const y = Float64Array.from(x, (v) => (random() < 0.2 + v / 100 ? 1 : 0));
    const w = Float64Array.from(x, () => 0.1 + random());
    expect(fitIsotonic(x, y, w)).toEqual(comparatorIsotonic(x, y, w));
    expect(fitIsotonic(x, y)).toEqual(comparatorIsotonic(x, y, Float64Array.from(x, () => 1)));
  });
});

/** fitIsotonic as it was before the counting order: the indices sorted by comparator, then pooled. */
function comparatorIsotonic(x: Float64Array, y: Float64Array, w: Float64Array): { thresholds: number[]; values: number[] } {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((i, j) => x[i] - x[j]);
  const xs: number[] = [];
  const means: number[] = [];
  const totals: number[] = [];
  for (const i of order) {
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === x[i]) {
      means[last] = (means[last] * totals[last] + y[i] * w[i]) / (totals[last] + w[i]);
      totals[last] += w[i];
    } else {
      xs.push(x[i]);
      means.push(y[i]);
      totals.push(w[i]);
    }
  }
  const blocks: Array<[number, number, number]> = [];
  for (let k = 0; k < xs.length; k++) {
    blocks.push([means[k], totals[k], 1]);
    while (blocks.length > 1 && blocks[blocks.length - 2][0] > blocks[blocks.length - 1][0]) {
      const [v2, w2, s2] = blocks.pop() as [number, number, number];
      const last = blocks[blocks.length - 1];
      last[0] = (last[0] * last[1] + v2 * w2) / (last[1] + w2);
      last[1] += w2;
      last[2] += s2;
    }
  }
  return { thresholds: xs, values: blocks.flatMap(([v, , size]) => Array.from({ length: size }, () => v)) };
}

describe("orderByValue", () => {
  it("gives the comparator sort's order, ascending and descending, ties in index order, with or without a NaN", () => {
    const values = [3, 1, 3, -0, 0, 2, 1, 5, 3];
    for (const withNaN of [false, true]) {
      const x = withNaN ? [...values, Number.NaN] : values;
      const keys = Array.from({ length: x.length }, (_, i) => i);
      expect(Array.from(orderByValue(x))).toEqual([...keys].sort((i, j) => x[i] - x[j]));
      expect(Array.from(orderByValue(x, true))).toEqual([...keys].sort((i, j) => x[j] - x[i]));
    }
  });
});
