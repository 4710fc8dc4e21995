import { describe, expect, it } from "vitest";
import { measureSalesCycle } from "../../src/calibrate/sales-cycle.js";

const DAY = 86_400_000;

describe("measureSalesCycle", () => {
  it("measures hand-off to close for won deals, median and mean", () => {
    const cycle = measureSalesCycle([
      { createdAt: 0, handoffAt: 10 * DAY, closedAt: 20 * DAY },
      { createdAt: 0, handoffAt: 10 * DAY, closedAt: 40 * DAY },
      { createdAt: 0, handoffAt: 10 * DAY, closedAt: 100 * DAY },
      { createdAt: 0, handoffAt: 10 * DAY, closedAt: 5 * DAY },
    ]);
    expect(cycle).toEqual({ medianDays: 30, meanDays: (10 + 30 + 90) / 3, wonDeals: 3, basis: "handoff-to-close" });
  });

  it("falls back to creation to close without hand-off dates, and to null without dates", () => {
    expect(measureSalesCycle([{ createdAt: 0, handoffAt: null, closedAt: 14 * DAY }])).toMatchObject({ medianDays: 14, basis: "creation-to-close" });
    expect(measureSalesCycle([{ createdAt: null, handoffAt: null, closedAt: null }])).toBeNull();
  });
});
