import { describe, expect, it } from "vitest";
import type { TrainingPopulation } from "../../src/features/training-population.js";
import { eventStoreFromRecords } from "../../src/io/event-store.js";
import type { EventRecord, LeadRecord } from "../../src/io/records.js";
import type { ProfileFeature } from "../../src/model/types.js";
import { actionShares, categoricalPsi, measureFeatureDrift, profileValueShares } from "../../src/report/feature-drift.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

/** Four closed leads created at T0, each with its cut-off 10 days later. */
function population(titles: string[]): TrainingPopulation {
  const leads: LeadRecord[] = titles.map((title, i) => ({ leadId: `L${i}`, createdAt: T0, accountId: null, asOf: null, profile: { title }, row: i + 2 }));
  return Object.freeze({
    leads,
    leadIndex: Int32Array.from(leads.keys()),
    won: Uint8Array.from(titles.map((_, i) => (i === 0 ? 1 : 0))),
    cutoffAt: Float64Array.from(titles.map(() => T0 + 10 * DAY)),
    exposureDays: Float64Array.from(titles.map(() => 10)),
    counts: { won: 1, lost: titles.length - 1, openExcluded: 0, cutoffUnknown: 0, trimmedByWindow: 0 },
  });
}

const seniority: ProfileFeature = { name: "seniority", column: "title", role: "fit", transform: { kind: "seniority" } };
const storeOf = (events: EventRecord[]) => eventStoreFromRecords(["L0", "L1", "L2", "L3"], events);
const event = (leadId: string, action: string, day: number): EventRecord => ({ leadId, action, occurredAt: T0 + day * DAY, category: null });

describe("categoricalPsi", () => {
  it("is 0 for identical distributions", () => {
    expect(categoricalPsi({ a: 0.2, b: 0.3, c: 0.5 }, { c: 0.5, b: 0.3, a: 0.2 })).toBe(0);
  });

  it("equals the hand-computed value for a known shift", () => {
    // (0.75 − 0.5)·ln(0.75/0.5) + (0.25 − 0.5)·ln(0.25/0.5) = 0.25·ln 1.5 + 0.25·ln 2 (python: 0.2746530721670274)
    expect(categoricalPsi({ a: 0.5, b: 0.5 }, { a: 0.75, b: 0.25 })).toBeCloseTo(0.2746530721670274, 12);
  });

  it("counts a value never seen in training as drift (its training share floored at 1e-4)", () => {
    // (0.9 − 1)·ln(0.9/1) + (0.1 − 1e-4)·ln(0.1/1e-4) (python: 0.7006208039360982)
    expect(categoricalPsi({ a: 1 }, { a: 0.9, b: 0.1 })).toBeCloseTo(0.7006208039360982, 12);
  });
});

describe("profileValueShares", () => {
  it("derives each lead's value with the runtime's transform", () => {
    const shares = profileValueShares(seniority, population(["VP Sales", "CEO", "Engineer", "Head of Growth"]));
    expect(shares).toEqual({ vp: 0.5, "c-level": 0.25, individual: 0.25 });
  });
});

describe("actionShares", () => {
  it("counts an action only when it happened strictly before the lead's cut-off", () => {
    const events = [event("L0", "demo_request", 1), event("L1", "demo_request", 10), event("L2", "demo_request", 11), event("L0", "demo_request", 2), event("L3", "webinar", 3)];
    expect(actionShares(population(["a", "b", "c", "d"]), storeOf(events))).toEqual({ demo_request: 0.25, webinar: 0.25 });
  });
});

describe("measureFeatureDrift", () => {
  it("compares every action and profile feature with its training share, largest PSI first", () => {
    const baseline = { score: { edges: [], shares: [1] }, actions: { demo_request: 0.5, webinar: 0.25 }, profile: { seniority: { vp: 0.25, individual: 0.75 } } };
    const events = [event("L0", "demo_request", 1), event("L3", "webinar", 3), event("L2", "trial_signup", 2)];
    const rows = measureFeatureDrift(baseline, [seniority], population(["VP Sales", "CEO", "Engineer", "Head of Growth"]), storeOf(events));
    expect(rows.map((r) => [r.kind, r.feature, r.band])).toEqual([
      ["profile", "seniority", "major shift"],
      ["action", "trial_signup", "major shift"],
      ["action", "demo_request", "major shift"],
      ["action", "webinar", "stable"],
    ]);
    // seniority: c-level new (training share floored at 1e-4), vp 0.25 → 0.5, individual 0.75 → 0.25 (python: 2.6778220375870285)
    expect(rows[0]).toMatchObject({ psi: expect.closeTo(2.6778220375870285, 12), value: "individual", expectedShare: 0.75, actualShare: 0.25 });
    // demo_request done by 1 of 4 against 0.5 in training: the two-bin PSI of the known shift above.
    expect(rows[2]).toMatchObject({ psi: expect.closeTo(0.2746530721670274, 12), value: "done", expectedShare: 0.5, actualShare: 0.25 });
    expect(rows[3].psi).toBe(0);
    expect(rows[1]).toMatchObject({ expectedShare: 0, actualShare: 0.25 });
  });
});
