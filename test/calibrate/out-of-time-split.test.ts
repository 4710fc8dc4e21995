import { describe, expect, it } from "vitest";
import { splitByCreation } from "../../src/calibrate/out-of-time-split.js";
import { randomCrm } from "../helpers/random-crm.js";
import { DAY, T0 } from "../helpers/time-rule-models.js";

describe("splitByCreation", () => {
  it.each([
    [0.2, Infinity],
    [0.3, T0 + 6 * DAY],
    [0.5, T0 + 3 * DAY],
  ])("holds out the latest %s of the leads created before %s, ties kept together, too-recent and undated leads in neither part", (share, judgeableBefore) => {
    // Creation days 0–9 (many ties) and a sixth of the leads undated.
    const crm = randomCrm(5, 600);
    const split = splitByCreation(crm, share, judgeableBefore)!;
    const judgeable = crm.leads.filter((l) => l.createdAt !== null && l.createdAt < judgeableBefore).map((l) => l.createdAt as number);
    judgeable.sort((a, b) => a - b);
    // The judgeable dated leads' (1 − share) quantile: an undated lead cannot be placed in time, so it is in neither part.
    const undated = crm.leads.filter((l) => l.createdAt === null).length;
    expect(undated).toBeGreaterThan(0);
    expect(split.undated).toBe(undated);
    expect(split.splitAt).toBe(judgeable[Math.floor(judgeable.length * (1 - share))]);
    expect(split.holdout.leads.every((l) => l.createdAt !== null && l.createdAt >= split.splitAt && l.createdAt < judgeableBefore)).toBe(true);
    expect(split.train.leads.every((l) => l.createdAt !== null && l.createdAt < split.splitAt)).toBe(true);
    expect(split.train.leads.length + split.holdout.leads.length).toBe(judgeable.length);
  });
});
