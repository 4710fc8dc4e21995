import { describe, expect, it } from "vitest";
import { inMemoryFeatureEngine } from "../../src/features/action-indicators.js";
import type { TrainingPopulation } from "../../src/features/training-population.js";
import { eventStoreFromRecords } from "../../src/io/event-store.js";
import type { EventRecord } from "../../src/io/records.js";
import { mulberry32 } from "../helpers/temp-files.js";

const DAY = 86_400_000;

function population(cutoffs: number[]): TrainingPopulation {
  return {
    leads: cutoffs.map((_, i) => ({ leadId: `L${i}`, createdAt: 0, accountId: null, asOf: null, profile: {}, row: i + 2 })),
    won: new Uint8Array(cutoffs.length),
    leadIndex: Int32Array.from(cutoffs.keys()),
    cutoffAt: Float64Array.from(cutoffs),
    exposureDays: Float64Array.from(cutoffs, (c) => c / DAY),
    counts: { won: 0, lost: cutoffs.length, openExcluded: 0, cutoffUnknown: 0, trimmedByWindow: 0 },
  };
}

describe("inMemoryFeatureEngine.actionIndicators", () => {
  it("counts only events strictly before each lead's cut-off", () => {
    const events: EventRecord[] = [
      { leadId: "L0", action: "demo", occurredAt: 5 * DAY - 1, category: null },
      { leadId: "L0", action: "demo", occurredAt: 5 * DAY, category: null },
      { leadId: "L1", action: "demo", occurredAt: 1 * DAY, category: "marketing" },
      { leadId: "L1", action: "sales_call", occurredAt: 20 * DAY, category: "sales" },
      { leadId: "OPEN", action: "demo", occurredAt: 1, category: null },
    ];
    const result = inMemoryFeatureEngine.actionIndicators(population([5 * DAY, 10 * DAY]), eventStoreFromRecords(["L0", "L1", "OPEN"], events));
    expect(result.actions).toEqual(["demo", "sales_call"]);
    expect(Array.from(result.counts[0])).toEqual([1, 1]);
    expect(Array.from(result.counts[1])).toEqual([0, 0]);
    expect(result.categories).toEqual(["marketing", "sales"]);
    expect([result.eventsCounted, result.eventsAfterCutoff, result.eventsOfUntrainedLeads]).toEqual([2, 2, 1]);
  });

  it("leaves features unchanged when events are moved to after the cut-off (property)", () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 20; trial++) {
      const cutoffs = Array.from({ length: 30 }, () => Math.floor(random() * 60 + 1) * DAY);
      const pop = population(cutoffs);
      const events: EventRecord[] = Array.from({ length: 200 }, () => {
        const lead = Math.floor(random() * 30);
        return { leadId: `L${lead}`, action: `a${Math.floor(random() * 5)}`, occurredAt: random() * cutoffs[lead] * 0.999, category: null };
      });
      const moved = events;
      const extra: EventRecord[] = events.map((e) => {
        const lead = Number(e.leadId.slice(1));
        return { ...e, occurredAt: cutoffs[lead] + random() * 30 * DAY };
      });
      const ids = pop.leads.map((lead) => lead.leadId);
      const before = inMemoryFeatureEngine.actionIndicators(pop, eventStoreFromRecords(ids, moved));
      const withLateCopies = inMemoryFeatureEngine.actionIndicators(pop, eventStoreFromRecords(ids, [...moved, ...extra]));
      expect(withLateCopies.counts.map((c) => Array.from(c))).toEqual(before.counts.map((c) => Array.from(c)));
      expect(withLateCopies.eventsAfterCutoff).toBe(extra.length);
    }
  });
});
