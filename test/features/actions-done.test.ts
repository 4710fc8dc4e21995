import { describe, expect, it } from "vitest";
import { actionsDoneBeforeCutoff } from "../../src/features/actions-done.js";
import { didAction, inMemoryFeatureEngine } from "../../src/features/action-indicators.js";
import type { TrainingPopulation } from "../../src/features/training-population.js";
import { createEventStore, eventStoreFromRecords } from "../../src/io/event-store.js";
import type { EventRecord } from "../../src/io/records.js";
import { mulberry32 } from "../helpers/temp-files.js";

const DAY = 86_400_000;

/** Leads L0… of the store, in its order unless `leadIndex` says otherwise. */
function population(cutoffs: number[], leadIndex: number[] = [...cutoffs.keys()]): TrainingPopulation {
  return {
    leads: cutoffs.map((_, i) => ({ leadId: `L${leadIndex[i]}`, createdAt: 0, accountId: null, asOf: null, profile: {}, row: i + 2 })),
    won: new Uint8Array(cutoffs.length),
    leadIndex: Int32Array.from(leadIndex),
    cutoffAt: Float64Array.from(cutoffs),
    exposureDays: Float64Array.from(cutoffs, (c) => c / DAY),
    counts: { won: 0, lost: cutoffs.length, openExcluded: 0, cutoffUnknown: 0, trimmedByWindow: 0 },
  };
}

describe("actionsDoneBeforeCutoff", () => {
  it("marks the actions each lead did strictly before its cut-off, every event of a lead without one, and leaves out actions nobody did in time", () => {
    const events: EventRecord[] = [
      { leadId: "L0", action: "demo", occurredAt: 5 * DAY - 1, category: null },
      { leadId: "L0", action: "trial", occurredAt: 5 * DAY, category: null },
      { leadId: "L1", action: "sales_call", occurredAt: 20 * DAY, category: "sales" },
      { leadId: "L2", action: "trial", occurredAt: 30 * DAY, category: null },
      { leadId: "OPEN", action: "webinar", occurredAt: 1, category: null },
    ];
    const done = actionsDoneBeforeCutoff(population([5 * DAY, 10 * DAY, Number.NaN]), eventStoreFromRecords(["L0", "L1", "L2", "OPEN"], events));
    expect([...done.keys()].sort()).toEqual(["demo", "trial"]);
    expect(Array.from(done.get("demo")!)).toEqual([1, 0, 0]);
    expect(Array.from(done.get("trial")!)).toEqual([0, 0, 1]);
  });

  it("agrees with the in-process action indicators on random stores, lead orders and cut-offs (property)", () => {
    const random = mulberry32(23);
    for (let trial = 0; trial < 20; trial++) {
      const ids = Array.from({ length: 12 }, (_, i) => `L${i}`);
      const events = Array.from({ length: 150 }, (): EventRecord => ({
        leadId: ids[Math.floor(random() * ids.length)],
        action: `a${Math.floor(random() * 6)}`,
        occurredAt: Math.floor(random() * 40) * DAY,
        category: random() < 0.5 ? null : `c${Math.floor(random() * 3)}`,
      }));
      const store = eventStoreFromRecords(ids, events);
      const leadIndex = ids.map((_, i) => i).filter(() => random() < 0.7).sort(() => random() - 0.5);
      const cutoffs = leadIndex.map(() => (random() < 0.1 ? Number.NaN : Math.floor(random() * 40) * DAY));
      const trained = population(cutoffs, leadIndex);
      const indicators = inMemoryFeatureEngine.actionIndicators(trained, store);
      const expected = new Map(indicators.actions.map((action, a) => [action, Array.from(didAction(indicators.counts[a]))]).filter(([, did]) => (did as number[]).includes(1)) as Array<[string, number[]]>);
      const done = actionsDoneBeforeCutoff(trained, store);
      expect(new Map([...done].map(([action, did]) => [action, Array.from(did)]))).toEqual(expected);
    }
  });

  it("reads neither categories nor file order (an engine may have left them where the events were read)", () => {
    const store = eventStoreFromRecords(["L0"], [{ leadId: "L0", action: "demo", occurredAt: 1, category: "web" }]);
    const unread = () => {
      throw new Error("read");
    };
    const deferred = createEventStore({ leadIds: store.leadIds, start: store.start, end: store.end, times: store.times, actionIds: store.actionIds, actions: store.actions, categories: store.categories, categoryIds: unread, sequence: unread });
    expect(Array.from(actionsDoneBeforeCutoff(population([2]), deferred).get("demo")!)).toEqual([1]);
  });
});
