import { describe, expect, it } from "vitest";
import { areaUnderRoc } from "../../src/stats/auc.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

/** The definition: the share of (won, lost) pairs the won lead scores above, ties counting one half. */
function pairShare(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!labels[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j]) continue;
      pairs += 1;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe("areaUnderRoc", () => {
  it("is the documented example", () => {
    expect(areaUnderRoc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it.each([
    ["spread scores", (r: () => number) => r()],
    ["heavy ties", (r: () => number) => Math.floor(r() * 4)],
    ["signed zeros and infinities", (r: () => number) => [0, -0, 1, -Infinity, Infinity][Math.floor(r() * 5)]],
  ])("equals the share of pairs ranked right, ties counting one half (%s, property)", (_name, draw) => {
    const random = mulberry32(11);
    for (let t = 0; t < 50; t++) {
      const size = 2 + Math.floor(random() * 300);
      const scores = Float64Array.from({ length: size }, () => draw(random));
      const labels = Uint8Array.from({ length: size }, (_, i) => (i === 0 ? 1 : i === 1 ? 0 : random() < 0.3 ? 1 : 0));
      expect(areaUnderRoc(scores, labels)).toBeCloseTo(pairShare(scores, labels), 12);
    }
  });

  it("refuses one class, and lengths that differ", () => {
    expect(() => areaUnderRoc([1, 2], [1, 1])).toThrowError(/AUC needs both won and lost leads\. Got 2 won and 0 lost\./);
    expect(() => areaUnderRoc([1, 2], [1])).toThrowError(/same length/);
  });
});
