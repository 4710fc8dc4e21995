import { describe, expect, it } from "vitest";
import { inMemoryFeatureEngine } from "../../src/features/action-indicators.js";
import { ageBandStarts, buildLandmarkDesign } from "../../src/features/landmark-design.js";
import { didByLandmarkRanges, landmarkGrid, quietRanges, type LandmarkRanges } from "../../src/features/landmarks.js";
import { occurrenceRuns, recentRunRanges } from "../../src/features/occurrence-runs.js";
import type { TrainingPopulation } from "../../src/features/training-population.js";
import { eventStoreFromRecords } from "../../src/io/event-store.js";
import type { EventRecord } from "../../src/io/records.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

const DAY = 86_400_000;

/** Leads created at 0 with the given exposure in days (NaN: no dates). */
function population(exposures: number[]): TrainingPopulation {
  return Object.freeze({
    leads: exposures.map((_, i) => ({ leadId: `L${i}`, createdAt: 0, accountId: null, asOf: null, profile: {}, row: i + 2 })),
    leadIndex: Int32Array.from(exposures.keys()),
    won: new Uint8Array(exposures.length),
    cutoffAt: Float64Array.from(exposures, (e) => e * DAY),
    exposureDays: Float64Array.from(exposures),
    counts: { won: 0, lost: exposures.length, openExcluded: 0, cutoffUnknown: 0, trimmedByWindow: 0 },
  });
}

/** The indicators of a test population from event records. */
function indicatorsOf(pop: TrainingPopulation, events: EventRecord[]) {
  return inMemoryFeatureEngine.actionIndicators(pop, eventStoreFromRecords(pop.leads.map((lead) => lead.leadId), events));
}

/** The ranges as [lead, start, end, group] rows, in order. */
function rows(ranges: LandmarkRanges): Array<[number, number, number, number]> {
  return Array.from({ length: ranges.length }, (_, r) => [ranges.lead[r], ranges.start[r], ranges.end[r], ranges.group[r]]);
}

describe("landmarkGrid", () => {
  it("puts a lead at risk at every landmark strictly before its cut-off, capped at the window, none without dates", () => {
    const grid = landmarkGrid(population([2.5, 3, 0, 200, Number.NaN]), 1, 90)!;
    // Ages 0, 1, 2 are before 2.5 days; 0, 1, 2 before 3 days (3 is the cut-off itself); none before 0; 90 within the window.
    expect(Array.from(grid.atRisk)).toEqual([3, 3, 0, 90, 0]);
    expect(grid).toMatchObject({ count: 90, stepDays: 1, datedLeads: 4 });
  });

  it("is null when no lead has dates", () => {
    expect(landmarkGrid(population([Number.NaN, Number.NaN]), 1, 90)).toBeNull();
  });
});

describe("didByLandmarkRanges", () => {
  it("switches a lead to 'did it' at the first landmark strictly after its first occurrence", () => {
    const pop = population([10, 10, 10, 10]);
    const grid = landmarkGrid(pop, 1, 90)!;
    const firstAt = Float64Array.of(1.5 * DAY, 2 * DAY, -DAY, Number.NaN);
    expect(rows(didByLandmarkRanges(grid, pop, firstAt))).toEqual([
      [0, 0, 2, 0], [0, 2, 10, 1], // done at 1.5 days: counts from age 2
      [1, 0, 3, 0], [1, 3, 10, 1], // done exactly at age 2: not before landmark 2, so from age 3
      [2, 0, 10, 1], // done before creation: from the start
      [3, 0, 10, 0], // never
    ]);
  });
});

describe("quietRanges", () => {
  it("marks a lead quiet at the ages when its last activity (or creation) is at least `days` old", () => {
    const pop = population([10]);
    const events: EventRecord[] = [{ leadId: "L0", action: "visit", occurredAt: 0.5 * DAY, category: null }, { leadId: "L0", action: "visit", occurredAt: 6.5 * DAY, category: null }];
    const { index } = indicatorsOf(pop, events);
    // Quiet for 3 days: ages 0–3 active (creation, then the visit at 0.5), 4–6 quiet (3.5+ days), 7–9 active again.
    expect(rows(quietRanges(landmarkGrid(pop, 1, 90)!, pop, index, 3))).toEqual([[0, 0, 4, 0], [0, 4, 7, 1], [0, 7, 10, 0]]);
  });
});

describe("recentRunRanges", () => {
  it("compares doers only: recent while the latest occurrence is at most `recentDays` old, old after", () => {
    const pop = population([12]);
    const events: EventRecord[] = [{ leadId: "L0", action: "demo", occurredAt: 2.5 * DAY, category: null }];
    const { index } = indicatorsOf(pop, events);
    expect(rows(recentRunRanges(occurrenceRuns(landmarkGrid(pop, 1, 90)!, pop, index, index.actionIds[0]), landmarkGrid(pop, 1, 90)!, pop, 4))).toEqual([[0, 3, 7, 1], [0, 7, 12, 0]]);
  });
});

describe("landmark features are point-in-time", () => {
  it("do not change when events after the cut-off are added, or when events arrive in another order (property)", () => {
    const random = mulberry32(3);
    const exposures = Array.from({ length: 50 }, () => 1 + random() * 60);
    const pop = population(exposures);
    const grid = landmarkGrid(pop, 1, 90)!;
    const before: EventRecord[] = [];
    for (let i = 0; i < 50; i++) for (let k = 0; k < 4; k++) before.push({ leadId: `L${i}`, action: k % 2 ? "demo" : "visit", occurredAt: random() * exposures[i] * DAY, category: null });
    const after = before.map((e) => ({ ...e, occurredAt: pop.cutoffAt[Number(e.leadId.slice(1))] + random() * 30 * DAY }));
    const shuffled = [...before].sort(() => random() - 0.5);
    const ranges = (events: EventRecord[]) => {
      const ind = indicatorsOf(pop, events);
      const a = ind.actions.indexOf("demo");
      return [rows(didByLandmarkRanges(grid, pop, ind.firstAt[a])), rows(quietRanges(grid, pop, ind.index, 5)), rows(recentRunRanges(occurrenceRuns(grid, pop, ind.index, ind.actionIds[a]), grid, pop, 3))];
    };
    expect(ranges([...before, ...after])).toEqual(ranges(before));
    expect(ranges(shuffled)).toEqual(ranges(before));
  });
});

describe("buildLandmarkDesign", () => {
  it("cuts a lead's landmarks into segments where its columns change (actions done, age bands), weighted by their length", () => {
    const pop = population([5]);
    const grid = landmarkGrid(pop, 1, 90)!;
    const design = buildLandmarkDesign(grid, pop, [{ key: "action:demo", firstAt: Float64Array.of(1.5 * DAY) }], [{ key: "profile:vp", values: Uint8Array.of(1) }], [3]);
    expect(design.columns).toEqual(["action:demo", "profile:vp", "age:3d"]);
    const segments = Array.from({ length: design.segments }, (_, s) => ({
      weight: design.segmentWeight[s],
      columns: Array.from(design.columnIndex.subarray(design.columnOffsets[s], design.columnOffsets[s + 1])),
    }));
    // Ages 0–1: profile only; 2: demo done; 3–4: demo and the older age band.
    expect(segments).toEqual([{ weight: 2, columns: [1] }, { weight: 1, columns: [0, 1] }, { weight: 2, columns: [0, 1, 2] }]);
  });

  it("splits ages into bands of about equal numbers of at-risk rows", () => {
    const grid = landmarkGrid(population([10, 10, 10, 10]), 1, 90)!;
    expect(ageBandStarts(grid, 2)).toEqual([5]);
  });
});
