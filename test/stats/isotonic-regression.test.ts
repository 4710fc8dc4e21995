import { describe, expect, it } from "vitest";
import { fitIsotonic, predictIsotonic } from "../../src/stats/isotonic-regression.js";
import { REFERENCE } from "./reference.js";

const ISO = REFERENCE.isotonic as { x: number[]; y: number[]; w: number[]; predict_x: number[]; grid: number[]; predict_grid: number[]; predict_x_weighted: number[] };

describe("fitIsotonic / predictIsotonic", () => {
  it("matches scikit-learn IsotonicRegression(out_of_bounds='clip') at the training points", () => {
    const fit = fitIsotonic(Object.freeze(ISO.x), Object.freeze(ISO.y));
    ISO.x.forEach((x, i) => expect(predictIsotonic(fit, x)).toBeCloseTo(ISO.predict_x[i], 10));
  });

  it("matches scikit-learn between and beyond the knots (interpolation and clipping)", () => {
    const fit = fitIsotonic(ISO.x, ISO.y);
    ISO.grid.forEach((x, i) => expect(predictIsotonic(fit, x)).toBeCloseTo(ISO.predict_grid[i], 10));
  });

  it("matches scikit-learn with sample weights", () => {
    const fit = fitIsotonic(ISO.x, ISO.y, ISO.w);
    ISO.x.forEach((x, i) => expect(predictIsotonic(fit, x)).toBeCloseTo(ISO.predict_x_weighted[i], 10));
  });

  it("solves the textbook example and keeps sorted data unchanged (properties)", () => {
    expect(fitIsotonic([1, 2, 3], [1, 0, 2]).values).toEqual([0.5, 0.5, 2]);
    expect(fitIsotonic([1, 2, 3, 4], [0.1, 0.2, 0.2, 0.9]).values).toEqual([0.1, 0.2, 0.2, 0.9]);
    const fit = fitIsotonic(ISO.x, ISO.y);
    for (let k = 1; k < fit.values.length; k++) expect(fit.values[k]).toBeGreaterThanOrEqual(fit.values[k - 1]);
  });

  it("refuses non-positive weights naming the index", () => {
    expect(() => fitIsotonic([1, 2], [0, 1], [1, 0])).toThrowError(/Weights must be positive\. Got 0 at index 1/);
  });
});
