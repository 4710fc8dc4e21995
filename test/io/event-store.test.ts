import { describe, expect, it } from "vitest";
import { actionsInFileOrder } from "../../src/features/action-indicators.js";
import { createEventStore, EventStoreBuilder, eventStoreFromRecords, eventTimeRange, readDeferredColumns, selectEventLeads } from "../../src/io/event-store.js";
import type { EventRecord } from "../../src/io/records.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

const event = (leadId: string, action: string, occurredAt: number, category: string | null = null): EventRecord => Object.freeze({ leadId, action, occurredAt, category });

describe("EventStoreBuilder", () => {
  it("groups events by lead and sorts each lead's events by time, ties in file order", () => {
    const store = eventStoreFromRecords(["A", "B", "C"], [
      event("B", "visit", 30),
      event("A", "demo", 20),
      event("B", "demo", 10),
      event("A", "visit", 20),
      event("A", "trial", 5),
      event("X", "unknown", 1),
    ]);
    expect(store.length).toBe(5);
    expect([...store].map((e) => `${e.leadId}:${e.action}@${e.occurredAt}`)).toEqual(["A:trial@5", "A:demo@20", "A:visit@20", "B:demo@10", "B:visit@30"]);
    expect(Array.from(store.start)).toEqual([0, 3, 5]);
    expect(Array.from(store.end)).toEqual([3, 5, 5]);
    // File positions of the used events (the unknown lead's row is not among them).
    expect(Array.from(store.sequence)).toEqual([4, 1, 3, 2, 0]);
  });

  it("keeps every event of a long, unsorted history (property: same multiset, each lead ascending)", () => {
    const random = mulberry32(11);
    const leads = Array.from({ length: 20 }, (_, i) => `L${i}`);
    const events = Array.from({ length: 3000 }, () => event(leads[Math.floor(random() * 5)], `a${Math.floor(random() * 4)}`, Math.floor(random() * 50)));
    const store = eventStoreFromRecords(leads, events);
    const key = (e: EventRecord) => `${e.leadId}|${e.action}|${e.occurredAt}`;
    expect([...store].map(key).sort()).toEqual(events.map(key).sort());
    for (let i = 0; i < leads.length; i++) {
      for (let e = store.start[i] + 1; e < store.end[i]; e++) {
        expect(store.times[e] > store.times[e - 1] || (store.times[e] === store.times[e - 1] && store.sequence[e] > store.sequence[e - 1])).toBe(true);
      }
    }
  });

  it("interns action and category names once", () => {
    const builder = new EventStoreBuilder(["A"]);
    expect([builder.actionId("demo"), builder.actionId("visit"), builder.actionId("demo")]).toEqual([0, 1, 0]);
    expect([builder.categoryId(null), builder.categoryId("web"), builder.categoryId("web")]).toEqual([-1, 0, 0]);
  });
});

describe("selectEventLeads", () => {
  it("is a view of some leads, in the order asked, sharing the columns", () => {
    const store = eventStoreFromRecords(["A", "B", "C"], [event("A", "demo", 1), event("B", "visit", 2), event("C", "trial", 3), event("C", "demo", 4)]);
    const view = selectEventLeads(store, [2, 0]);
    expect(view.times).toBe(store.times);
    expect(view.length).toBe(3);
    expect([...view].map((e) => `${e.leadId}:${e.action}`)).toEqual(["C:trial", "C:demo", "A:demo"]);
    expect(eventTimeRange(view)).toEqual({ from: 1, to: 4 });
  });
});

describe("createEventStore", () => {
  it("reads a column given as a reader on first use, once, and a view reads it through its store", () => {
    const whole = eventStoreFromRecords(["A", "B"], [event("B", "visit", 2, "web"), event("A", "demo", 1)]);
    const reads: string[] = [];
    const reader = (name: "categoryIds" | "sequence") => () => (reads.push(name), Int32Array.from(whole[name]));
    const { leadIds, start, end, times, actionIds, actions, categories } = whole;
    const store = createEventStore({ leadIds, start, end, times, actionIds, actions, categories, categoryIds: reader("categoryIds"), sequence: reader("sequence") });
    const view = selectEventLeads(store, [1]);
    expect([store.length, view.length]).toEqual([2, 1]);
    expect(reads).toEqual([]);
    expect([...view].map((e) => `${e.leadId}:${e.action}:${e.category}`)).toEqual(["B:visit:web"]);
    expect(reads).toEqual(["categoryIds"]);
    expect(Array.from(store.categoryIds)).toEqual([-1, 0]);
    readDeferredColumns(view);
    readDeferredColumns(store);
    expect(reads).toEqual(["categoryIds", "sequence"]);
    expect(Array.from(view.sequence)).toEqual([1, 0]);
  });
});

describe("actionsInFileOrder", () => {
  it("orders actions by their first row in the file and breaks category ties by the category seen first", () => {
    const store = eventStoreFromRecords(["A", "B"], [
      event("B", "visit", 50, "web"),
      event("A", "demo", 1, "sales"),
      event("B", "demo", 60, "marketing"),
      event("A", "visit", 2, "web"),
    ]);
    // By time, A's demo comes first; by file row, B's visit does.
    expect(actionsInFileOrder(store)).toEqual({ actions: ["visit", "demo"], actionIds: Int32Array.of(0, 1), categories: ["web", "sales"] });
    // Within a view, only the view's own rows count.
    expect(actionsInFileOrder(selectEventLeads(store, [1])).categories).toEqual(["web", "marketing"]);
  });
});
