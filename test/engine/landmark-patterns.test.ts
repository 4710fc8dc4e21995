import { describe, expect, it } from "vitest";
import { landmarkPatterns, profileSignatures } from "../../src/engine/landmark-patterns.js";
import { ageBandStarts, buildLandmarkDesign } from "../../src/features/landmark-design.js";
import { landmarkGrid, type LandmarkGrid } from "../../src/features/landmarks.js";
import { patternsOfDesign } from "../../src/stats/fit-stacked-logistic.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";
import type { TrainingPopulation } from "../../src/features/training-population.js";
import type { DesignPlan } from "../../src/train/training-engine.js";

const DAY = 86_400_000;

/**
 * Four leads, 1-day landmarks, actions A (column 0) and B (column 1), one
 * profile column (2) and one age band from landmark 3 (column 3):
 * - lead 0: won, profile, 4 landmarks; A first at day 1.5 (counts from
 *   landmark 2), B before creation (from landmark 0);
 * - lead 1: no dates (0 landmarks: sits out);
 * - lead 2: lost, no profile, 3 landmarks; A never, B at day 0.2 (from 1);
 * - lead 3: won, profile, 2 landmarks; B before creation.
 */
function example(): { population: TrainingPopulation; grid: LandmarkGrid; plan: DesignPlan } {
  const created = [0, Number.NaN, 10 * DAY, 0];
  const population = {
    leads: created.map((createdAt, i) => ({ leadId: `L${i}`, createdAt: Number.isNaN(createdAt) ? null : createdAt })),
    won: Uint8Array.of(1, 1, 0, 1),
  } as unknown as TrainingPopulation;
  const grid: LandmarkGrid = { stepDays: 1, count: 4, atRisk: Int32Array.of(4, 0, 3, 2), datedLeads: 3 };
  const plan: DesignPlan = {
    columns: ["action:A", "action:B", "profile:x", "age:3d"],
    actionIds: Int32Array.of(7, 9),
    actionFirstAt: [Float64Array.of(1.5 * DAY, Number.NaN, Number.NaN, Number.NaN), Float64Array.of(-DAY, Number.NaN, 10.2 * DAY, -5 * DAY)],
    profile: [{ key: "profile:x", values: Uint8Array.of(1, 0, 0, 1) }],
    bandStarts: [3],
  };
  return Object.freeze({ population, grid, plan });
}

describe("landmarkPatterns", () => {
  it("merges the segments of every lead into patterns numbered in first-appearance order, with summed weights (hand count)", () => {
    const { population, grid, plan } = example();
    const source = landmarkPatterns(population, grid, plan, profileSignatures(4, plan));
    // Lead 0: [0,2) {B}, [2,3) {A,B}, [3,4) {A,B} + band; lead 2: [0,1) {}, [1,3) {B}; lead 3: [0,2) {B} = lead 0's first.
    expect(source.patterns.columnsOf.map((columns) => Array.from(columns))).toEqual([[1, 2], [0, 1, 2], [0, 1, 2, 3], [], [1]]);
    expect(Array.from(source.patterns.labels)).toEqual([1, 1, 1, 0, 0]);
    expect(Array.from(source.patterns.weight)).toEqual([4, 1, 1, 1, 2]);
    expect([source.clusters, source.totalWeight]).toEqual([3, 9]);
  });

  it("sums the cluster meat over leads (hand count at β = 0, scale 1: residuals ±0.5)", () => {
    const { population, grid, plan } = example();
    const source = landmarkPatterns(population, grid, plan, profileSignatures(4, plan));
    const meat = source.meat(new Float64Array(5), 1);
    // U (intercept, A, B, profile, band): lead 0 [2, 1, 2, 2, 0.5], lead 2 [−1.5, 0, −1, 0, 0], lead 3 [1, 0, 1, 1, 0].
    const scores = [[2, 1, 2, 2, 0.5], [-1.5, 0, -1, 0, 0], [1, 0, 1, 1, 0]];
    const expected = Array.from({ length: 25 }, (_, k) => scores.reduce((sum, u) => sum + u[Math.floor(k / 5)] * u[k % 5], 0));
    expect(Array.from(meat)).toEqual(expected);
    expect(meat[0]).toBe(7.25);
  });

  it("numbers each distinct profile set once, in order of first lead", () => {
    const { plan } = example();
    const signatures = profileSignatures(4, plan);
    expect(signatures.columns).toEqual([[2], []]);
    expect(Array.from(signatures.ofLead)).toEqual([0, 1, 1, 0]);
  });
});

