import { describe, expect, it } from "vitest";
import { countQuadrants } from "../../src/calibrate/fit-pain-quadrants.js";

describe("countQuadrants", () => {
  it("sorts SDR-ready leads into yes / maybe / no by FIT above zero and PAIN of half the threshold", () => {
    // threshold 40 → high PAIN at ≥ 20
    const fit = [10, 10, 0, -5, 0, 20];
    const pain = [30, 5, 40, 10, 19, 20];
    // yes: (10,30), (20,20); maybe: (10,5), (0,40); no: (-5,10), (0,19)
    const q = countQuadrants(fit, pain, 40);
    expect(q).toMatchObject({ yes: 2, maybe: 2, no: 2, total: 6, highPainAtLeast: 20 });
    expect(q.noShare).toBeCloseTo(1 / 3, 12);
  });

  it("reports no share for an empty set instead of NaN", () => {
    expect(countQuadrants([], [], 40).noShare).toBeNull();
  });
});
