import { describe, expect, it } from "vitest";
import { areaUnderRoc } from "../../src/stats/auc.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";
import { comparePairedAuc } from "../../src/stats/paired-bootstrap-auc.js";

/** n leads with a 10% close rate and two scores: `first` informative at strength a, `second` at strength b. */
function leads(n: number, a: number, b: number, seed: number) {
  const random = mulberry32(seed);
  const won = new Uint8Array(n);
  const first = new Float64Array(n);
  const second = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    won[i] = random() < 0.1 ? 1 : 0;
    const noise = random();
    first[i] = a * won[i] + noise + 0.3 * random();
    second[i] = b * won[i] + noise + 0.3 * random();
  }
  return { won, first, second };
}

describe("comparePairedAuc", () => {
  it("reports each score's AUC as areaUnderRoc computes it, and their difference", () => {
    const { won, first, second } = leads(800, 0.3, 0.6, 1);
    const result = comparePairedAuc(first, second, won, { replicates: 200 });
    expect(result.first.auc).toBe(areaUnderRoc(first, won));
    expect(result.second.auc).toBe(areaUnderRoc(second, won));
    expect(result.difference.estimate).toBeCloseTo(result.second.auc - result.first.auc, 12);
    expect(result.first.lower).toBeLessThan(result.first.auc);
    expect(result.first.upper).toBeGreaterThan(result.first.auc);
  });

  it("gives a zero-width difference for identical scores", () => {
    const { won, first } = leads(500, 0.4, 0.4, 2);
    const result = comparePairedAuc(first, first, won, { replicates: 100 });
    expect(result.difference).toMatchObject({ estimate: 0, lower: 0, upper: 0 });
  });

  it("separates a clearly better score: the difference interval excludes 0", () => {
    const { won, first, second } = leads(3000, 0.2, 0.8, 3);
    expect(comparePairedAuc(first, second, won, { replicates: 300 }).difference.lower).toBeGreaterThan(0);
  });

  it("does not call a winner from a hold-out with one win: the interval spans 0", () => {
    const { won, first, second } = leads(200, 0.3, 0.5, 4);
    won.fill(0);
    won[7] = 1;
    const result = comparePairedAuc(first, second, won, { replicates: 300 });
    expect(result.difference.lower).toBeLessThanOrEqual(0);
    expect(result.difference.upper).toBeGreaterThanOrEqual(0);
  });

  it("covers the true difference about 95% of the time over independent samples (property)", () => {
    // Reference difference from one very large sample of the same world.
    const big = leads(200_000, 0.3, 0.45, 99);
    const truth = areaUnderRoc(big.second, big.won) - areaUnderRoc(big.first, big.won);
    let covered = 0;
    const trials = 40;
    for (let t = 0; t < trials; t++) {
      const sample = leads(1500, 0.3, 0.45, 1000 + t);
      const d = comparePairedAuc(sample.first, sample.second, sample.won, { replicates: 200, seed: t }).difference;
      if (d.lower <= truth && truth <= d.upper) covered += 1;
    }
    expect(covered / trials).toBeGreaterThanOrEqual(0.85);
  });

  it("gives exactly the intervals of resampling the leads and recomputing areaUnderRoc, with tied scores (reference)", () => {
    // Whole-number scores, as points are: many ties within and across outcomes.
    const random = mulberry32(17);
    const n = 700;
    const won = Uint8Array.from({ length: n }, () => (random() < 0.2 ? 1 : 0));
    const first = Float64Array.from(won, (w) => Math.floor(random() * 6) + 2 * w);
    const second = Float64Array.from(won, (w, i) => Math.floor(random() * 4) + w + (i % 3));
    const replicates = 150;
    const seed = 42;
    const draw = mulberry32(seed);
    const positives = [...won.keys()].filter((i) => won[i]);
    const negatives = [...won.keys()].filter((i) => !won[i]);
    const aucs = { first: [] as number[], second: [] as number[], difference: [] as number[] };
    for (let r = 0; r < replicates; r++) {
      const picked = [...positives.map(() => positives[Math.floor(draw() * positives.length)]), ...negatives.map(() => negatives[Math.floor(draw() * negatives.length)])];
      const labels = picked.map((i) => won[i]);
      const x = areaUnderRoc(picked.map((i) => first[i]), labels);
      const y = areaUnderRoc(picked.map((i) => second[i]), labels);
      aucs.first.push(x);
      aucs.second.push(y);
      aucs.difference.push(y - x);
    }
    const at = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.round(q * (values.length - 1))];
    const result = comparePairedAuc(first, second, won, { replicates, seed });
    for (const key of ["first", "second", "difference"] as const) {
      expect(result[key].lower).toBe(at(aucs[key], 0.025));
      expect(result[key].upper).toBe(at(aucs[key], 0.975));
    }
  });

  it("is reproducible: same inputs and seed, same intervals", () => {
    const { won, first, second } = leads(600, 0.3, 0.5, 5);
    expect(comparePairedAuc(first, second, won)).toEqual(comparePairedAuc(first, second, won));
  });
});
