import { describe, expect, it } from "vitest";
import { OrderStatistics } from "../../src/stats/order-statistics.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

describe("OrderStatistics", () => {
  it.each([
    ["spread values", (r: () => number) => r() * 90],
    ["heavy ties", (r: () => number) => Math.floor(r() * 4)],
    ["one outlier stretching the range", (r: () => number) => (r() < 0.001 ? 1e9 : r())],
    ["a single value", () => 7],
  ])("gives exactly the sorted values at every asked rank (%s, property)", (_name, draw) => {
    const random = mulberry32(5);
    const values = Float64Array.from({ length: 20_000 }, () => draw(random));
    const sorted = Float64Array.from(values).sort();
    let walks = 0;
    const stats = new OrderStatistics((visit) => {
      walks += 1;
      for (let from = 0; from < values.length; from += 1000) visit(values.subarray(from, from + 1000), Math.min(1000, values.length - from));
    });
    const ranks = [0, 1, 9_999, 10_000, 12_345, 19_999];
    expect(stats.valuesAt(ranks)).toEqual(ranks.map((k) => sorted[k]));
    for (const limit of [sorted[0], sorted[5_000], sorted[19_999], -1, 1e12]) {
      expect(stats.countAtMost(limit)).toBe(sorted.filter((v) => v <= limit).length);
    }
    expect(stats.count).toBe(20_000);
    expect(walks).toBeLessThanOrEqual(10);
  });

  it.each([
    ["the values' own range", { lowest: 0, highest: 90 }],
    ["a range narrower than the values (outliers in the end bins)", { lowest: 10, highest: 20 }],
  ])("with a bin range (%s): one walk fewer, still exact at every rank and limit (property)", (_name, binRange) => {
    const random = mulberry32(7);
    const values = Float64Array.from({ length: 20_000 }, () => (random() < 0.01 ? -5 - random() : random() * 90));
    const sorted = Float64Array.from(values).sort();
    let walks = 0;
    const stats = new OrderStatistics((visit) => {
      walks += 1;
      visit(values, values.length);
    }, binRange);
    expect(walks).toBe(1);
    const ranks = [0, 150, 199, 200, 9_999, 19_999];
    expect(stats.valuesAt(ranks)).toEqual(ranks.map((k) => sorted[k]));
    for (const limit of [sorted[0], sorted[100], -1, 15, sorted[19_999], -100, 1e12]) {
      expect(stats.countAtMost(limit)).toBe(sorted.filter((v) => v <= limit).length);
    }
    expect(stats.count).toBe(20_000);
  });

  it("refuses a rank outside the values", () => {
    const stats = new OrderStatistics((visit) => visit(Float64Array.of(3, 1), 2));
    expect(() => stats.valuesAt([2])).toThrowError(/ranks must be whole numbers in \[0, 2\)\. Got \[2\]/);
  });
});
