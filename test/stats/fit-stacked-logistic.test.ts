import { describe, expect, it } from "vitest";
import type { StackedDesign } from "../../src/features/landmark-design.js";
import { fitLogistic } from "../../src/stats/fit-logistic.js";
import { fitStackedLogistic } from "../../src/stats/fit-stacked-logistic.js";

/** Rows (lead, columns) → a StackedDesign with one segment per row, weight `weight`. */
function design(rows: ReadonlyArray<{ lead: number; columns: number[]; weight?: number }>, columnCount: number): StackedDesign {
  const offsets = [0];
  const index: number[] = [];
  for (const r of rows) {
    index.push(...r.columns);
    offsets.push(index.length);
  }
  return Object.freeze({
    columns: Array.from({ length: columnCount }, (_, j) => `x${j + 1}`),
    segments: rows.length,
    segmentLead: Int32Array.from(rows, (r) => r.lead),
    segmentWeight: Float64Array.from(rows, (r) => r.weight ?? 1),
    columnOffsets: Int32Array.from(offsets),
    columnIndex: Int32Array.from(index),
  });
}

/** 60 leads with 1–3 rows each and one outcome per lead (the same data as the statsmodels reference below). */
function referenceData() {
  const rows: Array<{ lead: number; columns: number[] }> = [];
  const won = new Uint8Array(60);
  for (let i = 0; i < 60; i++) {
    won[i] = (i * 13) % 7 < 3 ? 1 : 0;
    for (let r = 0; r < 1 + (i % 3); r++) {
      const columns: number[] = [];
      if ((i * 7 + r) % 5 < 2) columns.push(0);
      if ((i * 3 + r * 2) % 4 === 0) columns.push(1);
      rows.push({ lead: i, columns });
    }
  }
  return { rows, won };
}

describe("fitStackedLogistic", () => {
  it("matches statsmodels' GLM with lead-clustered errors on rows that share their lead's outcome", () => {
    // statsmodels 0.13.5: sm.GLM(y, X, family=Binomial()).fit(cov_type="cluster",
    //   cov_kwds={"groups": lead, "use_correction": False}); params [-0.32497842, -0.08639288, -0.04611095],
    //   bse [0.3388359, 0.38452908, 0.43408401]; × √(G/(G−1)) with G = 60 leads → [0.38777411, 0.43774723].
    const { rows, won } = referenceData();
    const fit = fitStackedLogistic(design(rows, 2), won, { l2: 0 });
    expect(fit.intercept).toBeCloseTo(-0.32497842, 6);
    expect(fit.coefficients[0]).toBeCloseTo(-0.08639288, 6);
    expect(fit.coefficients[1]).toBeCloseTo(-0.04611095, 6);
    expect(fit.standardErrors[0]).toBeCloseTo(0.38777411, 6);
    expect(fit.standardErrors[1]).toBeCloseTo(0.43774723, 6);
    expect(fit.clusters).toBe(60);
  });

  it("gives the same fit whether a lead's repeated rows are listed one by one or as one weighted segment", () => {
    const { won } = referenceData();
    const repeated: Array<{ lead: number; columns: number[]; weight?: number }> = [];
    const weighted: Array<{ lead: number; columns: number[]; weight?: number }> = [];
    for (let i = 0; i < 60; i++) {
      const columns = i % 4 === 0 ? [0] : i % 5 === 0 ? [1] : [];
      const copies = 1 + (i % 4);
      for (let c = 0; c < copies; c++) repeated.push({ lead: i, columns });
      weighted.push({ lead: i, columns, weight: copies });
    }
    const a = fitStackedLogistic(design(repeated, 2), won, { l2: 0.5 });
    const b = fitStackedLogistic(design(weighted, 2), won, { l2: 0.5 });
    expect(b.coefficients[0]).toBeCloseTo(a.coefficients[0], 9);
    expect(b.coefficients[1]).toBeCloseTo(a.coefficients[1], 9);
    expect(b.standardErrors[0]).toBeCloseTo(a.standardErrors[0], 9);
    expect(b.patterns).toBeLessThan(b.clusters);
  });

  it("weights rows to the number of leads, so the penalty means what it means on one row per lead", () => {
    // Every lead has 10 identical rows: the fit must equal fitLogistic on one row per lead with the same λ.
    const { won } = referenceData();
    const perLead = Array.from({ length: 60 }, (_, i) => ({ lead: i, columns: i % 3 === 0 ? [0] : [], weight: 10 }));
    const stacked = fitStackedLogistic(design(perLead, 1), won, { l2: 2 });
    const plain = fitLogistic([Float64Array.from(perLead, (r) => (r.columns.length ? 1 : 0))], won, { l2: 2 });
    expect(stacked.coefficients[0]).toBeCloseTo(plain.coefficients[0], 8);
    expect(stacked.intercept).toBeCloseTo(plain.intercept, 8);
  });
});
