import { describe, expect, it } from "vitest";
import { capacitySentence } from "../../src/report/format.js";

const flow = { perDay: 2.5, per48Hours: 5, fittingThreshold: null };

describe("capacitySentence", () => {
  it.each([
    ["without a team capacity", { ...flow, capacityPerDay: null, withinCapacity: null }, "2.50 SDR-ready leads a day, 5.0 in 48 hours (no team capacity given: pass --sdr-capacity)."],
    ["within capacity", { ...flow, capacityPerDay: 3, withinCapacity: true }, "2.50 SDR-ready leads a day, 5.0 in 48 hours, within the team's 3 a day."],
    [
      "over capacity, naming the threshold that fits",
      { ...flow, capacityPerDay: 2, withinCapacity: false, fittingThreshold: { threshold: 14, perDay: 1.8 } },
      "2.50 SDR-ready leads a day, 5.0 in 48 hours, more than the team's 2 a day; a threshold of 14 fits (1.80 a day).",
    ],
  ])("says the flow %s", (_name, cap, expected) => {
    expect(capacitySentence(cap)).toBe(expected);
  });
});
