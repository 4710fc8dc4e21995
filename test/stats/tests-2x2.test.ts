import { describe, expect, it } from "vitest";
import { chiSquare2x2 } from "../../src/stats/chi-square-2x2.js";
import { fisherExactTwoSided } from "../../src/stats/fisher-exact.js";
import { REFERENCE } from "./reference.js";

describe("fisherExactTwoSided", () => {
  it.each(REFERENCE.fisher as Array<{ table: [number, number, number, number]; p: number }>)(
    "matches scipy.stats.fisher_exact for $table",
    ({ table, p }) => {
      expect(fisherExactTwoSided(...table)).toBeCloseTo(p, 9);
    },
  );

  it("rejects negative or fractional counts naming the cell", () => {
    expect(() => fisherExactTwoSided(1, -2, 3, 4)).toThrowError(/Argument "b" must be a whole number ≥ 0\. Got -2\./);
    expect(() => fisherExactTwoSided(1, 2, 3.5, 4)).toThrowError(/Argument "c"/);
  });
});

describe("chiSquare2x2", () => {
  it.each(REFERENCE.chi_square as Array<{ table: [number, number, number, number]; correction: boolean; statistic: number; p: number }>)(
    "matches scipy.stats.chi2_contingency for $table (correction $correction)",
    ({ table, correction, statistic, p }) => {
      const result = chiSquare2x2(...table, { continuityCorrection: correction });
      expect(result.statistic).toBeCloseTo(statistic, 9);
      expect(result.pValue).toBeCloseTo(p, 9);
    },
  );

  it("refuses a table with an empty row", () => {
    expect(() => chiSquare2x2(0, 0, 3, 4)).toThrowError(/empty row or column/);
  });
});
