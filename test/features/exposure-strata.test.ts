import { describe, expect, it } from "vitest";
import { quantileSorted } from "simple-statistics";
import { stratifyByExposure } from "../../src/features/exposure-strata.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

/** The strata as first written: a plain copy without NaN, sorted by comparator. */
function reference(exposureDays: Float64Array, strata: number) {
  const known = Array.from(exposureDays).filter((d) => !Number.isNaN(d));
  if (strata <= 1 || known.length < exposureDays.length || known.length === 0) return { stratumOf: new Uint8Array(exposureDays.length), count: 1, edgesDays: [] as number[] };
  known.sort((a, b) => a - b);
  const edges: number[] = [];
  for (let s = 1; s < strata; s++) {
    const edge = quantileSorted(known, s / strata);
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  const stratumOf = Uint8Array.from(exposureDays, (d) => {
    let s = 0;
    while (s < edges.length && d > edges[s]) s++;
    return s;
  });
  return { stratumOf, count: edges.length + 1, edgesDays: edges };
}

describe("stratifyByExposure", () => {
  for (const [seed, size, strata] of [[1, 5000, 5], [2, 777, 4], [3, 10, 3], [4, 2000, 1]]) {
    it(`matches the comparator-sorted strata (random exposures ${seed}: ${size} leads, ${strata} strata, ties and whole days)`, () => {
      const random = mulberry32(seed);
      const days = Float64Array.from({ length: size }, () => (random() < 0.3 ? Math.floor(random() * 30) : random() * 90));
      expect(stratifyByExposure(days, strata)).toEqual(reference(days, strata));
    });
  }

  it("puts every lead in one stratum when an exposure is unknown or there are none", () => {
    const days = Float64Array.of(3, Number.NaN, 10, 40);
    expect(stratifyByExposure(days, 4)).toEqual({ stratumOf: new Uint8Array(4), count: 1, edgesDays: [] });
    expect(stratifyByExposure(new Float64Array(0), 4)).toEqual({ stratumOf: new Uint8Array(0), count: 1, edgesDays: [] });
  });
});
