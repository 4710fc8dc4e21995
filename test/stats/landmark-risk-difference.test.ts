import { describe, expect, it } from "vitest";
import type { LandmarkRanges } from "../../src/features/landmarks.js";
import { landmarkRiskDifference } from "../../src/stats/landmark-risk-difference.js";
import { mantelHaenszelRiskDifference } from "../../src/stats/mantel-haenszel.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

/** Ranges from [lead, start, end, group] rows. */
function ranges(rows: ReadonlyArray<readonly [number, number, number, 0 | 1]>): LandmarkRanges {
  return Object.freeze({
    lead: Int32Array.from(rows, (r) => r[0]),
    start: Int32Array.from(rows, (r) => r[1]),
    end: Int32Array.from(rows, (r) => r[2]),
    group: Uint8Array.from(rows, (r) => r[3]),
    length: rows.length,
  });
}

/** n leads in `group` at landmark k (one range each), `wonCount` of them won; appends to rows/won. */
function addLeads(rows: Array<[number, number, number, 0 | 1]>, won: number[], k: number, group: 0 | 1, n: number, wonCount: number) {
  for (let j = 0; j < n; j++) {
    rows.push([won.length, k, k + 1, group]);
    won.push(j < wonCount ? 1 : 0);
  }
}

describe("landmarkRiskDifference", () => {
  it("with one landmark and one range per lead, is the crude difference with the Wald standard error times √(G/(G−1)) (hand formula)", () => {
    const rows: Array<[number, number, number, 0 | 1]> = [];
    const won: number[] = [];
    addLeads(rows, won, 0, 1, 10, 3);
    addLeads(rows, won, 0, 0, 10, 1);
    const result = landmarkRiskDifference(Uint8Array.from(won), ranges(rows), 1)!;
    expect(result.estimate).toBeCloseTo(0.2, 12);
    // Wald: 0.3·0.7/10 + 0.1·0.9/10 = 0.03; 20 clusters → × 20/19.
    expect(result.standardError).toBeCloseTo(Math.sqrt(0.03 * (20 / 19)), 12);
    expect(result.leadsWith).toBe(10);
    expect(result.wonWith).toBe(3);
    expect(result.leadsWithout).toBe(10);
    expect(result.wonWithout).toBe(1);
    expect(result.landmarksUsed).toBe(1);
  });

  it("pools landmarks with the Mantel–Haenszel weights n1·n0/N (same estimate as the stratified function)", () => {
    const rows: Array<[number, number, number, 0 | 1]> = [];
    const won: number[] = [];
    addLeads(rows, won, 0, 1, 40, 20);
    addLeads(rows, won, 0, 0, 60, 10);
    addLeads(rows, won, 1, 1, 50, 5);
    addLeads(rows, won, 1, 0, 50, 5);
    const result = landmarkRiskDifference(Uint8Array.from(won), ranges(rows), 2)!;
    const reference = mantelHaenszelRiskDifference([
      { exposedWon: 20, exposedTotal: 40, unexposedWon: 10, unexposedTotal: 60 },
      { exposedWon: 5, exposedTotal: 50, unexposedWon: 5, unexposedTotal: 50 },
    ]);
    expect(result.estimate).toBeCloseTo(reference.estimate, 12);
    // Fixed-weight variance by hand: Σ (w_k/W)² (p1(1−p1)/n1 + p0(1−p0)/n0), weights 24 and 25, 200 clusters.
    const v = (24 / 49) ** 2 * (0.25 / 40 + (1 / 6) * (5 / 6) / 60) + (25 / 49) ** 2 * (0.09 / 50 + 0.09 / 50);
    expect(result.standardError).toBeCloseTo(Math.sqrt(v * (200 / 199)), 12);
  });

  it("counts a lead seen at many landmarks as one lead: repeating every range leaves the standard error as it is", () => {
    const rows: Array<[number, number, number, 0 | 1]> = [];
    const won: number[] = [];
    addLeads(rows, won, 0, 1, 30, 9);
    addLeads(rows, won, 0, 0, 70, 7);
    const once = landmarkRiskDifference(Uint8Array.from(won), ranges(rows), 3)!;
    const stretched = landmarkRiskDifference(Uint8Array.from(won), ranges(rows.map(([i, , , g]) => [i, 0, 3, g] as [number, number, number, 0 | 1])), 3)!;
    expect(stretched.estimate).toBeCloseTo(once.estimate, 12);
    expect(stretched.standardError).toBeCloseTo(once.standardError, 12);
    expect(stretched.landmarksUsed).toBe(3);
    // Treating the three landmarks as independent leads would shrink it by √3: the clustered error does not.
    const asNewLeads = rows.flatMap(([i, , , g]) => [0, 1, 2].map((k) => [i + k * 100, k, k + 1, g] as [number, number, number, 0 | 1]));
    const tripled = landmarkRiskDifference(Uint8Array.from([...won, ...won, ...won]), ranges(asNewLeads), 3)!;
    expect(tripled.standardError).toBeLessThan(once.standardError * 0.6);
  });

  it("agrees with a lead-level bootstrap when leads switch groups and stay for different numbers of landmarks", () => {
    const random = mulberry32(20261201);
    const leads = 600;
    const landmarks = 30;
    const won = new Uint8Array(leads);
    const rows: Array<[number, number, number, 0 | 1]> = [];
    const spans: Array<{ end: number; switchAt: number }> = [];
    for (let i = 0; i < leads; i++) {
      const end = 1 + Math.floor(random() * landmarks);
      const switchAt = random() < 0.4 ? Math.floor(random() * end) : end;
      won[i] = random() < (switchAt < end ? 0.3 : 0.1) ? 1 : 0;
      spans.push({ end, switchAt });
    }
    const rowsOf = (ids: readonly number[]) => {
      const out: Array<[number, number, number, 0 | 1]> = [];
      ids.forEach((id, position) => {
        const { end, switchAt } = spans[id];
        if (switchAt > 0) out.push([position, 0, switchAt, 0]);
        if (switchAt < end) out.push([position, switchAt, end, 1]);
      });
      return out;
    };
    const all = Array.from({ length: leads }, (_, i) => i);
    rows.push(...rowsOf(all));
    const result = landmarkRiskDifference(won, ranges(rows), landmarks)!;
    const estimates: number[] = [];
    for (let b = 0; b < 400; b++) {
      const sample = all.map(() => Math.floor(random() * leads));
      const r = landmarkRiskDifference(Uint8Array.from(sample, (id) => won[id]), ranges(rowsOf(sample)), landmarks);
      if (r) estimates.push(r.estimate);
    }
    const mean = estimates.reduce((s, x) => s + x, 0) / estimates.length;
    const bootstrapSe = Math.sqrt(estimates.reduce((s, x) => s + (x - mean) ** 2, 0) / (estimates.length - 1));
    expect(result.standardError / bootstrapSe).toBeGreaterThan(0.85);
    expect(result.standardError / bootstrapSe).toBeLessThan(1.15);
  });

  it("returns null when no landmark has leads on both sides", () => {
    expect(landmarkRiskDifference(Uint8Array.of(1, 0), ranges([[0, 0, 1, 1], [1, 1, 2, 0]]), 2)).toBeNull();
  });

  it("gives no p-value when nothing varies but the groups differ (a zero standard error is no evidence)", () => {
    const result = landmarkRiskDifference(Uint8Array.of(1, 1, 0, 0), ranges([[0, 0, 1, 1], [1, 0, 1, 1], [2, 0, 1, 0], [3, 0, 1, 0]]), 1)!;
    expect(result.estimate).toBe(1);
    expect(result.pValue).toBeNull();
  });

  it("ignores the part of a range beyond the last landmark", () => {
    const a = landmarkRiskDifference(Uint8Array.of(1, 0, 0, 1), ranges([[0, 0, 5, 1], [1, 0, 5, 1], [2, 0, 5, 0], [3, 0, 5, 0]]), 2)!;
    const b = landmarkRiskDifference(Uint8Array.of(1, 0, 0, 1), ranges([[0, 0, 2, 1], [1, 0, 2, 1], [2, 0, 2, 0], [3, 0, 2, 0]]), 2)!;
    expect(a).toEqual(b);
  });

  it("gives the same comparison from leads counted in groups (multiplicity) as from every lead: the estimate exactly, the variance to rounding (property)", () => {
    const random = mulberry32(31);
    for (let trial = 0; trial < 20; trial++) {
      const landmarks = 30;
      const leads = 400;
      const won = new Uint8Array(leads);
      const rows: Array<[number, number, number, 0 | 1]> = [];
      const groups = new Map<string, { switchAt: number; end: number; won: number; leads: number }>();
      for (let i = 0; i < leads; i++) {
        const end = 1 + Math.floor(random() * landmarks);
        const switchAt = random() < 0.4 ? end : Math.floor(random() * (end + 1));
        won[i] = random() < 0.2 + 0.3 * (switchAt < end ? 1 : 0) ? 1 : 0;
        if (switchAt > 0) rows.push([i, 0, switchAt, 0]);
        if (switchAt < end) rows.push([i, switchAt, end, 1]);
        const key = `${switchAt}|${end}|${won[i]}`;
        const group = groups.get(key) ?? { switchAt, end, won: won[i], leads: 0 };
        group.leads += 1;
        groups.set(key, group);
      }
      const units = [...groups.values()];
      const unitRows: Array<[number, number, number, 0 | 1]> = [];
      units.forEach((g, u) => {
        if (g.switchAt > 0) unitRows.push([u, 0, g.switchAt, 0]);
        if (g.switchAt < g.end) unitRows.push([u, g.switchAt, g.end, 1]);
      });
      const perLead = landmarkRiskDifference(won, ranges(rows), landmarks)!;
      const grouped = landmarkRiskDifference(Uint8Array.from(units, (g) => g.won), ranges(unitRows), landmarks, 0.95, Float64Array.from(units, (g) => g.leads))!;
      expect(grouped.estimate).toBe(perLead.estimate);
      expect({ ...grouped, standardError: 0, lower: 0, upper: 0, pValue: 0 }).toEqual({ ...perLead, standardError: 0, lower: 0, upper: 0, pValue: 0 });
      expect(grouped.standardError).toBeCloseTo(perLead.standardError, 12);
    }
  });
});
