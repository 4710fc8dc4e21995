import { describe, expect, it } from "vitest";
import { ProgressionOrderStatistics } from "../../src/stats/progression-order-statistics.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

/** Every value of the progressions, divided by `scale`, sorted: the reference the class must match. */
function expand(first: number[], length: number[], step: number, scale: number): Float64Array {
  const values: number[] = [];
  first.forEach((f, p) => {
    for (let j = 0; j < length[p]; j++) values.push((f + j * step) / scale);
  });
  return Float64Array.from(values).sort();
}

describe("ProgressionOrderStatistics", () => {
  it("gives the sorted values of the expanded progressions (doc example)", () => {
    // 5, 7 and 2, 4, 6: sorted 2, 4, 5, 6, 7.
    const stats = new ProgressionOrderStatistics(Float64Array.of(5, 2), Int32Array.of(2, 3), 2, 2, 1);
    expect(stats.count).toBe(5);
    expect(stats.valuesAt([0, 1, 2, 3, 4])).toEqual([2, 4, 5, 6, 7]);
  });

  it.each([
    ["day-long steps in ms, scaled to days", 86_400_000, 86_400_000, (r: () => number) => Math.floor(r() * 200 * 86_400_000)],
    ["heavy ties", 10, 1, (r: () => number) => Math.floor(r() * 4) * 10],
    ["values far beyond the rest", 7, 3, (r: () => number) => (r() < 0.01 ? 7_000_000 + Math.floor(r() * 50) : Math.floor(r() * 700))],
  ])("is exact at every rank and limit, as sorting the expanded values is (%s, property)", (_name, step, scale, draw) => {
    const random = mulberry32(11);
    const first = Array.from({ length: 3_000 }, () => draw(random));
    const length = Array.from({ length: 3_000 }, () => Math.floor(random() * 12));
    const sorted = expand(first, length, step, scale);
    const stats = new ProgressionOrderStatistics(Float64Array.from(first), Int32Array.from(length), first.length, step, scale);
    expect(stats.count).toBe(sorted.length);
    const ranks = Array.from({ length: 200 }, () => Math.floor(random() * sorted.length)).concat([0, sorted.length - 1]);
    expect(stats.valuesAt(ranks)).toEqual(ranks.map((k) => sorted[k]));
    const limits = ranks.slice(0, 50).map((k) => sorted[k]).concat([-1, sorted[0] - 1e-9, sorted[sorted.length - 1], 1e15], ranks.slice(50, 80).map((k) => sorted[k] + 0.5 / scale));
    for (const limit of limits) expect(stats.countAtMost(limit)).toBe(sorted.filter((v) => v <= limit).length);
  });

  it.each([
    ["a step that is not whole", [0], [1], 1.5, 1, /step must be a positive whole number/],
    ["a first value that is not whole", [0.5], [1], 2, 1, /first values must be safe whole numbers. Got 0.5/],
    ["negative values", [-4], [1], 2, 1, /values must not be negative/],
  ])("refuses %s", (_name, first, length, step, scale, message) => {
    expect(() => new ProgressionOrderStatistics(Float64Array.from(first), Int32Array.from(length), first.length, step, scale)).toThrowError(message);
  });

  it("refuses ranks outside [0, count)", () => {
    const stats = new ProgressionOrderStatistics(Float64Array.of(3), Int32Array.of(2), 1, 1, 1);
    expect(() => stats.valuesAt([2])).toThrowError(/ranks must be whole numbers in \[0, 2\). Got \[2\]/);
  });
});