/**
 * A random population for the comparison with the stacked design: exposures
 * of 0–40 days (some without dates), actions first done before creation,
 * during the exposure or never, two profile columns, 1- or 3-day landmarks.
 */
function randomDesignInputs(seed: number, size = 300, actionCount = 4): { population: TrainingPopulation; grid: LandmarkGrid; plan: DesignPlan } {
  const random = mulberry32(seed);
  const created = Float64Array.from({ length: size }, () => Math.floor(random() * 200) * DAY + Math.floor(random() * DAY));
  const exposure = Float64Array.from({ length: size }, () => (random() < 0.05 ? Number.NaN : random() * 40));
  const population = {
    leads: Array.from(created, (createdAt, i) => ({ leadId: `L${i}`, createdAt: Number.isNaN(exposure[i]) ? null : createdAt })),
    won: Uint8Array.from({ length: size }, () => (random() < 0.3 ? 1 : 0)),
    exposureDays: exposure,
  } as unknown as TrainingPopulation;
  const grid = landmarkGrid(population, seed % 2 === 0 ? 1 : 3, 30) as LandmarkGrid;
  const actionFirstAt = Array.from({ length: actionCount }, (_, a) =>
    Float64Array.from(created, (createdAt, i) => {
      const u = random();
      if (u < 0.4 + (0.4 * a) / actionCount || Number.isNaN(exposure[i])) return Number.NaN;
      return u < 0.55 + (0.4 * a) / actionCount ? createdAt - random() * 5 * DAY : createdAt + random() * exposure[i] * DAY;
    }),
  );
  const profile = ["profile:vp", "profile:large"].map((key) => ({ key, values: Uint8Array.from({ length: size }, () => (random() < 0.4 ? 1 : 0)) }));
  const bandStarts = ageBandStarts(grid, 3);
  const columns = [...actionFirstAt.map((_, a) => `action:a${a}`), ...profile.map((p) => p.key), ...bandStarts.map((start) => `age:${start * grid.stepDays}d`)];
  return { population, grid, plan: { columns, actionIds: Int32Array.from(actionFirstAt.keys()), actionFirstAt, profile, bandStarts } };
}

describe("landmarkPatterns against the stacked design merged into patterns", () => {
  // The stacked design (a row per lead and segment, `buildLandmarkDesign`) merged by `patternsOfDesign` is an
  // independent construction of the same patterns: both engines count them with `landmarkPatterns`.
  // The last case has more patterns than dated leads and more action sets than 64: the pattern table and the
  // action-set trie grow past their first sizes.
  for (const [seed, size, actionCount] of [[1, 300, 4], [2, 300, 4], [3, 300, 4], [4, 300, 4], [5, 2000, 10]]) {
    it(`gives the same patterns, weights, totals and cluster meat (random population ${seed}: ${size} leads, ${actionCount} actions)`, () => {
      const { population, grid, plan } = randomDesignInputs(seed, size, actionCount);
      const counted = landmarkPatterns(population, grid, plan, profileSignatures(population.leads.length, plan));
      const stacked = patternsOfDesign(
        buildLandmarkDesign(grid, population, plan.actionFirstAt.map((firstAt, a) => ({ key: plan.columns[a], firstAt })), plan.profile, plan.bandStarts),
        population.won,
      );
      expect(plan.bandStarts.length).toBeGreaterThan(0);
      expect(counted.patterns.labels.length).toBeGreaterThan(size > 300 ? grid.datedLeads : 20);
      const byKey = (source: typeof counted) =>
        new Map(source.patterns.columnsOf.map((columns, p) => [`${source.patterns.labels[p]}:${Array.from(columns).sort((x, y) => x - y).join(",")}`, source.patterns.weight[p]]));
      expect(byKey(counted)).toEqual(byKey(stacked));
      expect([counted.clusters, counted.totalWeight]).toEqual([stacked.clusters, stacked.totalWeight]);
      const random = mulberry32(seed + 100);
      const beta = Float64Array.from({ length: plan.columns.length + 1 }, () => random() * 2 - 1);
      const scale = counted.clusters / counted.totalWeight;
      const a = counted.meat(beta, scale);
      const b = stacked.meat(beta, scale);
      const largest = Math.max(...Array.from(b, Math.abs));
      for (let k = 0; k < b.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(1e-12 * largest);
    });
  }
});
