import { describe, expect, it } from "vitest";
import { inMemoryFeatureEngine } from "../../src/features/action-indicators.js";
import { landmarkGrid, type LandmarkGrid, type LandmarkRanges } from "../../src/features/landmarks.js";
import type { LeadEventIndex } from "../../src/features/lead-event-index.js";
import { occurrenceRuns, recentRunRanges } from "../../src/features/occurrence-runs.js";
import type { TrainingPopulation } from "../../src/features/training-population.js";
import { eventStoreFromRecords } from "../../src/io/event-store.js";
import type { EventRecord } from "../../src/io/records.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";
import { medianAge, occurrenceAges } from "../../src/weights/estimate-decay.js";

const DAY = 86_400_000;

/** Leads created at `createdAt` (ms) with the given exposure in days. */
function population(createdAt: number[], exposures: number[]): TrainingPopulation {
  return Object.freeze({
    leads: exposures.map((_, i) => ({ leadId: `L${i}`, createdAt: createdAt[i], accountId: null, asOf: null, profile: {}, row: i + 2 })),
    leadIndex: Int32Array.from(exposures.keys()),
    won: new Uint8Array(exposures.length),
    cutoffAt: Float64Array.from(exposures, (e, i) => createdAt[i] + e * DAY),
    exposureDays: Float64Array.from(exposures),
    counts: { won: 0, lost: exposures.length, openExcluded: 0, cutoffUnknown: 0, trimmedByWindow: 0 },
  });
}

/**
 * The reference: every at-risk landmark of every lead, walking its events for
 * the latest occurrence strictly before it (the walk the runs replace).
 */
function walkLandmarks(grid: LandmarkGrid, pop: TrainingPopulation, index: LeadEventIndex, action: number, recentDays: number) {
  const ages: number[] = [];
  const ranges: Array<[number, number, number, number]> = [];
  for (let i = 0; i < grid.atRisk.length; i++) {
    const createdAt = pop.leads[i].createdAt as number;
    for (let k = 0; k < grid.atRisk[i]; k++) {
      const at = createdAt + k * grid.stepDays * DAY;
      let last = Number.NaN;
      for (let e = index.start[i]; e < index.end[i]; e++) if (index.times[e] < at && index.actionIds[e] === action) last = index.times[e];
      if (Number.isNaN(last)) continue;
      ages.push((at - last) / DAY);
      const group = at - last <= recentDays * DAY ? 1 : 0;
      const open = ranges[ranges.length - 1];
      if (open && open[0] === i && open[3] === group && open[2] === k) open[2] = k + 1;
      else ranges.push([i, k, k + 1, group]);
    }
  }
  return { ages: Float64Array.from(ages).sort(), ranges };
}

function rows(ranges: LandmarkRanges): Array<[number, number, number, number]> {
  return Array.from({ length: ranges.length }, (_, r) => [ranges.lead[r], ranges.start[r], ranges.end[r], ranges.group[r]]);
}

describe("occurrenceRuns", () => {
  it.each([
    ["whole-ms instants, one-day landmarks", 1, true],
    ["whole-ms instants, 0.7-day landmarks", 0.7, true],
    ["fractional-ms instants, one-third-day landmarks", 1 / 3, false],
  ])("give the ages and recent/old ranges a landmark-by-landmark walk gives (%s, property)", (_name, stepDays, wholeMs) => {
    const random = mulberry32(17);
    const leads = 80;
    const createdAt = Array.from({ length: leads }, () => Math.floor(1.7e12 + random() * 1e10));
    const exposures = Array.from({ length: leads }, () => (random() < 0.1 ? 0 : random() * 70));
    const pop = population(createdAt, exposures);
    const grid = landmarkGrid(pop, stepDays, 60)!;
    const events: EventRecord[] = [];
    for (let i = 0; i < leads; i++) {
      for (let n = Math.floor(random() * 12); n > 0; n--) {
        // Some before creation, some after the cut-off, some at a landmark instant exactly, some twice at once.
        const offset = random() < 0.1 ? Math.floor(random() * 5) * stepDays * DAY : (random() * 80 - 5) * DAY;
        const at = createdAt[i] + (wholeMs ? Math.round(offset) : offset);
        events.push({ leadId: `L${i}`, action: random() < 0.5 ? "demo" : "visit", occurredAt: at, category: null });
        if (random() < 0.1) events.push({ leadId: `L${i}`, action: "demo", occurredAt: at, category: null });
      }
    }
    const indicators = inMemoryFeatureEngine.actionIndicators(pop, eventStoreFromRecords(pop.leads.map((lead) => lead.leadId), events));
    const action = indicators.actionIds[indicators.actions.indexOf("demo")];
    const runs = occurrenceRuns(grid, pop, indicators.index, action);
    const ages = occurrenceAges(runs, grid, pop);
    const recentDays = medianAge(ages);
    const reference = walkLandmarks(grid, pop, indicators.index, action, recentDays);
    expect(reference.ages.length).toBeGreaterThan(500);
    expect(ages.count).toBe(reference.ages.length);
    const ranks = Array.from(reference.ages.keys());
    expect(ages.valuesAt(ranks)).toEqual(Array.from(reference.ages));
    for (const limit of [recentDays, reference.ages[10], reference.ages[reference.ages.length - 1], 0, 1e9]) {
      expect(ages.countAtMost(limit)).toBe(reference.ages.filter((v) => v <= limit).length);
    }
    expect(rows(recentRunRanges(runs, grid, pop, recentDays))).toEqual(reference.ranges);
  });
});
